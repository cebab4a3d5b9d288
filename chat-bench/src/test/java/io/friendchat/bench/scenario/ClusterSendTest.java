package io.friendchat.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterSendTest {

    @Test
    void the_default_rate_is_half_the_first_closed_loop_in_tens_between_10_and_200() {
        assertThat(ClusterSend.defaultRate(313)).isEqualTo(150);
        assertThat(ClusterSend.defaultRate(24)).isEqualTo(10);
        assertThat(ClusterSend.defaultRate(3)).isEqualTo(10);
        assertThat(ClusterSend.defaultRate(900)).isEqualTo(200);
    }
}
