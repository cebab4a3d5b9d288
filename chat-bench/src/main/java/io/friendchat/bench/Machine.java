package io.friendchat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** The machine and JVM the figures were measured on, as the report's first section. */
public final class Machine {

    private Machine() {
    }

    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /**
     * When a section was measured and on which JVM: runs of single scenarios may come from other JVMs
     * than the run that wrote the machine section, so each section names its own.
     */
    public static String stamp() {
        return now() + ", JDK " + Runtime.version() + " with `" + jvmFlags() + "`";
    }

    public static String markdown(String command) {
        long[] files = ProcessFacts.openFileLimit();
        String ulimitAttempt = System.getenv().getOrDefault("BENCH_ULIMIT_ATTEMPT", "");
        StringBuilder out = new StringBuilder();
        out.append("## Machine and JVM\n\n");
        out.append("| | |\n|---|---|\n");
        row(out, "date of this run", now());
        row(out, "command", "`" + command + "`");
        row(out, "CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores seen by the JVM");
        row(out, "memory", memTotal());
        row(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        row(out, "JDK of this run (each section names its own)",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        row(out, "harness JVM flags (the in-process server runs in this JVM)", "`" + jvmFlags() + "`");
        row(out, "open files per process (soft / hard)", limit(files[0]) + " / " + limit(files[1])
                + (ulimitAttempt.isEmpty() ? "" : " — " + ulimitAttempt));
        row(out, "load average (1 min) when the run started", String.format("%.2f", LoadAverage.now()));
        row(out, "server settings", "the real standalone server (the code path of `main`), in-process, on an H2 file "
                + "database (`WRITE_DELAY=0`: every acknowledged message is durable; `cluster`: PostgreSQL and "
                + "Redis), `CHAT_RATE_LIMIT=0` (rate "
                + "limit off, as issue 8 asks), every other setting at its default (16 database connections, "
                + "20 request workers, pings every 30 s)");
        out.append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    public static String jvmFlags() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String flags = args.stream().filter(arg -> !arg.startsWith("-Dmaven") && !arg.startsWith("-Dclassworlds"))
                .collect(Collectors.joining(" "));
        return flags.isEmpty() ? "(none)" : flags;
    }

    private static String limit(long value) {
        return value == Long.MAX_VALUE ? "unlimited" : String.format("%,d", value);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal"))
                    .map(line -> String.format("%.1f GiB",
                            Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
