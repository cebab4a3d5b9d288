package io.friendchat.adapter.websocket;

import io.friendchat.application.ChatUseCases;
import io.friendchat.application.live.CatchUp;
import io.friendchat.domain.live.EventKind;
import io.friendchat.domain.live.NewMessageEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What an admitted socket does once open, on a worker thread: count the account
 * online, replay what it missed, send the presence snapshot, then go live.
 *
 * <p>The socket has been receiving (and holding) live events since its handshake, so
 * nothing committed meanwhile is lost; messages the replay carried are dropped from
 * the held ones. After a RESYNC the held messages newer than the replay are still
 * sent: one committed after the client's reload must not be lost, and a client that
 * reloads dedupes by id anyway.
 */
final class SocketStart implements Runnable {

    private final ChatUseCases useCases;
    private final Frames frames;
    private final Admission admission;

    SocketStart(ChatUseCases useCases, Frames frames, Admission admission) {
        this.useCases = useCases;
        this.frames = frames;
        this.admission = admission;
    }

    @Override
    public void run() {
        LiveSocket socket = admission.socket();
        if (!socket.beginOpen()) {
            return;
        }
        List<String> friendsOnline;
        try {
            friendsOnline = useCases.openLiveSession().open(admission.account());
        } catch (RuntimeException e) {
            // The account was counted online before the failing read: the share is given back by end().
            if (socket.finishOpen()) {
                socket.end(SocketCloses.refusal(e));
            }
            return;
        }
        if (!socket.finishOpen()) {
            return;
        }
        List<Frame> start = new ArrayList<>();
        long replayedUpTo = 0;
        if (admission.after().isPresent()) {
            CatchUp.Replay replay;
            try {
                replay = useCases.catchUp().replay(admission.account(), admission.after().getAsLong());
            } catch (RuntimeException e) {
                socket.end(SocketCloses.refusal(e));
                return;
            }
            for (NewMessageEvent event : replay.events()) {
                start.add(frames.render(event));
            }
            if (replay.more()) {
                start.add(frames.resync());
            }
            replayedUpTo = replay.lastId();
        }
        if (socket.wants(EventKind.PRESENCE)) {
            friendsOnline.forEach(friend -> start.add(frames.presence(friend, true)));
        }
        socket.goLive(start, replayedUpTo);
    }
}
