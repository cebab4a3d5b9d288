package io.friendchat.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real jar ({@code chat-server.jar}) as a separate {@code java -jar} process on a
 * free port, with {@link RunningServer}'s secret and admin token, and its output kept
 * for the assertion messages. Failsafe names the jar in {@code -Dchat.server.jar}.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("friendchat listening on (http://\\S+/)");
    private static final long START_TIMEOUT_SECONDS = 90;

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final URI baseUri;

    private ServerProcess(List<String> command, Map<String, String> settings)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("FRIENDCHAT_"));
        environment.putAll(defaults());
        environment.putAll(settings);
        process = builder.start();
        Thread reader = new Thread(() -> keep(process.getInputStream()), "server-process-output");
        reader.setDaemon(true);
        reader.start();
        baseUri = awaitListening();
    }

    /** Starts the jar with these settings on top of a free port, the test secret, the admin token, no rate limit. */
    static ServerProcess start(Map<String, String> settings) throws IOException, InterruptedException {
        return new ServerProcess(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar().toString()), settings);
    }

    /** Runs a launcher script (it execs java, so this process becomes the server) with the same defaults. */
    static ServerProcess launch(Path script, Map<String, String> settings) throws IOException, InterruptedException {
        return new ServerProcess(List.of(script.toString()), settings);
    }

    URI baseUri() {
        return baseUri;
    }

    String output() {
        return output.toString();
    }

    long pid() {
        return process.pid();
    }

    /** The running JVM's arguments, as the operating system reports them. */
    List<String> jvmArguments() {
        return process.info().arguments().map(List::of).orElseThrow(() ->
                new IllegalStateException("the arguments of process " + process.pid() + " are not visible"));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as in a power cut of the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server process did not die after SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped gracefully within 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> defaults() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CHAT_PORT", "0");
        environment.put("CHAT_JWT_SECRET", RunningServer.SECRET);
        environment.put("CHAT_ADMIN_TOKEN", RunningServer.ADMIN);
        environment.put("CHAT_RATE_LIMIT", "0");
        return environment;
    }

    static Path jar() {
        String configured = System.getProperty("chat.server.jar");
        Path jar = Path.of(configured != null ? configured : "target/chat-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the server jar " + jar.toAbsolutePath() + " is not built: run "
                    + "./mvnw -B -pl chat-bootstrap -am verify (failsafe runs *IT after package)");
        }
        return jar;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void keep(InputStream stream) {
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private URI awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(output);
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new UncheckedIOException(new IOException("the server did not start within " + START_TIMEOUT_SECONDS
                + " s:\n" + output));
    }
}
