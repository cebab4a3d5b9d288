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
 * A run on another JVM or with other flags can be kept beside the report of record as a
 * variant: its sections get markers of their own ({@code bench:latency@zgc:begin}), placed
 * after the section they vary, and their headings name the variant.
 */
public final class ReportFile {

    private final Path path;
    private final List<String> order;
    private final String variant;

    public ReportFile(Path path, List<String> order) {
        this(path, order, "");
    }

    /** @param variant empty for the report of record, else a short name (letters, digits, dashes) */
    public ReportFile(Path path, List<String> order, String variant) {
        if (!variant.matches("[A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("a variant is letters, digits and dashes: " + variant);
        }
        this.path = path;
        this.order = List.copyOf(order);
        this.variant = variant;
    }

    /** Puts the section's text between its markers, adding the markers (in order) when missing. */
    public synchronized void write(String section, String markdown) {
        try {
            String text = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : template();
            String written = variant.isEmpty() ? replaced(text, section, markdown)
                    : replaced(text, section + "@" + variant, retitled(markdown));
            Files.writeString(path, written, StandardCharsets.UTF_8);
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
        int at = section.indexOf('@');
        if (at > 0) {
            // A variant goes right after the section it varies, when that one is there.
            String base = end(section.substring(0, at));
            int after = text.indexOf(base);
            if (after >= 0) {
                int cut = after + base.length();
                return text.substring(0, cut) + "\n\n" + body + text.substring(cut);
            }
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

    /** The first heading, with the variant's name after it. */
    private String retitled(String markdown) {
        int heading = markdown.startsWith("## ") ? 0 : markdown.indexOf("\n## ") + 1;
        if (!markdown.startsWith("## ", heading)) {
            return "_variant `" + variant + "`_\n\n" + markdown;
        }
        int lineEnd = markdown.indexOf('\n', heading);
        int cut = lineEnd < 0 ? markdown.length() : lineEnd;
        return markdown.substring(0, cut) + " — variant `" + variant + "`" + markdown.substring(cut);
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
