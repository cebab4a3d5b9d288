package io.friendchat.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A throwaway redis-server of the test's own, on a free port, keeping nothing on disk;
 * it can be stopped and started again on the same port. Tests are skipped when
 * redis-server is not installed, unless CHAT_REQUIRE_REDIS=1.
 */
public final class RedisServer implements AutoCloseable {

    private final Path binary;
    private final int port;
    private Process process;

    private RedisServer(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /**
     * Starts one, or skips the calling test with one line when redis-server is not on the
     * PATH (fails it instead when CHAT_REQUIRE_REDIS=1).
     */
    public static RedisServer start() {
        Optional<Path> binary = findBinary();
        if (binary.isEmpty()) {
            if ("1".equals(System.getenv("CHAT_REQUIRE_REDIS"))) {
                fail("redis-server is not installed, and CHAT_REQUIRE_REDIS=1 requires the tests that need Redis");
            }
            Assumptions.abort("redis-server is not installed: the tests that need Redis are skipped");
        }
        RedisServer server = new RedisServer(binary.get(), freePort());
        server.startAgain();
        return server;
    }

    /** {@code redis://127.0.0.1:<port>}, as CHAT_REDIS_URL takes it. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the server as an operator would (SIGTERM); clients see their connections close. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts on the same port, empty (nothing is persisted), and returns once it answers PING. */
    public synchronized void startAgain() {
        try {
            process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (answers("PING").equals("+PONG")) {
                return;
            }
            sleep(20);
        }
        stop();
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    /** Deletes every key (between tests that share a server). */
    public void flush() {
        if (!answers("FLUSHALL").equals("+OK")) {
            throw new IllegalStateException("FLUSHALL failed");
        }
    }

    /** One inline command; its first reply line, or "" when the server cannot be reached. */
    public String answers(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static Optional<Path> findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : List.of(path.split(File.pathSeparator))) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
