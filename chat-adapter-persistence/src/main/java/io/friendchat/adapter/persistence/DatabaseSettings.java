package io.friendchat.adapter.persistence;

import java.util.Locale;
import java.util.Objects;

/**
 * Where the chat database is and how many connections to keep: an H2 file by
 * default, PostgreSQL when the URL says {@code jdbc:postgresql:}.
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize) {

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/chat";
    public static final int DEFAULT_POOL_SIZE = 16;

    private static final String H2 = "jdbc:h2:";
    private static final String POSTGRESQL = "jdbc:postgresql:";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!isH2(url) && !isPostgres(url)) {
            throw new IllegalArgumentException("the chat database is H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("the pool holds at least one connection, got " + maxPoolSize);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The standalone server's default: an H2 file under ./data, user "sa", no password, 16 connections. */
    public static DatabaseSettings h2Default() {
        return new DatabaseSettings(DEFAULT_URL, "sa", "", DEFAULT_POOL_SIZE);
    }

    /**
     * The URL the pool connects with. H2 gets durable commits ({@code WRITE_DELAY=0}),
     * a 10 s row-lock wait and room for 64 parsed statements per connection unless the URL
     * sets them (a send alone runs about ten distinct statements: H2's default of 8 made
     * every one of them parsed again); PostgreSQL gets connect and
     * socket timeouts so that a dead server is a failure within about 2 s, and ends a
     * transaction left idle for 5 s: one whose client went silent (a node killed, a
     * network partition) would otherwise keep its row locks — a receiver's mailbox among
     * them, refusing every send to that account — until TCP keep-alive gives up, hours
     * later. Ours are never idle for more than milliseconds.
     */
    public String effectiveUrl() {
        if (isH2(url)) {
            String result = withH2Setting(url, "WRITE_DELAY", "0");
            result = withH2Setting(result, "LOCK_TIMEOUT", "10000");
            return withH2Setting(result, "QUERY_CACHE_SIZE", "64");
        }
        String result = withPostgresParameter(url, "connectTimeout", "2");
        result = withPostgresParameter(result, "loginTimeout", "2");
        result = withPostgresParameter(result, "socketTimeout", "2");
        result = withPostgresParameter(result, "reWriteBatchedInserts", "true");
        return withPostgresParameter(result, "options", "-c%20idle_in_transaction_session_timeout%3D5s");
    }

    /** A short, password-free description of the database for logs: "H2 file ./data/chat". */
    public String describe() {
        if (isH2(url)) {
            String rest = url.substring(H2.length());
            int semicolon = rest.indexOf(';');
            String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
            if (name.startsWith("mem:")) {
                return "H2 in-memory " + name.substring("mem:".length());
            }
            if (name.startsWith("tcp:") || name.startsWith("ssl:")) {
                return "H2 server " + withoutUserInfo(name.substring(4).replaceFirst("^//", ""));
            }
            return "H2 file " + (name.startsWith("file:") ? name.substring("file:".length()) : name);
        }
        String rest = url.substring(POSTGRESQL.length());
        int query = rest.indexOf('?');
        String location = query < 0 ? rest : rest.substring(0, query);
        return "PostgreSQL " + withoutUserInfo(location.replaceFirst("^//", ""));
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
    }

    private static boolean isH2(String url) {
        return url.regionMatches(true, 0, H2, 0, H2.length());
    }

    private static boolean isPostgres(String url) {
        return url.regionMatches(true, 0, POSTGRESQL, 0, POSTGRESQL.length());
    }

    private static String withH2Setting(String url, String name, String value) {
        return url.toUpperCase(Locale.ROOT).contains(";" + name + "=") ? url : url + ";" + name + "=" + value;
    }

    private static String withPostgresParameter(String url, String name, String value) {
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                if (pair.regionMatches(true, 0, name + "=", 0, name.length() + 1)) {
                    return url;
                }
            }
        }
        return url + (query < 0 ? "?" : "&") + name + "=" + value;
    }

    private static String withoutUserInfo(String location) {
        int at = location.lastIndexOf('@');
        return at < 0 ? location : location.substring(at + 1);
    }
}
