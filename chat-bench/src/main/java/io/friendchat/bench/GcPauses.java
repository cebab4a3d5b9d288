package io.friendchat.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The garbage collector's stop-the-world pauses in this JVM (where the in-process server
 * runs) while a recording is open: a latency tail that lines up with them is the
 * collector's, not the code path's. Concurrent cycles (ZGC's, G1's marking) stop nothing
 * and are left out.
 */
public final class GcPauses implements AutoCloseable, NotificationListener {

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final List<Long> pauseMillis = new ArrayList<>();

    private GcPauses() {
    }

    /** Starts recording every pause from now until {@link #close()}. */
    public static GcPauses record() {
        GcPauses recording = new GcPauses();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter && stopsTheWorld(collector.getName())) {
                emitter.addNotificationListener(recording, null, null);
                recording.emitters.add(emitter);
            }
        }
        return recording;
    }

    private static boolean stopsTheWorld(String collectorName) {
        return !collectorName.contains("Cycles") && !collectorName.contains("Concurrent");
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            synchronized (pauseMillis) {
                pauseMillis.add(info.getGcInfo().getDuration());
            }
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
        emitters.clear();
    }

    public int count() {
        synchronized (pauseMillis) {
            return pauseMillis.size();
        }
    }

    public long totalMillis() {
        synchronized (pauseMillis) {
            return pauseMillis.stream().mapToLong(Long::longValue).sum();
        }
    }

    public long longestMillis() {
        synchronized (pauseMillis) {
            return pauseMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** "3 pauses, 85 ms in all, the longest 41 ms" (notifications come a moment after a pause ends). */
    public String summary() {
        int count = count();
        return count == 0 ? "no pause" : String.format(Locale.ROOT, "%d pause%s, %d ms in all, the longest %d ms",
                count, count == 1 ? "" : "s", totalMillis(), longestMillis());
    }
}
