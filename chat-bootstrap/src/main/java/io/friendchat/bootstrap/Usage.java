package io.friendchat.bootstrap;

/** The help text of the command line. */
final class Usage {

    static final String TEXT = """
            friendchat: a friends-only chat server (REST and WebSocket on one port).

            Usage:
              java -jar chat-server.jar [--demo] [--FLAG VALUE ...]
              java -jar chat-server.jar token <username> [--ttl SECONDS] [--two-factor-verified] [--FLAG VALUE ...]
              java -jar chat-server.jar token --user-id <id> [--ttl SECONDS] [--two-factor-verified]

            --demo creates demo accounts and friendships (idempotent), makes a JWT secret when
            CHAT_JWT_SECRET is not set, and prints ready-to-paste tokens and commands.

            Every setting is an environment variable, or the flag of the same name
            (CHAT_DB_URL is --db-url): CHAT_HOST, CHAT_PORT, CHAT_JWT_SECRET, CHAT_ADMIN_TOKEN,
            CHAT_DB_URL, CHAT_DB_USER, CHAT_DB_PASSWORD, CHAT_DB_POOL_SIZE, CHAT_HISTORY_LIMIT,
            CHAT_TIME_ZONE, CHAT_MAX_MESSAGE_LENGTH, CHAT_TWO_FACTOR_URL, CHAT_DEFAULT_PICTURE,
            CHAT_WS_PING_SECONDS, CHAT_HTTP_HEAD_SECONDS, CHAT_HTTP_BODY_SECONDS, CHAT_HTTP_IDLE_SECONDS,
            CHAT_RATE_LIMIT, CHAT_ALLOWED_ORIGINS, CHAT_REDIS_URL, CHAT_METRICS, CHAT_ACCESS_LOG.
            """;

    private Usage() {
    }
}
