package io.friendchat.bench.cluster;

import io.friendchat.bench.ProcessFacts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node as operators run it: the server jar in a JVM of its own, so that it has its own open-file limit (one
 * process here holds at most ~19,500 sockets), its output in a log file. Its heap is read with {@code jcmd} after
 * full collections, its sockets from its own {@code /metrics}.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("friendchat listening on (http://\\S+/)");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final long START_SECONDS = 120;

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NodeProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts {@code java jvmFlags -jar jar} with these CHAT_* settings and returns once it listens. */
    public static NodeProcess start(Path jar, List<String> jvmFlags, Map<String, String> settings, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().putAll(settings);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher listening = LISTENING.matcher(output);
            if (listening.find()) {
                return new NodeProcess(process, log, URI.create(listening.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("a node exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("a node did not listen within " + START_SECONDS + " s:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    public URI base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    public int openFiles() {
        return ProcessFacts.openFiles(process.pid());
    }

    public long residentBytes() {
        return ProcessFacts.residentBytes(process.pid());
    }

    /** Bytes of heap in use after two full collections, as {@code jcmd GC.heap_info} reports them. */
    public long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info of node " + pid() + " said:\n" + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** The node's own count of open sockets: its {@code chat_sockets_open} gauge. */
    public long socketsOpen() throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("chat_sockets_open")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("node " + base + " has no chat_sockets_open in /metrics");
    }

    /** The last lines the node wrote, for a failure's message. */
    public String tail(int lines) throws IOException {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid() + " " + command + " failed:\n" + output);
        }
        return output;
    }

    /** SIGTERM (a graceful stop), then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
