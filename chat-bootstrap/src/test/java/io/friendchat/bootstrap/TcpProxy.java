package io.friendchat.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that a test controls, between the server and its database (or a
 * client and the server): it pumps bytes both ways until {@link #cut} or
 * {@link #partition}, and again after {@link #restore}, on the same port.
 */
final class TcpProxy implements AutoCloseable {

    /** What a cut does to new connections (open ones are closed either way). */
    enum Outage {
        /** Nothing listens: a connect is refused at once. */
        REFUSE,
        /** The connect succeeds, and then nothing is ever answered. */
        BLACKHOLE
    }

    private enum State { SERVING, REFUSING, BLACKHOLING, PARTITIONED }

    private final InetSocketAddress upstream;
    private final int port;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-proxy-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private volatile State state = State.SERVING;
    private volatile ServerSocket listener;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress upstream) {
        this.upstream = upstream;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    /** A proxy on a free port of 127.0.0.1 to host:port. */
    static TcpProxy to(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    int port() {
        return port;
    }

    /** Closes every open connection; from now on new ones are refused or blackholed. */
    synchronized void cut(Outage outage) {
        state = outage == Outage.REFUSE ? State.REFUSING : State.BLACKHOLING;
        if (outage == Outage.REFUSE) {
            closeQuietly(listener);
        }
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /**
     * A network partition: open connections stay open but carry nothing either way
     * (no FIN, no RST), and new ones are accepted and never answered.
     */
    synchronized void partition() {
        state = State.PARTITIONED;
    }

    /**
     * Serves new connections again. Connections that were blackholed stay as they are
     * (their peer's timeouts deal with them), as after a real outage.
     */
    synchronized void restore() {
        if (state == State.REFUSING) {
            listener = bind(port);
            acceptOn(listener);
        }
        state = State.SERVING;
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
        threads.shutdownNow();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy could not listen on port " + port, e);
        }
    }

    private void acceptOn(ServerSocket socket) {
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    sockets.add(client);
                    if (state == State.SERVING) {
                        threads.execute(() -> connect(client));
                    }
                    // Otherwise held open and never read: a blackhole.
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(upstream, 2_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        sockets.add(server);
        if (closed) {
            closeQuietly(server);
            return;
        }
        threads.execute(() -> pump(client, server));
        threads.execute(() -> pump(server, client));
    }

    /** Copies bytes until either side ends; while partitioned, bytes read are dropped. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (state != State.PARTITIONED) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (SocketException e) {
            // Closed by a cut or by the other pump.
        } catch (IOException e) {
            // The peer went away.
        } finally {
            if (state != State.PARTITIONED) {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
