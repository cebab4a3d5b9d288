package io.friendchat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's command line: scenario names, then {@code --name value} flags
 * ({@code --name=value} too) that size them.
 */
public final class Flags {

    private final List<String> scenarios;
    private final Map<String, String> values;

    private Flags(List<String> scenarios, Map<String, String> values) {
        this.scenarios = scenarios;
        this.values = values;
    }

    public static Flags parse(String... args) {
        List<String> scenarios = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isBlank()) {
                continue;
            }
            if (!arg.startsWith("--")) {
                scenarios.add(arg);
                continue;
            }
            String body = arg.substring(2);
            int equals = body.indexOf('=');
            if (equals >= 0) {
                values.put(body.substring(0, equals), body.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(body, args[++i]);
            } else {
                values.put(body, "true");
            }
        }
        return new Flags(List.copyOf(scenarios), values);
    }

    public List<String> scenarios() {
        return scenarios;
    }

    /**
     * Whether this run is of every scenario ({@code ./bench} with none named, or "all"): its defaults
     * must keep it within about 5 minutes, so the scenarios that wait for the JIT wait less.
     */
    public boolean everyScenario() {
        return scenarios.isEmpty() || scenarios.contains("all");
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    public boolean bool(String name, boolean fallback) {
        String value = values.get(name);
        return value == null ? fallback : value.equals("true") || value.equals("1") || value.equals("yes");
    }
}
