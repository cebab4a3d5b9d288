package io.friendchat.bench.holder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holder against a stand-in server on a loopback port that upgrades every request: the first socket is closed
 * with 1013 (try again later), which the holder must open again; the second is held.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketHolderTest {

    private static final String SECRET = "socket-holder-test-secret-of-32-bytes!!";

    @Test
    void aSocketClosedWith1013IsOpenedAgainAndHeld() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        CountDownLatch secondHeld = new CountDownLatch(1);
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> serve(server, requests, held, secondHeld), "stand-in-server");
            accepting.setDaemon(true);
            accepting.start();
            SocketHolder holder = new SocketHolder("127.0.0.1", server.getLocalPort(), new long[]{42},
                    List.of(new InetSocketAddress("127.0.0.1", 0)), 10, SECRET);
            Thread holding = new Thread(() -> {
                try {
                    holder.run();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }, "holder");
            holding.start();

            assertThat(secondHeld.await(20, TimeUnit.SECONDS)).as("a second connection").isTrue();
            Thread.sleep(500);
            holder.stop();
            holding.join(10_000);

            assertThat(requests).hasSize(2).allMatch(request -> request.startsWith("GET /ws/connection/?token="));
            assertThat(holder.stats().line())
                    .isEqualTo("open=1 failed=0 closed=1 retried=1 events=0 pings=0 codes={1013=1}");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** Upgrades each connection; closes the first with 1013 and keeps the second open. */
    private static void serve(ServerSocket server, List<String> requests, List<Socket> held, CountDownLatch second) {
        try {
            for (int connection = 0; connection < 2; connection++) {
                Socket socket = server.accept();
                held.add(socket);
                requests.add(readRequest(socket.getInputStream()));
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: stand-in\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                if (connection == 0) {
                    // A close frame, unmasked as servers send them: code 1013 (0x03F5), no reason.
                    out.write(new byte[]{(byte) 0x88, 2, 0x03, (byte) 0xF5});
                } else {
                    second.countDown();
                }
                out.flush();
            }
        } catch (IOException e) {
            // the test ended
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        StringBuilder request = new StringBuilder();
        while (request.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            request.append((char) b);
        }
        return request.toString();
    }
}
