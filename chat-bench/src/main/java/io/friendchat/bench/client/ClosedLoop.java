package io.friendchat.bench.client;

import io.friendchat.bench.ProcessFacts;
import io.friendchat.bench.report.Figures;
import org.HdrHistogram.Histogram;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A closed-model load: each worker sends its next request as soon as the last one
 * was answered, over its own keep-alive connection, for a warm-up and then a
 * measured window. Answers count in the window they complete in.
 */
public final class ClosedLoop {

    /**
     * What came back: 200s over the whole run and in the window, other outcomes by status;
     * and what this process spent in the window: CPU time (every thread: client, in-process
     * server, JIT, GC) and time its JIT compilers spent compiling; and the share of the whole
     * machine's CPU time that was busy (this process, the kernel's own threads, anything else).
     */
    public record Result(long okTotal, long okInWindow, long windowStartNanos, long windowEndNanos,
                         Histogram serviceMicros, Map<String, Long> failures, long cpuNanosInWindow,
                         long compileMillisInWindow, double machineBusyInWindow) {

        /** Below this share of a window spent compiling, the JIT counts as settled. */
        public static final double JIT_SETTLED = 0.10;

        public double okPerSecond() {
            return okInWindow * 1e9 / (windowEndNanos - windowStartNanos);
        }

        /** This process's CPU time per request answered in the window, in microseconds. */
        public double cpuMicrosPerOk() {
            return okInWindow == 0 ? Double.NaN : cpuNanosInWindow / 1e3 / okInWindow;
        }

        /** This JVM's CPU time as cores kept busy on average over the window. */
        public double coresUsed() {
            return cpuNanosInWindow / (double) (windowEndNanos - windowStartNanos);
        }

        /** The JIT's compiling time as a share of the window's wall time (per compiler thread summed). */
        public double compileShare() {
            return compileMillisInWindow * 1e6 / (windowEndNanos - windowStartNanos);
        }

        public boolean jitSettled() {
            return compileShare() < JIT_SETTLED;
        }

        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ClosedLoop() {
    }

    /** One unmeasured round of a closed loop; {@code index} counts from 0. */
    public interface SettlingRound {
        Result run(int index) throws InterruptedException;
    }

    /**
     * Runs {@code round} at most {@code most} times, until one finds the JIT settled, and prints
     * each as "{@code label} n of at most {@code most}: {@code describe}"; returns every round run.
     */
    public static List<Result> untilJitSettled(int most, String label, SettlingRound round,
                                               Function<Result, String> describe) throws InterruptedException {
        List<Result> rounds = new ArrayList<>();
        for (int r = 0; r < most; r++) {
            Result result = round.run(r);
            rounds.add(result);
            System.out.println(label + " " + (r + 1) + " of at most " + most + ": " + describe.apply(result));
            if (result.jitSettled()) {
                break;
            }
        }
        return rounds;
    }

    /** {@code request.apply(worker, sequence)} makes each worker's next request. */
    public static Result run(ChatClient client, int workers, Duration warmup, Duration window,
                             BiFunction<Integer, Long, HttpRequest> request) throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        LongAdder okTotal = new LongAdder();
        LongAdder okInWindow = new LongAdder();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Histogram histogram = Figures.micros();
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                long sequence = 0;
                while (System.nanoTime() < windowEnd) {
                    HttpRequest next = request.apply(worker, sequence++);
                    long sent = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> answer = client.call(next);
                        outcome = answer.statusCode() == 200 ? null : "HTTP " + answer.statusCode();
                    } catch (RuntimeException e) {
                        outcome = e.getCause() != null ? e.getCause().getClass().getSimpleName()
                                : e.getClass().getSimpleName();
                    }
                    long answered = System.nanoTime();
                    if (outcome == null) {
                        okTotal.increment();
                        if (answered >= windowStart && answered < windowEnd) {
                            okInWindow.increment();
                            histogram.recordValue(Math.max(0, (answered - sent) / 1000));
                        }
                    } else {
                        failures.merge(outcome, 1L, Long::sum);
                    }
                }
            }, "bench-closed-" + worker);
            thread.start();
            threads.add(thread);
        }
        sleepUntil(windowStart);
        long cpuAtStart = ProcessFacts.cpuNanos();
        long compileAtStart = ProcessFacts.compileMillis();
        long[] machineAtStart = ProcessFacts.machineTicks();
        sleepUntil(windowEnd);
        long cpu = ProcessFacts.cpuNanos() - cpuAtStart;
        long compile = ProcessFacts.compileMillis() - compileAtStart;
        long[] machineAtEnd = ProcessFacts.machineTicks();
        long machineTotal = machineAtEnd[1] - machineAtStart[1];
        double machineBusy = machineTotal <= 0 ? Double.NaN
                : (machineAtEnd[0] - machineAtStart[0]) / (double) machineTotal;
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = Figures.micros();
        histograms.forEach(all::add);
        return new Result(okTotal.sum(), okInWindow.sum(), windowStart, windowEnd, all, new TreeMap<>(failures),
                cpu, compile, machineBusy);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
