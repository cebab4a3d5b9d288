package io.friendchat.bench.client;

import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Sender and receiver accounts, befriended in pairs through the admin API, each
 * receiver holding one live socket whose new messages go to one {@link LiveReceiver.Delivery}.
 */
public final class FriendPairs implements AutoCloseable {

    private final List<String> senderTokens;
    private final List<String> receiverNames;
    private final List<LiveReceiver> receivers;
    private final List<WebSocket> sockets;

    private FriendPairs(List<String> senderTokens, List<String> receiverNames, List<LiveReceiver> receivers,
                        List<WebSocket> sockets) {
        this.senderTokens = senderTokens;
        this.receiverNames = receiverNames;
        this.receivers = receivers;
        this.sockets = sockets;
    }

    /** A tag that keeps usernames of different runs apart on a database that outlives them. */
    public static String runTag() {
        return Long.toString(System.currentTimeMillis(), 36);
    }

    public static FriendPairs provision(ChatClient client, Provisioning provisioning, String prefix, int pairs,
                                        LiveReceiver.Delivery delivery) throws Exception {
        return provision(client, provisioning, prefix, pairs, pair -> client, delivery);
    }

    /** As above, with receiver {@code pair}'s socket opened through {@code socketNode.apply(pair)} (another node). */
    public static FriendPairs provision(ChatClient client, Provisioning provisioning, String prefix, int pairs,
                                        IntFunction<ChatClient> socketNode, LiveReceiver.Delivery delivery)
            throws Exception {
        String tag = prefix + "-" + runTag();
        List<String> senders = IntStream.range(0, pairs).mapToObj(i -> tag + "-" + i + "-a").toList();
        List<String> receiverNames = IntStream.range(0, pairs).mapToObj(i -> tag + "-" + i + "-b").toList();
        List<String> all = new ArrayList<>(senders);
        all.addAll(receiverNames);
        List<Long> ids = provisioning.createAccounts(all);
        provisioning.befriend(senders, receiverNames);
        List<String> tokens = ids.subList(0, pairs).stream().map(client::token).toList();
        List<LiveReceiver> receivers = new ArrayList<>();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            LiveReceiver receiver = new LiveReceiver(delivery);
            receivers.add(receiver);
            opening.add(socketNode.apply(i).openSocket(ids.get(pairs + i), receiver));
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (CompletableFuture<WebSocket> socket : opening) {
            sockets.add(socket.get(30, TimeUnit.SECONDS));
        }
        return new FriendPairs(tokens, receiverNames, receivers, sockets);
    }

    public int size() {
        return senderTokens.size();
    }

    public String senderToken(int pair) {
        return senderTokens.get(pair);
    }

    public String receiverName(int pair) {
        return receiverNames.get(pair);
    }

    /** Sockets the server (or the network) closed since they opened. */
    public long socketsClosed() {
        return receivers.stream().mapToLong(LiveReceiver::closes).sum();
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
    }
}
