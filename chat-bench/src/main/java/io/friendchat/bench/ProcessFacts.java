package io.friendchat.bench;

import java.io.File;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What Linux and the JVM say about this process: open descriptors, their limit, memory, CPU and JIT time. */
public final class ProcessFacts {

    private ProcessFacts() {
    }

    /** Descriptors open now in this process. */
    public static int openFiles() {
        return openFiles("self");
    }

    /** Descriptors open now in another process of this user. */
    public static int openFiles(long pid) {
        return openFiles(Long.toString(pid));
    }

    private static int openFiles(String process) {
        String[] fds = new File("/proc/" + process + "/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** The "Max open files" line of /proc/self/limits: soft and hard, or -1 when unknown. */
    public static long[] openFileLimit() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/limits"));
            for (String line : lines) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return new long[]{parse(parts[0]), parse(parts[1])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown below
        }
        return new long[]{-1, -1};
    }

    /** Resident set size in bytes (VmRSS), or -1. */
    public static long residentBytes() {
        return residentBytes("self");
    }

    /** Another process's resident set size in bytes (VmRSS), or -1. */
    public static long residentBytes(long pid) {
        return residentBytes(Long.toString(pid));
    }

    private static long residentBytes(String process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown below
        }
        return -1;
    }

    /** CPU time this process has used so far, every thread, in nanoseconds. */
    public static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The whole machine's CPU time so far from /proc/stat, in clock ticks: {busy, total}
     * (busy is all but idle and iowait); {0, 0} when unknown.
     */
    public static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    /** Time this JVM's JIT compilers have spent compiling so far, in milliseconds. */
    public static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long parse(String value) {
        return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
    }
}
