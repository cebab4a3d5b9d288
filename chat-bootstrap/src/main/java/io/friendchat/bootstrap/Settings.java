package io.friendchat.bootstrap;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw settings by environment name ({@code CHAT_PORT}), from the environment and
 * then the command line ({@code --port 9003} or {@code --port=9003}), flags winning.
 */
final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    static Settings of(Map<String, String> environment, List<String> flags) {
        Map<String, String> values = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("CHAT_")) {
                values.put(name, value);
            }
        });
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (!flag.startsWith("--") || flag.length() == 2) {
                throw new ConfigProblem("Unexpected argument '" + flag + "'; flags look like --port 9003.");
            }
            String body = flag.substring(2);
            int equals = body.indexOf('=');
            String name = equals >= 0 ? body.substring(0, equals) : body;
            String value;
            if (equals >= 0) {
                value = body.substring(equals + 1);
            } else if (i + 1 < flags.size() && !flags.get(i + 1).startsWith("--")) {
                value = flags.get(++i);
            } else {
                throw new ConfigProblem("The flag --" + name + " needs a value.");
            }
            values.put(envName(name), value);
        }
        return new Settings(values);
    }

    /** {@code db-url} becomes {@code CHAT_DB_URL}. */
    static String envName(String flag) {
        return "CHAT_" + flag.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    String text(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    String textOrNull(String name) {
        return text(name, null);
    }

    int integer(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigProblem(name + " must be an integer from " + min + " to " + max + ", got '" + value + "'.");
        }
    }

    boolean bool(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigProblem(name + " must be true or false, got '" + value + "'.");
        };
    }
}
