package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.friendchat.bootstrap.RunningServer.json;

class ScratchPresenceProbeTest {
    static final Logger REDIS = Logger.getLogger("io.friendchat.adapter.redis");
    @Test
    void probe() throws Exception {
        ConsoleHandler h = new ConsoleHandler();
        h.setLevel(Level.ALL);
        REDIS.setLevel(Level.ALL);
        REDIS.addHandler(h);
        try (ThreeNodes nodes = ThreeNodes.start(Map.of("CHAT_RATE_LIMIT", "0"))) {
            long pia = nodes.a.createAccount("pia", "Pia Watcher");
            long quin = nodes.a.createAccount("quin", "Quin Typist");
            nodes.a.befriend("pia", "quin");
            java.net.Socket sub = new java.net.Socket("127.0.0.1", nodes.redis.port());
            sub.getOutputStream().write(("SUBSCRIBE friendchat:live:" + pia + " friendchat:live:" + quin + "\r\n").getBytes());
            sub.getOutputStream().flush();
            Thread reader = new Thread(() -> {
                try {
                    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(sub.getInputStream()));
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("{") || line.contains("live")) System.err.println("### redis " + System.nanoTime() / 1_000_000 + " " + line);
                    }
                } catch (Exception e) { }
            });
            reader.setDaemon(true);
            reader.start();
            try (Heard piaOnA = Heard.on(nodes.a, nodes.a.token(pia), "&events=PRESENCE,TYPING,READ");
                 Heard quinOnB = Heard.on(nodes.b, nodes.b.token(quin), "&events=READ")) {
                System.err.println("### sockets open " + System.nanoTime() / 1_000_000);
                System.err.println("### waiting first online " + System.nanoTime() / 1_000_000);
                piaOnA.await(Duration.ofSeconds(5), json("{\"case\": \"PRESENCE\", \"account\": \"quin\", \"online\": true}"));
                System.err.println("### first online heard; redis online set: " + nodes.redis.answers("SCARD friendchat:online:" + quin));
                System.err.println("### after 3s heard " + piaOnA.listen(Duration.ofSeconds(3)));
                System.err.println("### after 1s: " + nodes.redis.answers("SCARD friendchat:online:" + quin) + " nodes " + nodes.redis.answers("SCARD friendchat:nodes"));
                try (Heard quinOnC = Heard.on(nodes.c, nodes.c.token(quin), "&events=PRESENCE")) {
                    quinOnC.await(Duration.ofSeconds(5), json("{\"case\": \"PRESENCE\", \"account\": \"pia\", \"online\": true}"));
                    System.err.println("### C open: " + nodes.redis.answers("SCARD friendchat:online:" + quin));
                    System.err.println("### heard " + piaOnA.listen(Duration.ofSeconds(2)));
                }
            }
        }
    }
}
