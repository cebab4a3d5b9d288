package io.friendchat.bench.client;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Accounts and friendships made through the admin API, many at a time. */
public final class Provisioning {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 16;

    private final ChatClient client;
    private final String adminToken;

    public Provisioning(ChatClient client, String adminToken) {
        this.client = client;
        this.adminToken = adminToken;
    }

    /** Creates the accounts; returns their ids in the same order. */
    public List<Long> createAccounts(List<String> usernames) {
        List<CompletableFuture<Long>> ids = new ArrayList<>(usernames.size());
        Semaphore window = new Semaphore(IN_FLIGHT);
        for (String username : usernames) {
            window.acquireUninterruptibly();
            String body = "{\"username\": \"" + username + "\", \"email\": \"" + username
                    + "@bench.example\", \"full_name\": \"Bench " + username + "\"}";
            // Names unique to the run: a 409 here would be the server's fault, and fails the run.
            ids.add(client.callAsync(client.post("admin/accounts/", adminToken, body))
                    .whenComplete((answer, failure) -> window.release())
                    .thenApply(answer -> idOf(answer, username)));
        }
        return ids.stream().map(CompletableFuture::join).toList();
    }

    /** Befriends each pair {@code a[i]}, {@code b[i]}. */
    public void befriend(List<String> a, List<String> b) {
        List<CompletableFuture<Void>> done = new ArrayList<>(a.size());
        Semaphore window = new Semaphore(IN_FLIGHT);
        for (int i = 0; i < a.size(); i++) {
            window.acquireUninterruptibly();
            String body = "{\"a\": \"" + a.get(i) + "\", \"b\": \"" + b.get(i) + "\"}";
            String pair = a.get(i) + "/" + b.get(i);
            done.add(client.callAsync(client.put("admin/friendships/", adminToken, body))
                    .whenComplete((answer, failure) -> window.release())
                    .thenAccept(answer -> expect(answer, 200, "befriend " + pair)));
        }
        done.forEach(CompletableFuture::join);
    }

    private static long idOf(HttpResponse<String> answer, String username) {
        expect(answer, 201, "create account " + username);
        try {
            return JSON.readTree(answer.body()).get("id").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(HttpResponse<String> answer, int status, String what) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
    }
}
