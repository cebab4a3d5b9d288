package io.friendchat.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFileTest {

    @TempDir
    Path dir;

    @Test
    void a_new_report_has_every_section_in_order() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        new ReportFile(file, List.of("machine", "send", "latency")).write("latency", "## latency\n\n1 ms\n");

        assertThat(Files.readString(file)).isEqualTo("""
                # Benchmarks

                <!-- bench:machine:begin -->
                _not run yet_
                <!-- bench:machine:end -->

                <!-- bench:send:begin -->
                _not run yet_
                <!-- bench:send:end -->

                <!-- bench:latency:begin -->
                ## latency

                1 ms
                <!-- bench:latency:end -->

                """);
    }

    @Test
    void rewriting_a_section_keeps_the_others_and_the_text_written_by_hand() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, """
                # Benchmarks

                Written by hand.

                <!-- bench:send:begin -->
                old send
                <!-- bench:send:end -->

                <!-- bench:latency:begin -->
                old latency
                <!-- bench:latency:end -->

                ## Analysis, by hand
                """);

        new ReportFile(file, List.of("send", "latency")).write("send", "new send\n");

        assertThat(Files.readString(file)).isEqualTo("""
                # Benchmarks

                Written by hand.

                <!-- bench:send:begin -->
                new send
                <!-- bench:send:end -->

                <!-- bench:latency:begin -->
                old latency
                <!-- bench:latency:end -->

                ## Analysis, by hand
                """);
    }

    @Test
    void a_missing_section_goes_before_the_next_one_that_exists() {
        ReportFile report = new ReportFile(Path.of("unused"), List.of("send", "latency", "history"));

        String text = report.replaced("intro\n\n<!-- bench:history:begin -->\nh\n<!-- bench:history:end -->\n",
                "latency", "l");

        assertThat(text).isEqualTo("intro\n\n<!-- bench:latency:begin -->\nl\n<!-- bench:latency:end -->\n\n"
                + "<!-- bench:history:begin -->\nh\n<!-- bench:history:end -->\n");
    }

    @Test
    void a_variant_keeps_its_sections_after_the_ones_of_record_and_names_itself() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, """
                <!-- bench:send:begin -->
                send
                <!-- bench:send:end -->

                <!-- bench:latency:begin -->
                ## 2. latency

                5 ms
                <!-- bench:latency:end -->

                ## Analysis, by hand
                """);
        ReportFile zgc = new ReportFile(file, List.of("send", "latency"), "zgc");
        zgc.write("latency", "## 2. latency\n\n3 ms\n");
        zgc.write("latency", "## 2. latency\n\n4 ms\n");

        assertThat(Files.readString(file)).isEqualTo("""
                <!-- bench:send:begin -->
                send
                <!-- bench:send:end -->

                <!-- bench:latency:begin -->
                ## 2. latency

                5 ms
                <!-- bench:latency:end -->

                <!-- bench:latency@zgc:begin -->
                ## 2. latency — variant `zgc`

                4 ms
                <!-- bench:latency@zgc:end -->

                ## Analysis, by hand
                """);
    }
}
