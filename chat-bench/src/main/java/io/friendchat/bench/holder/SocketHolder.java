package io.friendchat.bench.holder;

import io.friendchat.adapter.token.AccessTokenIssuer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * A child process of the sockets scenario: opens one authenticated chat socket
 * per account id (over a few 127.0.0.x source addresses, a bounded number of
 * handshakes at a time), then holds them idle, answering pings, until told to stop. A socket the server
 * closes with 1013 (try again later) is opened again a second later, as API.md tells clients to.
 *
 * <p>{@code SocketHolder <host> <port> <ids file> <source addresses, comma-separated> <handshakes at once>},
 * secret in {@code BENCH_JWT_SECRET}. Prints {@code progress ...}, then {@code ready ...}; answers
 * {@code stats} on standard input with a {@code stats ...} line; {@code exit} closes everything.
 */
public final class SocketHolder {

    private final String host;
    private final int port;
    private final long[] ids;
    private final List<InetSocketAddress> sources;
    private final int handshakesAtOnce;
    private final AccessTokenIssuer issuer;
    private final HolderStats stats = new HolderStats();
    private final SecureRandom random = new SecureRandom();
    /** A handshake not done by then counts as failed: a server out of descriptors accepts nothing more. */
    private static final long HANDSHAKE_TIMEOUT_NANOS = 30_000_000_000L;
    private static final long RETRY_AFTER_NANOS = 1_000_000_000L;

    /** An account whose socket is to be opened again once {@code dueAt} (System.nanoTime) has passed. */
    private record Retry(long accountId, long dueAt) {
    }

    private final ArrayDeque<HeldSocket> handshaking = new ArrayDeque<>();
    private final ArrayDeque<Retry> retries = new ArrayDeque<>();
    private volatile boolean stopping;
    private volatile String statsRequest;

    SocketHolder(String host, int port, long[] ids, List<InetSocketAddress> sources, int handshakesAtOnce,
                 String secret) {
        this.host = host;
        this.port = port;
        this.ids = ids;
        this.sources = sources;
        this.handshakesAtOnce = handshakesAtOnce;
        this.issuer = new AccessTokenIssuer(secret, Clock.systemUTC());
    }

    public static void main(String[] args) throws Exception {
        long[] ids = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank())
                .mapToLong(Long::parseLong).toArray();
        List<InetSocketAddress> sources = List.of(args[3].split(",")).stream()
                .map(address -> new InetSocketAddress(address, 0)).toList();
        SocketHolder holder = new SocketHolder(args[0], Integer.parseInt(args[1]), ids, sources,
                Integer.parseInt(args[4]), System.getenv("BENCH_JWT_SECRET"));
        Thread loop = new Thread(() -> {
            try {
                holder.run();
            } catch (IOException e) {
                System.out.println("error " + e);
            }
        }, "holder");
        loop.start();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("exit")) {
            if (command.equals("stats")) {
                holder.statsRequest = command;
            }
        }
        holder.stop();
        loop.join(10_000);
        System.exit(0);
    }

    /** Opens and holds the sockets until {@link #stop()}; returns then. */
    void run() throws IOException {
        Selector selector = Selector.open();
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        int next = 0;
        long lastReport = 0;
        boolean readyTold = false;
        long firstConnect = System.nanoTime();
        while (!stopping) {
            handshaking.removeIf(socket -> socket.state == HeldSocket.State.OPEN
                    || socket.state == HeldSocket.State.CLOSED);
            expireHandshakes();
            while (next < ids.length && handshaking.size() < handshakesAtOnce) {
                if (!connect(selector, ids[next], sources.get(next % sources.size()))) {
                    stats.failed();
                }
                next++;
            }
            while (!retries.isEmpty() && retries.peek().dueAt() - System.nanoTime() <= 0
                    && handshaking.size() < handshakesAtOnce) {
                Retry retry = retries.poll();
                if (!connect(selector, retry.accountId(), sources.get((int) (retry.accountId() % sources.size())))) {
                    stats.failed();
                }
            }
            selector.select(100);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                HeldSocket socket = (HeldSocket) key.attachment();
                HeldSocket.State before = socket.state;
                HeldSocket.State after = handle(key, socket, in);
                if (after == HeldSocket.State.CLOSED && before != HeldSocket.State.CLOSED) {
                    if (socket.everOpened()) {
                        stats.lost();
                    } else {
                        stats.failed();
                    }
                    if (socket.toldToRetry()) {
                        retries.add(new Retry(socket.accountId, System.nanoTime() + RETRY_AFTER_NANOS));
                        stats.retried();
                    }
                }
            }
            long now = System.nanoTime();
            if (now - lastReport > 1_000_000_000L) {
                lastReport = now;
                System.out.println("progress " + stats.line());
            }
            if (!readyTold && next == ids.length && handshaking.isEmpty() && retries.isEmpty()) {
                readyTold = true;
                System.out.println("ready " + stats.line() + " ms=" + (System.nanoTime() - firstConnect) / 1_000_000);
            }
            if (statsRequest != null) {
                statsRequest = null;
                System.out.println("stats " + stats.line());
            }
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    void stop() {
        stopping = true;
    }

    /** Its counters; read them from another thread only after {@link #run()} returned. */
    HolderStats stats() {
        return stats;
    }

    private void expireHandshakes() {
        long now = System.nanoTime();
        while (!handshaking.isEmpty() && now - handshaking.peek().startedAt > HANDSHAKE_TIMEOUT_NANOS) {
            HeldSocket late = handshaking.poll();
            if (late.state != HeldSocket.State.OPEN && late.state != HeldSocket.State.CLOSED) {
                late.state = HeldSocket.State.CLOSED;
                stats.failed();
                try {
                    late.channel.close();
                } catch (IOException ignored) {
                    // given up on anyway
                }
            }
        }
    }

    private boolean connect(Selector selector, long id, InetSocketAddress source) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.bind(source);
            channel.configureBlocking(false);
            byte[] key = new byte[16];
            random.nextBytes(key);
            HeldSocket socket = new HeldSocket(channel, id, host, port, issuer.issue(id, Duration.ofHours(6), false),
                    Base64.getEncoder().encodeToString(key));
            if (channel.connect(new InetSocketAddress(host, port))) {
                socket.connected();
                channel.register(selector, SelectionKey.OP_READ, socket);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, socket);
            }
            handshaking.add(socket);
            return true;
        } catch (IOException e) {
            System.out.println("connect-failed " + e.getMessage());
            return false;
        }
    }

    private HeldSocket.State handle(SelectionKey key, HeldSocket socket, ByteBuffer in) {
        try {
            if (key.isConnectable()) {
                socket.channel.finishConnect();
                socket.connected();
                key.interestOps(SelectionKey.OP_READ);
                return socket.state;
            }
            if (key.isWritable() && !socket.flush()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (key.isReadable()) {
                in.clear();
                int read = socket.channel.read(in);
                if (read < 0) {
                    socket.state = HeldSocket.State.CLOSED;
                } else {
                    in.flip();
                    socket.received(in, stats);
                    if (socket.flush()) {
                        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    }
                }
            }
        } catch (IOException e) {
            socket.state = HeldSocket.State.CLOSED;
        }
        if (socket.state == HeldSocket.State.CLOSED) {
            key.cancel();
            try {
                socket.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        return socket.state;
    }
}
