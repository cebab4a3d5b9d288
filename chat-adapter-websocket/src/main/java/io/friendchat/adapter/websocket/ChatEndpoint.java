package io.friendchat.adapter.websocket;

import io.friendchat.application.ChatUseCases;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's {@code /ws/connection/}: closes a refused socket at once, else binds the
 * socket registered at the handshake to its session, starts it on a worker thread, and
 * forwards the client's TYPING frames. Container threads never touch the database here.
 * Public only because containers call it reflectively; deploy it through
 * {@link ChatSocket#endpointConfigs}.
 */
public final class ChatEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    private final ChatUseCases useCases;
    private final LiveSessions sessions;
    private final IncomingMessage incoming = new IncomingMessage();
    private final AtomicBoolean typingPending = new AtomicBoolean();
    private volatile Admission admission;

    ChatEndpoint(ChatUseCases useCases, LiveSessions sessions) {
        this.useCases = useCases;
        this.sessions = sessions;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object admitted = session.getUserProperties().remove(Admission.KEY);
        if (!(admitted instanceof Admission granted)) {
            CloseReason refusal = admitted instanceof CloseReason reason ? reason : SocketCloses.INTERNAL;
            sessions.closeLater(session, refusal);
            return;
        }
        admission = granted;
        LiveSocket socket = granted.socket();
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onText);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) this::onBinary);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> socket.ponged());
        if (socket.attach(session)) {
            sessions.runLater(new SocketStart(useCases, sessions.frames(), granted));
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Admission current = admission;
        if (current != null) {
            current.socket().end(null);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.FINE, "socket error", failure);
    }

    private void onText(String part, boolean last) {
        String text;
        synchronized (incoming) {
            text = incoming.addText(part, last);
            if (incoming.tooBig()) {
                admission.socket().end(SocketCloses.TOO_BIG);
                return;
            }
        }
        if (text != null) {
            ClientFrames.typingTo(text).ifPresent(this::forwardTyping);
        }
    }

    private void onBinary(ByteBuffer part, boolean last) {
        synchronized (incoming) {
            incoming.addBinary(part, last);
            if (incoming.tooBig()) {
                admission.socket().end(SocketCloses.TOO_BIG);
            }
        }
    }

    /** One signal at a time per socket: a client that floods TYPING cannot queue work without bound. */
    private void forwardTyping(String friend) {
        if (!typingPending.compareAndSet(false, true)) {
            return;
        }
        Admission current = admission;
        sessions.runLater(() -> {
            try {
                useCases.signalTyping().signal(current.account(), friend);
            } finally {
                typingPending.set(false);
            }
        });
    }
}
