package io.friendchat.bootstrap;

import io.friendchat.adapter.token.AccessTokenIssuer;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.directory.ManageAccounts;
import io.friendchat.application.directory.ManageFriendships;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.directory.AccountDraft;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Demo mode: provisions two friends and a stranger (idempotently) and prints
 * ready-to-paste tokens for the three, a websocat line, curl lines for a send, the
 * conversation, the inbox and the stranger's 403, a WebSocket address, and a chat
 * page link for each of the two friends.
 */
final class Demo {

    static final Duration TOKEN_TTL = Duration.ofDays(7);

    private record DemoAccount(String username, String fullName) {
    }

    private static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("ayrei", "amu ferwe"),
            new DemoAccount("ayrei1", "Ayman Reifoun"),
            new DemoAccount("stranger", "Sam Stranger"));

    private Demo() {
    }

    static void run(ChatServer server, ServerConfig config, boolean secretGenerated, PrintStream out) {
        ChatUseCases useCases = server.chat().useCases();
        ManageAccounts accounts = useCases.manageAccounts().orElseThrow();
        ManageFriendships friendships = useCases.manageFriendships().orElseThrow();
        List<Account> provisioned = ACCOUNTS.stream()
                .map(demo -> accounts.find(demo.username()).orElseGet(() -> accounts.create(
                        new AccountDraft(null, demo.username(), demo.username() + "@example.com", demo.fullName(),
                                null, false))))
                .toList();
        friendships.befriend("ayrei", "ayrei1");

        AccessTokenIssuer issuer = new AccessTokenIssuer(config.jwtSecret(), Clock.systemUTC());
        String base = server.baseUri().toString();
        String wsBase = "ws" + base.substring("http".length());
        String ayrei = issuer.issue(provisioned.get(0).id().value(), TOKEN_TTL, false);
        String ayrei1 = issuer.issue(provisioned.get(1).id().value(), TOKEN_TTL, false);
        String stranger = issuer.issue(provisioned.get(2).id().value(), TOKEN_TTL, false);

        out.println();
        if (secretGenerated) {
            out.println("Demo mode: generated CHAT_JWT_SECRET=" + config.jwtSecret() + " (new on every demo run)");
        }
        out.println("Demo accounts: ayrei and ayrei1 are friends; stranger is nobody's friend. Tokens (valid 7 days):");
        out.println();
        out.println("export TOKEN_AYREI=" + ayrei);
        out.println("export TOKEN_AYREI1=" + ayrei1);
        out.println("export TOKEN_STRANGER=" + stranger);
        out.println();
        out.println("# ayrei1 listens for new messages (any WebSocket client, e.g. websocat):");
        out.println("websocat \"" + wsBase + "ws/connection/?token=$TOKEN_AYREI1\"");
        out.println("# ayrei sends ayrei1 a message:");
        out.println("curl -s -H \"Authorization: Bearer $TOKEN_AYREI\" -H 'Content-Type: application/json' "
                + "-d '{\"account\": \"ayrei1\", \"message\": \"hello\"}' " + base + "chat/message/");
        out.println("# their conversation, and ayrei1's inbox:");
        out.println("curl -s -H \"Authorization: Bearer $TOKEN_AYREI\" '" + base + "chat/conversation/?account=ayrei1'");
        out.println("curl -s -H \"Authorization: Bearer $TOKEN_AYREI1\" " + base + "chat/list-conversation/");
        out.println("# a stranger is kept out (403):");
        out.println("curl -s -H \"Authorization: Bearer $TOKEN_STRANGER\" '" + base
                + "chat/conversation/?account=ayrei'");
        out.println();
        out.println("WebSocket URL for ayrei1: " + wsBase + "ws/connection/?token=" + ayrei1);
        out.println();
        out.println("Chat in the browser: open each link in its own window (the token stays in the address's fragment,");
        out.println("which browsers never send to a server):");
        out.println("  ayrei:  " + base + "#token=" + ayrei);
        out.println("  ayrei1: " + base + "#token=" + ayrei1);
    }
}
