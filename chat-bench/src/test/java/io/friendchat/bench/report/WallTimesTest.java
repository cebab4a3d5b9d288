package io.friendchat.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WallTimesTest {

    @Test
    void durations_read_in_minutes_and_seconds() {
        assertThat(WallTimes.duration(41_400)).isEqualTo("41 s");
        assertThat(WallTimes.duration(59_600)).isEqualTo("1 min 0 s");
        assertThat(WallTimes.duration(232_000)).isEqualTo("3 min 52 s");
    }

    @Test
    void the_total_runs_from_the_start_given_and_each_scenario_keeps_its_own_time() {
        WallTimes times = new WallTimes(1_000_000, "`./bench`'s start after its build");
        times.took("baseline", 20_000);
        times.took("send", 30_400);

        assertThat(times.totalMillis(1_060_000)).isEqualTo(60_000);
        assertThat(times.line(1_060_000)).isEqualTo("total wall time 1 min 0 s (baseline 20 s, send 30 s)");
        assertThat(times.markdown("./bench", "2026-01-01 00:00 UTC", "0.50 → 1.20", 1_060_000)).isEqualTo("""
                Last run of `./bench` (issue 8's scenarios) or `./bench all`: `./bench` — 2026-01-01 00:00 UTC, load average 0.50 → 1.20: **1 min 0 s** \
                wall time, from `./bench`'s start after its build to the last section written (10 s of it before \
                the first scenario).

                | scenario | wall time |
                |---|---|
                | baseline | 20 s |
                | send | 30 s |
                """);
    }
}
