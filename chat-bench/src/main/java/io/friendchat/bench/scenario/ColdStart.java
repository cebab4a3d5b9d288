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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cold start of the shaded jar: from {@code java -jar chat-server.jar} to the first
 * answered request ({@code GET /health}, which reaches the database), plain, through the
 * {@code friendchat} launcher beside the jar as operators start it, and plain again with the
 * archive the launcher made; the run fails when the launcher does not answer or does not
 * make, use (and, unless every scenario runs, renew) its archive.
 */
public final class ColdStart {

    private static final Pattern STARTED = Pattern.compile("started in (\\d+) ms");
    private static final String TRAINING_LINE = "friendchat: preparing a class-data archive";
    private static final double TARGET_MILLIS = 1_500;
    private static final String APP_CDS = "AppCDS";
    private static final String AOT_CACHE = "AOT cache";
    private static final String ARCHIVE_ROW = " (`java -jar` mapping the launcher's archive)";
    /** Long enough for the launcher's training start on a busy machine. */
    private static final long ANSWER_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(180);

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
        // One start per variant by default: each repeat adds six starts to ./bench for a median of noisy figures,
        // while the launcher's checks (training, reuse) run in full either way.
        int runs = Math.max(1, flags.integer("coldstart-runs", 1));
        String command = "`./bench coldstart --coldstart-runs " + runs + "` — " + Machine.stamp();
        if (!Files.isRegularFile(jar)) {
            return "## 6. cold start\n\n" + command + "\n\nSkipped: " + jar + " is missing (build it with "
                    + "`./mvnw -B -o -q -DskipTests install`; `./bench` does).\n";
        }
        Path work = Files.createTempDirectory("friendchat-coldstart-");
        try {
            // A copy, so that a rebuild meanwhile cannot change or remove the jar between runs.
            Path original = jar;
            jar = Files.copy(original, work.resolve("chat-server.jar"));
            String db = "jdbc:h2:file:" + work.resolve("chat");
            List<Variant> variants = new ArrayList<>();
            variants.add(variant("first start, new database (migrated at start)", List.of(), 1, jar, db));
            variants.add(variant("plain `java -jar`", List.of(), runs, jar, db));
            Launcher launcher = launcher(original, work, jar, db, runs, variants);
            return markdown(command, original, runs, variants, launcher, loadBefore);
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
            Started started = start(java(jvmFlags, jar), Map.of(), db, 0);
            millis.add(started.millis());
            selfReported.add(started.selfReported());
        }
        return new Variant(name, String.join(" ", jvmFlags), millis, selfReported);
    }

    private static List<String> java(List<String> jvmFlags, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** What the launcher's first start made, and whether this run also checked that a changed jar trains again. */
    private record Launcher(long archiveBytes, String archiveKind, boolean retrained) {
    }

    /**
     * {@code friendchat} beside a copy of the jar, with its archive beside the jar as by default: a first start
     * that trains; {@code java -jar} mapping the archive it made (the script's own time is the difference to the
     * launcher's rows); later starts that must not train, the same with {@code FRIENDCHAT_FAST_START=1}; and,
     * unless this is a run of every scenario, a start after the jar changed, which must train again and leave only
     * the new archive ({@code LauncherIT} checks that at every build, so {@code ./bench} spares its 15–30 s).
     */
    private Launcher launcher(Path original, Path work, Path jar, String db, int runs, List<Variant> variants)
            throws Exception {
        Path source = original.resolveSibling("friendchat");
        if (!Files.isExecutable(source)) {
            throw new IllegalStateException("the launcher " + source + " is missing or not executable: build it with "
                    + "`./mvnw -B -q -pl chat-bootstrap -am package -DskipTests`");
        }
        Path script = Files.copy(source, work.resolve("friendchat"), StandardCopyOption.COPY_ATTRIBUTES);
        List<String> command = List.of(script.toString());
        Map<String, String> plain = Map.of("JAVA", javaCommand());
        Map<String, String> fast = Map.of("JAVA", javaCommand(), "FRIENDCHAT_FAST_START", "1");
        help(script);
        variants.add(launcherVariant("`friendchat`, first start (a training start makes the archive, then the "
                + "server starts)", command, plain, 1, db, true));
        List<Path> made = archives(work);
        if (made.size() != 1) {
            throw new IllegalStateException("the launcher's first start left " + made.size()
                    + " archives beside the jar, expected one: " + made);
        }
        Path archive = made.get(0);
        long archiveBytes = Files.size(archive);
        boolean aot = archive.getFileName().toString().endsWith(".aot");
        String kind = aot ? AOT_CACHE : APP_CDS;
        List<String> mapped = List.of((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        variants.add(variant(kind + ARCHIVE_ROW, mapped, runs, jar, db));
        variants.add(variant(kind + " + `-XX:TieredStopAtLevel=1`",
                Stream.concat(mapped.stream(), Stream.of("-XX:TieredStopAtLevel=1")).toList(), runs, jar, db));
        variants.add(launcherVariant("`friendchat`, later starts", command, plain, runs, db, false));
        variants.add(launcherVariant("`FRIENDCHAT_FAST_START=1 friendchat` (adds `-XX:TieredStopAtLevel=1`), "
                + "later starts", command, fast, runs, db, false));
        boolean retrain = flags.bool("coldstart-retrain", !flags.everyScenario());
        if (retrain) {
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
            variants.add(launcherVariant("`friendchat` after the jar changed (trains again)", command, plain, 1, db,
                    true));
            List<Path> renewed = archives(work);
            if (renewed.size() != 1 || renewed.equals(made)) {
                throw new IllegalStateException("after the jar changed the launcher should have replaced " + made
                        + " by a new archive, found " + renewed);
            }
        }
        return new Launcher(archiveBytes, kind, retrain);
    }

    /** {@code friendchat --help} is the server's own usage, at once: no training, no archive. */
    private static void help(Path script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--help").redirectErrorStream(true);
        builder.environment().put("JAVA", javaCommand());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.contains("Usage:")
                || output.contains(TRAINING_LINE) || !archives(script.getParent()).isEmpty()) {
            process.destroyForcibly();
            throw new IllegalStateException("`friendchat --help` should print the server's usage and nothing "
                    + "else; it said:\n" + output);
        }
    }

    private Variant launcherVariant(String name, List<String> command, Map<String, String> environment, int runs,
                                    String db, boolean trains) throws Exception {
        List<Double> millis = new ArrayList<>();
        List<String> selfReported = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            System.out.println("coldstart: " + name + " run " + (i + 1));
            Started started = start(command, environment, db, 0);
            if (started.output().contains(TRAINING_LINE) != trains) {
                throw new IllegalStateException("the launcher " + (trains ? "did not train" : "trained again")
                        + " (" + name + "); it said:\n" + started.output());
            }
            millis.add(started.millis());
            selfReported.add(started.selfReported());
        }
        return new Variant(name, "", millis, selfReported);
    }

    private static List<Path> archives(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith("chat-server.") && (name.endsWith(".jsa") || name.endsWith(".aot"));
            }).sorted().toList();
        }
    }

    private record Started(double millis, String selfReported, String output) {
    }

    private Started start(List<String> command, Map<String, String> environment, String db, int extraRequests)
            throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
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
            long deadline = launched + ANSWER_DEADLINE_NANOS;
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
            String ended = process.isAlive() ? "still running" : "exited with " + process.exitValue();
            stop(process);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher matcher = STARTED.matcher(output);
            if (Double.isNaN(millis)) {
                // A row of no figure would read as a result: a start that never answered fails the run.
                throw new IllegalStateException("`" + String.join(" ", command) + "` did not answer GET /health "
                        + "with 200 within " + TimeUnit.NANOSECONDS.toSeconds(ANSWER_DEADLINE_NANOS) + " s ("
                        + ended + "); it said:\n" + output);
            }
            return new Started(millis, matcher.find() ? matcher.group(1) + " ms" : "–", output);
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

    /** SIGTERM; an archive is written at that exit, which takes more than 30 s on a busy machine. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String markdown(String command, Path jar, int runs, List<Variant> variants, Launcher launcher,
                            double loadBefore) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("## 6. cold start — `java -jar` and `friendchat` to the first answered request\n\n");
        out.append(command).append(", load average ").append(Figures.load(loadBefore, LoadAverage.now()))
                .append("\n\n");
        out.append("`").append(jar).append("` (").append(Figures.bytes(Files.size(jar)))
                .append("), no JVM flag but the variant's, H2 file database, the time from launching the process to "
                        + "the first complete `HTTP/1.1 200` to `GET /health` (which asks the database), polled every "
                        + "5 ms. The `friendchat` rows launch the script beside the jar as operators do (`JAVA` set to "
                        + "the harness's java, the archive kept beside the jar by default), so they include the "
                        + "script's own time. \"Self-reported\" is the server's own `started in N ms` line (from the "
                        + "JVM's start, so without the launch before it, to listening).\n\n");
        out.append("| variant | runs (ms) | best | median | self-reported |\n|---|---|---|---|---|\n");
        for (Variant variant : variants) {
            out.append("| ").append(variant.name()).append(" | ")
                    .append(variant.millis().stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                            .collect(Collectors.joining(", "))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f ms", variant.best())).append(" | **")
                    .append(String.format(Locale.ROOT, "%.0f ms", variant.median())).append("** | ")
                    .append(String.join(", ", variant.selfReported())).append(" |\n");
        }
        out.append("\n`friendchat`: its first start made a ").append(Figures.bytes(launcher.archiveBytes()))
                .append(" archive (").append(launcher.archiveKind())
                .append(") beside the jar in a training start (a demo server on a throw-away H2 database and a free "
                        + "port, a few requests over REST and a WebSocket, a normal stop); the ")
                .append(launcher.archiveKind())
                .append(" rows start `java -jar` with that archive, so they differ from the launcher's later starts "
                        + "only by the script. Later starts used it without training again")
                .append(launcher.retrained()
                        ? ", and once the jar's modification time changed it trained again and left only the new "
                                + "archive (all checked by this run, which fails otherwise).\n\n"
                        : " (checked by this run, which fails otherwise; a changed jar training again is checked by "
                                + "`./bench coldstart` alone and by `LauncherIT` at every build).\n\n");
        out.append("Target ≤ 1.5 s (")
                .append(runs > 1 ? "medians of " + runs + " starts"
                        : "one start each; medians with `--coldstart-runs 3`")
                .append("): plain **").append(verdict(variants, "plain `java -jar`"))
                .append("**, ").append(launcher.archiveKind()).append(" **")
                .append(verdict(variants, launcher.archiveKind() + ARCHIVE_ROW))
                .append("**, `friendchat` **").append(verdict(variants, "`friendchat`, later starts"))
                .append("**, `FRIENDCHAT_FAST_START=1 friendchat` **")
                .append(verdict(variants, "`FRIENDCHAT_FAST_START=1 friendchat`")).append("**.\n\n");
        return out.toString();
    }

    /** Whether the median of the first variant named so met the target. */
    private static String verdict(List<Variant> variants, String namePrefix) {
        return variants.stream().filter(variant -> variant.name().startsWith(namePrefix)).findFirst()
                .map(variant -> Figures.verdict(variant.median() <= TARGET_MILLIS)).orElse("not measured");
    }
}
