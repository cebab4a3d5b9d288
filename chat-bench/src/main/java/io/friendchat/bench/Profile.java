package io.friendchat.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A JFR recording of CPU samples (every 10 ms) around a scenario's measured window, and
 * its CPU samples summed up: by thread pool, by method on top of the stack, and
 * by the application's frames anywhere on it.
 */
public final class Profile implements AutoCloseable {

    private static final int TOP = 12;

    private final Recording recording;
    private final Path file;

    private Profile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /**
     * Starts and stops a first recording at once, before any scenario, when {@code --jfr} is on. JFR's
     * first start in a JVM throws away compiled code: in a scenario after it, the JIT spent most of two
     * minutes compiling again, and sends ran at half their rate. Done here, it costs a JVM with nothing
     * compiled yet nothing.
     */
    public static void startOnceBeforeScenarios(Flags flags) {
        Profile first = start(flags, "first-start");
        if (first != null) {
            first.recording.stop();
            first.close();
        }
    }

    /** Starts recording when {@code --jfr} is on (the default); null when off. */
    public static Profile start(Flags flags, String name) {
        if (!flags.bool("jfr", true)) {
            return null;
        }
        try {
            Path dir = Path.of(flags.text("jfr-dir", "chat-bench/target/jfr"));
            Files.createDirectories(dir);
            // CPU samples only, which is all the summary reads: the full "profile" settings (allocation, lock,
            // park and socket events) cost a third of the send rate and 30 times an inbox's time.
            Recording recording = new Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.setName("bench-" + name);
            recording.start();
            return new Profile(recording, dir.resolve(name + ".jfr"));
        } catch (IOException e) {
            System.err.println("JFR off: " + e.getMessage());
            return null;
        }
    }

    /** Stops, writes the .jfr file and returns the summary as Markdown. */
    public String stopAndSummarize() {
        try {
            recording.stop();
            recording.dump(file);
            return summary(RecordingFile.readAllEvents(file));
        } catch (IOException e) {
            return "(JFR summary failed: " + e.getMessage() + ")\n";
        } finally {
            recording.close();
        }
    }

    @Override
    public void close() {
        recording.close();
    }

    private String summary(List<RecordedEvent> events) {
        Map<String, Long> byPool = new HashMap<>();
        Map<String, Long> byTop = new HashMap<>();
        Map<String, Long> byAppFrame = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : events) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            RecordedThread thread = event.getThread("sampledThread");
            String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
            byPool.merge(name.replaceAll("\\d+", "N"), 1L, Long::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            byTop.merge(method(stack.getFrames().get(0)), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : stack.getFrames()) {
                String method = method(frame);
                if (method.startsWith("io.friendchat.") && !method.startsWith("io.friendchat.bench.")
                        && seen.add(method)) {
                    byAppFrame.merge(method, 1L, Long::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "JFR (`%s`, %,d CPU samples; open it with `jfr print` or JMC):%n%n",
                file, samples));
        table(out, "CPU samples by thread", byPool, samples);
        table(out, "hottest methods (top of stack)", byTop, samples);
        table(out, "friendchat methods anywhere on the stack (inclusive)", byAppFrame, samples);
        return out.toString();
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long total) {
        out.append("| ").append(title).append(" | share |\n|---|---|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(entry -> out.append(String.format(Locale.ROOT, "| `%s` | %.1f%% |%n", entry.getKey(),
                        100.0 * entry.getValue() / Math.max(1, total))));
        out.append('\n');
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
