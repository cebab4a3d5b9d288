package io.friendchat.bench.holder;

import java.util.Map;
import java.util.TreeMap;

/** What a holder saw, printed as one line for the harness to read. Touched by the holder's one thread. */
final class HolderStats {

    private int open;
    private int failed;
    private int closedByServer;
    private int retried;
    private long events;
    private long pings;
    private final Map<Integer, Integer> closeCodes = new TreeMap<>();

    void opened() {
        open++;
    }

    void failed() {
        failed++;
    }

    void lost() {
        open--;
    }

    void closedByServer(int code) {
        closedByServer++;
        closeCodes.merge(code, 1, Integer::sum);
    }

    void retried() {
        retried++;
    }

    void event() {
        events++;
    }

    void pinged() {
        pings++;
    }

    /** "open=... failed=... closed=... retried=... events=... pings=... codes={...}" */
    String line() {
        return "open=" + open + " failed=" + failed + " closed=" + closedByServer + " retried=" + retried
                + " events=" + events
                + " pings=" + pings + " codes=" + closeCodes.toString().replace(" ", "");
    }
}
