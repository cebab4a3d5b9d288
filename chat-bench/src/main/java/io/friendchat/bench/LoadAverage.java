package io.friendchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's one-minute load average, as {@code uptime} shows it (NaN where /proc is missing). */
public final class LoadAverage {

    private LoadAverage() {
    }

    public static double now() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Waits (polling every minute) until the load is below {@code quiet}, at most {@code maxMinutes}. */
    public static double waitBelow(double quiet, int maxMinutes) throws InterruptedException {
        double load = now();
        for (int minute = 0; minute < maxMinutes && load >= quiet; minute++) {
            System.out.printf("load average %.2f >= %.1f: waiting a minute (%d/%d)%n", load, quiet, minute + 1,
                    maxMinutes);
            Thread.sleep(60_000);
            load = now();
        }
        return load;
    }
}
