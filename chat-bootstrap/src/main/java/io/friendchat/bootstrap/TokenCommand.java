package io.friendchat.bootstrap;

import io.friendchat.adapter.persistence.ChatDatabase;
import io.friendchat.adapter.token.AccessTokenIssuer;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.store.StoreUnavailable;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code token <username> [--ttl SECONDS] [--two-factor-verified]}: prints an access
 * token signed with the configured secret, as the host's login service would issue it.
 */
final class TokenCommand {

    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private TokenCommand() {
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out) {
        List<String> rest = new ArrayList<>(args);
        boolean twoFactorVerified = rest.remove("--two-factor-verified");
        Duration ttl = DEFAULT_TTL;
        Long userId = null;
        String username = null;
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--ttl") || arg.equals("--user-id")) {
                if (i + 1 >= rest.size()) {
                    throw new ConfigProblem(arg + " needs a value.");
                }
                long value = positive(arg, rest.get(++i));
                if (arg.equals("--ttl")) {
                    ttl = Duration.ofSeconds(value);
                } else {
                    userId = value;
                }
            } else if (!arg.startsWith("--") && username == null && flags.isEmpty()) {
                username = arg;
            } else {
                flags.add(arg);
            }
        }
        if (username == null && userId == null) {
            throw new ConfigProblem("token needs a username (or --user-id <id>): token <username> [--ttl SECONDS]");
        }
        ServerConfig config = ServerConfig.load(environment, flags, false);
        long id = userId != null ? userId : idOf(username, config);
        out.println(new AccessTokenIssuer(config.jwtSecret(), Clock.systemUTC()).issue(id, ttl, twoFactorVerified));
        return 0;
    }

    private static long idOf(String username, ServerConfig config) {
        ChatDatabase database;
        try {
            database = ChatDatabase.open(config.database());
        } catch (StoreUnavailable e) {
            throw new ConfigProblem("Could not open the database " + config.database().describe()
                    + " to find '" + username + "' (an H2 file is locked while a server runs on it: "
                    + "then give the id with --user-id).");
        }
        try (database) {
            return database.directory().byUsername(Username.of(username)).map(Account::id)
                    .orElseThrow(() -> new ConfigProblem("No account is named '" + username + "'.")).value();
        }
    }

    private static long positive(String flag, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigProblem(flag + " must be a positive integer, got '" + value + "'.");
    }
}
