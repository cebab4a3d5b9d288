package io.friendchat.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * A strict reading of Prometheus's text format 0.0.4: every line is a {@code # HELP} or
 * {@code # TYPE} comment, or a sample {@code name{labels} value}; anything else fails.
 * Samples are kept by their series as printed, e.g. {@code chat_http_requests_total{status="200"}}.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String VALUE = "-?[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + "(?:\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})?) (" + VALUE + ")(?: -?[0-9]+)?");
    private static final Pattern COMMENT = Pattern.compile(
            "# (?:HELP " + NAME + " .*|TYPE " + NAME + " (?:counter|gauge|histogram|summary|untyped))");
    private static final Set<String> INFINITIES = Set.of("+Inf", "-Inf");

    private final Map<String, Double> samples;

    private PrometheusText(Map<String, Double> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String body) {
        if (!body.endsWith("\n")) {
            fail("the exposition does not end with a line feed");
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty() || COMMENT.matcher(line).matches()) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                fail("not a Prometheus text line: " + line);
            }
            if (samples.put(sample.group(1), number(sample.group(2))) != null) {
                fail("a series appears twice: " + sample.group(1));
            }
        }
        return new PrometheusText(samples);
    }

    private static double number(String text) {
        if (INFINITIES.contains(text)) {
            return text.startsWith("+") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }

    /** The value of a series, which must be there. */
    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            fail("no series " + series + " in " + samples.keySet());
        }
        return value;
    }

    /** The value of a series, 0 when it is not there yet (a counter made on first use). */
    double valueOrZero(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    boolean hasSeriesStartingWith(String prefix) {
        return samples.keySet().stream().anyMatch(series -> series.startsWith(prefix));
    }

    int size() {
        return samples.size();
    }
}
