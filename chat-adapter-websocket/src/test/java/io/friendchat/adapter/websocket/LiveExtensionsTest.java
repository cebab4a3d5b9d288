package io.friendchat.adapter.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.friendchat.application.live.CatchUp;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md's opt-in live extensions: events=PRESENCE,TYPING,READ and after=<id>. */
@Timeout(60)
class LiveExtensionsTest {

    private LiveWorld world;
    private Account ayrei;
    private Account bob;
    private Account carol;

    @BeforeEach
    void start() {
        world = LiveWorld.start();
        ayrei = world.account(1, "ayrei");
        bob = world.account(2, "bob");
        carol = world.account(3, "carol");
        world.befriend(ayrei, bob);
        world.befriend(carol, ayrei);
        world.befriend(carol, bob);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void a_client_that_asks_for_nothing_gets_only_new_message_while_friends_type_read_come_and_go() {
        Message fromBob = world.send(bob, ayrei, "read me");
        try (Client plain = Client.connect(world.socketOf(bob, ""));
             Client everything = Client.connect(world.socketOf(bob, "&events=READ,TYPING,PRESENCE,UNKNOWN"))) {
            Wait.until(() -> world.presence.isOnline(bob.id()));
            everything.expectNothingFor(Duration.ofMillis(100)); // no friend online yet: empty snapshot

            try (Client ayreis = Client.connect(world.socketOf(ayrei, ""))) {
                Wait.until(() -> world.presence.isOnline(ayrei.id()));
                everything.expect("{\"case\": \"PRESENCE\", \"account\": \"ayrei\", \"online\": true}");
                ayreis.send("{\"case\": \"TYPING\", \"account\": \"bob\"}");
                everything.expect("{\"case\": \"TYPING\", \"sender\": \"ayrei\"}");
                world.useCases.markRead().mark(ayrei, "bob", fromBob.id().value());
                everything.expect("{\"case\": \"READ\", \"reader\": \"ayrei\", \"up_to\": %d}"
                        .formatted(fromBob.id().value()));
            }
            everything.expect("{\"case\": \"PRESENCE\", \"account\": \"ayrei\", \"online\": false}");
            Message toBob = world.send(ayrei, bob, "only this");

            assertThat(plain.next().get("id").asLong()).isEqualTo(toBob.id().value());
            plain.expectNothingFor(Duration.ofMillis(300));
            assertThat(everything.next().get("case").asText()).isEqualTo("NEW_MESSAGE");
        }
    }

    @Test
    void presence_is_sent_on_the_first_open_and_the_last_close_only() {
        try (Client carols = Client.connect(world.socketOf(carol, "&events=PRESENCE"))) {
            Wait.until(() -> world.presence.isOnline(carol.id()));
            Client tab1 = Client.connect(world.socketOf(bob, ""));
            carols.expect("{\"case\": \"PRESENCE\", \"account\": \"bob\", \"online\": true}");

            Client tab2 = Client.connect(world.socketOf(bob, ""));
            Wait.until(() -> world.sessions.openSockets() == 3);
            carols.expectNothingFor(Duration.ofMillis(300));

            tab1.close();
            tab1.awaitClose();
            carols.expectNothingFor(Duration.ofMillis(300));
            assertThat(world.presence.isOnline(bob.id())).as("the second tab keeps bob online").isTrue();

            tab2.close();
            carols.expect("{\"case\": \"PRESENCE\", \"account\": \"bob\", \"online\": false}");
            assertThat(world.presence.isOnline(bob.id())).isFalse();
        }
    }

    @Test
    void the_snapshot_names_each_friend_online_now_and_no_stranger() {
        Account stranger = world.account(4, "stranger");
        try (Client ayreis = Client.connect(world.socketOf(ayrei, ""));
             Client bobs = Client.connect(world.socketOf(bob, ""));
             Client strangers = Client.connect(world.socketOf(stranger, "&events=PRESENCE"))) {
            Wait.until(() -> world.presence.onlineAmong(List.of(ayrei.id(), bob.id(), stranger.id())).size() == 3);

            try (Client carols = Client.connect(world.socketOf(carol, "&events=PRESENCE"))) {
                carols.expect("{\"case\": \"PRESENCE\", \"account\": \"ayrei\", \"online\": true}");
                carols.expect("{\"case\": \"PRESENCE\", \"account\": \"bob\", \"online\": true}");
                carols.expectNothingFor(Duration.ofMillis(300));
            }
            strangers.expectNothingFor(Duration.ofMillis(300));
        }
    }

    @Test
    void catch_up_replays_what_was_received_after_the_id_oldest_first_then_the_snapshot_then_live() {
        Account former = world.account(5, "former");
        world.befriend(former, bob);
        Message m1 = world.send(ayrei, bob, "one");
        world.send(former, bob, "from a friend no more");
        world.directory.unfriend(former.id(), bob.id());
        Message m2 = world.send(carol, bob, "two");
        Message m3 = world.send(ayrei, bob, "three");
        world.send(bob, ayrei, "bob's own message is not replayed to him");
        try (Client ayreis = Client.connect(world.socketOf(ayrei, ""))) {
            Wait.until(() -> world.presence.isOnline(ayrei.id()));

            try (Client bobs = Client.connect(world.socketOf(bob, "&events=PRESENCE&after=" + m1.id().value()))) {
                bobs.expect("""
                        {"case": "NEW_MESSAGE", "time": "2024-09-28 16:00:23", "message": "two", "sender": "carol",
                         "picture": "http://pictures.example/carol.png", "full-name": "Full carol",
                         "id": %d, "reciver": "bob"}""".formatted(m2.id().value()));
                assertThat(bobs.next().get("id").asLong()).isEqualTo(m3.id().value());
                bobs.expect("{\"case\": \"PRESENCE\", \"account\": \"ayrei\", \"online\": true}");
                Message live = world.send(ayrei, bob, "live");
                assertThat(bobs.next().get("id").asLong()).isEqualTo(live.id().value());
                bobs.expectNothingFor(Duration.ofMillis(200));
            }
        }
    }

    @Test
    void after_zero_replays_everything_and_more_than_500_ends_with_resync() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 505; i++) {
            ids.add(world.send(ayrei, bob, "message " + i).id().value());
        }
        try (Client bobs = Client.connect(world.socketOf(bob, "&after=0"))) {
            for (int i = 0; i < 500; i++) {
                assertThat(bobs.next().get("id").asLong()).isEqualTo(ids.get(i));
            }
            bobs.expect("{\"case\": \"RESYNC\"}");
            Message live = world.send(ayrei, bob, "live after the resync");
            assertThat(bobs.next().get("id").asLong()).isEqualTo(live.id().value());
        }
    }

    @Test
    void reconnecting_with_the_last_id_seen_misses_nothing_and_repeats_nothing_while_friends_keep_sending() {
        reconnectWhileSending(0);
    }

    @Test
    void the_same_holds_when_the_catch_up_is_cut_short_by_a_resync() {
        reconnectWhileSending(600);
    }

    private void reconnectWhileSending(int sentBefore) {
        for (int i = 0; i < sentBefore; i++) {
            world.send(ayrei, bob, "before " + i);
        }
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            while (sending.get()) {
                world.send(carol, bob, "meanwhile");
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sender.start();
        List<Long> received = new ArrayList<>();
        boolean resynced = false;
        int framesPerRound = sentBefore > CatchUp.MAX_REPLAY ? CatchUp.MAX_REPLAY + 50 : 150;
        try {
            for (int round = 0; round < 5; round++) {
                long after = received.isEmpty() ? 0 : received.get(received.size() - 1);
                try (Client bobs = Client.connect(world.socketOf(bob, "&after=" + after))) {
                    for (int frame = 0; frame < framesPerRound; frame++) {
                        JsonNode next = bobs.next();
                        if (next.get("case").asText().equals("RESYNC")) {
                            resynced = true;
                            continue;
                        }
                        received.add(next.get("id").asLong());
                    }
                }
            }
        } finally {
            sending.set(false);
            sender.interrupt();
        }
        assertThat(resynced).isEqualTo(sentBefore > CatchUp.MAX_REPLAY);
        assertThat(received).as("ids received, in order").isSorted().doesNotHaveDuplicates();
        if (!resynced) {
            long first = received.get(0);
            long last = received.get(received.size() - 1);
            assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(first, last).boxed().toList());
            assertThat(first).isEqualTo(1);
        }
    }
}
