package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.ratelimit.Permit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The typing throttle and the rate limit hold over all nodes together. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(30)
class SharedLimitsTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
    private static final AccountId CAROL = AccountId.of(3);
    private static final int RATE = 5;

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.of(Duration.ofSeconds(3), RATE, "a", "b");

    private Nodes.Node a;
    private Nodes.Node b;

    @BeforeEach
    void pickNodes() {
        a = cluster.node("a");
        b = cluster.node("b");
    }

    @Test
    void one_typing_signal_per_pair_passes_in_two_seconds_whichever_node_it_comes_through() {
        assertThat(a.cluster().typingThrottle().admit(ALICE, BOB)).isTrue();
        assertThat(b.cluster().typingThrottle().admit(ALICE, BOB)).isFalse();
        assertThat(a.cluster().typingThrottle().admit(ALICE, BOB)).isFalse();
        assertThat(b.cluster().typingThrottle().admit(BOB, ALICE)).isTrue();
        assertThat(b.cluster().typingThrottle().admit(ALICE, CAROL)).isTrue();

        Wait.pause(Duration.ofMillis(2100));

        assertThat(b.cluster().typingThrottle().admit(ALICE, BOB)).isTrue();
        assertThat(a.cluster().typingThrottle().admit(ALICE, BOB)).isFalse();
    }

    @Test
    void an_account_gets_a_burst_of_twice_the_rate_over_all_nodes_together_then_waits() {
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < 2 * RATE; i++) {
            permits.add((i % 2 == 0 ? a : b).cluster().rateLimiter().acquire(ALICE));
        }
        Permit refusedOnA = a.cluster().rateLimiter().acquire(ALICE);
        Permit refusedOnB = b.cluster().rateLimiter().acquire(ALICE);

        assertThat(permits).allMatch(Permit::granted);
        assertThat(refusedOnA.granted()).isFalse();
        assertThat(refusedOnB.granted()).isFalse();
        assertThat(refusedOnB.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(1000 / RATE));
        assertThat(a.cluster().rateLimiter().acquire(BOB).granted()).isTrue();
    }

    @Test
    void tokens_come_back_at_the_rate() {
        for (int i = 0; i < 2 * RATE; i++) {
            a.cluster().rateLimiter().acquire(ALICE);
        }
        Permit refused = b.cluster().rateLimiter().acquire(ALICE);
        assertThat(refused.granted()).isFalse();

        Wait.pause(refused.retryAfter().plusMillis(20));

        assertThat(b.cluster().rateLimiter().acquire(ALICE).granted()).isTrue();
        assertThat(a.cluster().rateLimiter().acquire(ALICE).granted()).isFalse();
    }

    @Test
    void a_rate_of_zero_never_refuses() {
        try (Nodes unlimited = new Nodes(cluster.redis(), Duration.ofSeconds(3), 0)) {
            Nodes.Node node = unlimited.start("unlimited");
            for (int i = 0; i < 100; i++) {
                assertThat(node.cluster().rateLimiter().acquire(ALICE).granted()).isTrue();
            }
        }
    }
}
