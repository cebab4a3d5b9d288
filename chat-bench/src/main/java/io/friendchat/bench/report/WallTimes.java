package io.friendchat.bench.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long each scenario of a run took, and the whole run: printed at the end of
 * every run, and written to the report after a run of `./bench` or `./bench all`.
 */
public final class WallTimes {

    private final long startedMillis;
    private final String since;
    private final Map<String, Long> scenarioMillis = new LinkedHashMap<>();

    /** {@code startedMillis}: when the run began (epoch ms); {@code since} says what that moment was. */
    public WallTimes(long startedMillis, String since) {
        this.startedMillis = startedMillis;
        this.since = since;
    }

    public void took(String scenario, long millis) {
        scenarioMillis.merge(scenario, millis, Long::sum);
    }

    public long totalMillis(long nowMillis) {
        return nowMillis - startedMillis;
    }

    /** "3 min 52 s", "41 s". */
    public static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** One line for the console: the total and each scenario's share. */
    public String line(long nowMillis) {
        StringBuilder out = new StringBuilder("total wall time ").append(duration(totalMillis(nowMillis)));
        String separator = " (";
        for (Map.Entry<String, Long> entry : scenarioMillis.entrySet()) {
            out.append(separator).append(entry.getKey()).append(' ').append(duration(entry.getValue()));
            separator = ", ";
        }
        return out.append(scenarioMillis.isEmpty() ? "" : ")").toString();
    }

    /** The report's run-time section: the command, when, the load, the total and a row per scenario. */
    public String markdown(String command, String date, String load, long nowMillis) {
        long total = totalMillis(nowMillis);
        long scenarios = scenarioMillis.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder();
        out.append("Last run of `./bench` (issue 8's scenarios) or `./bench all`: `").append(command).append("` — ")
                .append(date)
                .append(", load average ").append(load).append(": **").append(duration(total))
                .append("** wall time, from ").append(since).append(" to the last section written (")
                .append(duration(Math.max(0, total - scenarios)))
                .append(" of it before the first scenario).\n\n");
        out.append("| scenario | wall time |\n|---|---|\n");
        for (Map.Entry<String, Long> entry : scenarioMillis.entrySet()) {
            out.append("| ").append(entry.getKey()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f s", entry.getValue() / 1000.0)).append(" |\n");
        }
        return out.toString();
    }
}
