package io.friendchat.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * BENCHMARKS.md: the harness rewrites only what lies between a section's markers
 * ({@code <!-- bench:send:begin -->} ... {@code <!-- bench:send:end -->}), so text
 * written by hand around them stays, and a run of one scenario keeps the others' figures.
 */
public final class ReportFile {

    private final Path path;
    private final List<String> order;

    public ReportFile(Path path, List<String> order) {
        this.path = path;
        this.order = List.copyOf(order);
    }

    /** Puts the section's text between its markers, adding the markers (in order) when missing. */
    public synchronized void write(String section, String markdown) {
        try {
            String text = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : template();
            Files.writeString(path, replaced(text, section, markdown), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path, e);
        }
    }

    String replaced(String text, String section, String markdown) {
        String begin = begin(section);
        String end = end(section);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        String body = begin + "\n" + markdown.strip() + "\n" + end;
        if (from >= 0 && to > from) {
            return text.substring(0, from) + body + text.substring(to + end.length());
        }
        // Missing: insert before the first later section that exists, else append.
        for (int i = order.indexOf(section) + 1; i > 0 && i < order.size(); i++) {
            int next = text.indexOf(begin(order.get(i)));
            if (next >= 0) {
                return text.substring(0, next) + body + "\n\n" + text.substring(next);
            }
        }
        return text.stripTrailing() + "\n\n" + body + "\n";
    }

    private String template() {
        StringBuilder text = new StringBuilder("# Benchmarks\n\n");
        for (String section : order) {
            text.append(begin(section)).append("\n_not run yet_\n").append(end(section)).append("\n\n");
        }
        return text.toString();
    }

    static String begin(String section) {
        return "<!-- bench:" + section + ":begin -->";
    }

    static String end(String section) {
        return "<!-- bench:" + section + ":end -->";
    }
}
