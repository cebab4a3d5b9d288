package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.report.Figures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cold start of the shaded jar: from {@code java -jar chat-server.jar} to the first
 * answered request ({@code GET /health}, which reaches the database), plain and
 * with an AppCDS archive made by a training run.
 */
public final class ColdStart {

    private static final Pattern STARTED = Pattern.compile("started in (\\d+) ms");
    private static final double TARGET_MILLIS = 1_500;

    private final Flags flags;

    public ColdStart(Flags flags) {
        this.flags = flags;
    }

    /** One variant's runs: milliseconds to the first answer, and what the server said of its own start. */
    private record Variant(String name, String jvmFlags, List<Double> millis, List<String> selfReported) {
        double best() {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double median() {
            List<Double> sorted = millis.stream().sorted().toList();
            return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
        }
    }

    public String run() throws Exception {
        double loadBefore = LoadAverage.now();
        Path jar = Path.of(flags.text("jar", "chat-bootstrap/target/chat-server.jar"));
        int runs = flags.integer("coldstart-runs", 3);
        String command = "`./bench coldstart --coldstart-runs " + runs + "` — " + Machine.now();
        if (!Files.isRegularFile(jar)) {
            return "## 6. cold start\n\n" + command + "\n\nSkipped: " + jar + " is missing (build it with "
                    + "`./mvnw -B -o -q -DskipTests install`; `./bench` does).\n";
        }
        Path work = Files.createTempDirectory("friendchat-coldstart-");
        try {
            // A copy, so that a rebuild meanwhile cannot change or remove the jar between runs.
            Path original = jar;
            jar = Files.copy(original, work.resolve("chat-server.jar"));
            Path archive = work.resolve("app.jsa");
            String db = "jdbc:h2:file:" + work.resolve("chat");
            List<Variant> variants = new ArrayList<>();
            variants.add(variant("first start, new database (migrated at start)", List.of(), 1, jar, db));
            variants.add(variant("plain `java -jar`", List.of(), runs, jar, db));
            long trainingMillis = training(jar, db, archive);
            long archiveBytes = Files.exists(archive) ? Files.size(archive) : 0;
            if (archiveBytes > 0) {
                variants.add(variant("AppCDS (`-XX:SharedArchiveFile=app.jsa`)",
                        List.of("-XX:SharedArchiveFile=" + archive), runs, jar, db));
                variants.add(variant("AppCDS + `-XX:TieredStopAtLevel=1`",
                        List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"), runs, jar, db));
            }
            return markdown(command, original, variants, trainingMillis, archiveBytes, loadBefore);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private Variant variant(String name, List<String> jvmFlags, int runs, Path jar, String db) throws Exception {
        List<Double> millis = new ArrayList<>();
        List<String> selfReported = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            System.out.println("coldstart: " + name + " run " + (i + 1));
            Started started = start(jar, db, jvmFlags, 0);
            millis.add(started.millis());
            selfReported.add(started.selfReported());
        }
        return new Variant(name, String.join(" ", jvmFlags), millis, selfReported);
    }

    /** The AppCDS training run: start, a few requests, a normal exit that writes the archive. */
    private long training(Path jar, String db, Path archive) throws Exception {
        System.out.println("coldstart: AppCDS training run");
        return (long) start(jar, db, List.of("-XX:ArchiveClassesAtExit=" + archive), 50).millis();
    }

    private record Started(double millis, String selfReported) {
    }

    private Started start(Path jar, String db, List<String> jvmFlags, int extraRequests) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CHAT_JWT_SECRET", "coldstart-secret-of-at-least-32-bytes-long");
        builder.environment().put("CHAT_HOST", "127.0.0.1");
        builder.environment().put("CHAT_PORT", String.valueOf(port));
        builder.environment().put("CHAT_DB_URL", db);
        Path log = Files.createTempFile("friendchat-coldstart-", ".log");
        builder.redirectOutput(log.toFile());
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            double millis = Double.NaN;
            long deadline = launched + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (answers(port)) {
                    millis = (System.nanoTime() - launched) / 1e6;
                    break;
                }
                Thread.sleep(5);
            }
            for (int i = 0; i < extraRequests; i++) {
                answers(port);
            }
            stop(process);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher matcher = STARTED.matcher(output);
            if (Double.isNaN(millis)) {
                System.out.println("coldstart: no answer; server said:\n" + output);
            }
            return new Started(millis, matcher.find() ? matcher.group(1) + " ms" : "–");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** True when {@code GET /health} gets a complete HTTP 200 status line. */
    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String markdown(String command, Path jar, List<Variant> variants, long trainingMillis,
                            long archiveBytes, double loadBefore) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("## 6. cold start — `java -jar` to the first answered request\n\n");
        out.append(command).append(", load average ").append(Figures.load(loadBefore, LoadAverage.now()))
                .append("\n\n");
        out.append("`").append(jar).append("` (").append(Figures.bytes(Files.size(jar)))
                .append("), no JVM flag but the variant's, H2 file database, the time from launching the process to "
                        + "the first complete `HTTP/1.1 200` to `GET /health` (which asks the database), polled every "
                        + "5 ms. \"Self-reported\" is the server's own `started in N ms` line (JVM start to "
                        + "listening).\n\n");
        out.append("| variant | runs (ms) | best | median | self-reported |\n|---|---|---|---|---|\n");
        for (Variant variant : variants) {
            out.append("| ").append(variant.name()).append(" | ")
                    .append(variant.millis().stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                            .collect(Collectors.joining(", "))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f ms", variant.best())).append(" | **")
                    .append(String.format(Locale.ROOT, "%.0f ms", variant.median())).append("** | ")
                    .append(String.join(", ", variant.selfReported())).append(" |\n");
        }
        out.append("\nAppCDS: a training run with `-XX:ArchiveClassesAtExit=app.jsa` (answered in ")
                .append(trainingMillis).append(" ms, then 50 more requests and a normal exit on SIGTERM) wrote a ")
                .append(archiveBytes > 0 ? Figures.bytes(archiveBytes) : "**no**")
                .append(" archive; it is tied to this jar and JDK build, so it must be made again after each build.\n\n");
        double plain = variants.size() > 1 ? variants.get(1).median() : Double.NaN;
        double cds = variants.size() > 2 ? variants.get(2).median() : Double.NaN;
        out.append("Target ≤ 1.5 s: plain **").append(Figures.verdict(plain <= TARGET_MILLIS))
                .append("**, AppCDS **").append(Figures.verdict(cds <= TARGET_MILLIS)).append("** (medians).\n\n");
        return out.toString();
    }
}
