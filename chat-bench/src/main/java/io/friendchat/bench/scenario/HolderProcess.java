package io.friendchat.bench.scenario;

import io.friendchat.bench.holder.SocketHolder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A {@link SocketHolder} child JVM, driven over its standard input and output. */
final class HolderProcess implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicReference<String> lastLine = new AtomicReference<>("");
    private final AtomicReference<String> readyLine = new AtomicReference<>("");
    private volatile CountDownLatch statsAnswer = new CountDownLatch(1);
    private final AtomicReference<String> stats = new AtomicReference<>("");

    private HolderProcess(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "holder-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts holder number {@code index} of a run: it connects from four 127.0.0.x source addresses of its own, so
     * that no address runs out of ports.
     */
    static HolderProcess start(String host, int port, List<Long> ids, int index, int handshakes, String secret,
                               Path dir) throws IOException {
        List<String> sources = IntStream.range(0, 4).mapToObj(a -> "127.0.0." + (10 + index * 4 + a)).toList();
        Path idsFile = Files.createTempFile(dir, "ids-", ".txt");
        Files.writeString(idsFile, ids.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SocketHolder.class.getName(), host, String.valueOf(port),
                idsFile.toString(), String.join(",", sources), String.valueOf(handshakes)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BENCH_JWT_SECRET", secret);
        return new HolderProcess(builder.start());
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                lastLine.set(line);
                if (line.startsWith("ready ")) {
                    readyLine.set(line);
                    ready.countDown();
                } else if (line.startsWith("stats ")) {
                    stats.set(line.substring("stats ".length()));
                    statsAnswer.countDown();
                } else if (!line.startsWith("progress ")) {
                    System.out.println("holder: " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.countDown();
        statsAnswer.countDown();
    }

    boolean awaitReady(long seconds) throws InterruptedException {
        return ready.await(seconds, TimeUnit.SECONDS);
    }

    /** Milliseconds from its first connect to its last handshake done. */
    long readyMillis() {
        return field(readyLine.get(), "ms");
    }

    String lastLine() {
        return lastLine.get();
    }

    /** Its counters now: {@code open=... failed=... closed=... events=... pings=... codes={...}}. */
    String stats() throws IOException, InterruptedException {
        statsAnswer = new CountDownLatch(1);
        commands.write("stats\n");
        commands.flush();
        statsAnswer.await(10, TimeUnit.SECONDS);
        return stats.get();
    }

    /** A counter summed over several holders' stats lines. */
    static long total(List<String> stats, String name) {
        return stats.stream().mapToLong(line -> field(line, name)).sum();
    }

    static long field(String stats, String name) {
        for (String part : stats.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            commands.write("exit\n");
            commands.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
