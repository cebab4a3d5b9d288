package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;

import java.time.Duration;

/**
 * The sizes every scenario shares with the baseline it is compared to: friend pairs (senders and
 * socket-holding receivers), warm-up and measured seconds, the fixed rate of the latency runs, and
 * {@code connections}, the open loops' sender threads, each with one keep-alive connection (see
 * {@link io.friendchat.bench.client.OpenLoop}).
 */
public record Sizes(int pairs, int warmupSeconds, int seconds, int rate, int connections) {

    public static Sizes from(Flags flags) {
        return new Sizes(flags.integer("pairs", 8), flags.integer("warmup", 2), flags.integer("duration", 5),
                flags.integer("rate", 1000), flags.integer("connections", 64));
    }

    public Duration warmup() {
        return Duration.ofSeconds(warmupSeconds);
    }

    public Duration window() {
        return Duration.ofSeconds(seconds);
    }

    /** The flags that reproduce these sizes. */
    public String flags() {
        return "--pairs " + pairs + " --warmup " + warmupSeconds + " --duration " + seconds + " --rate " + rate + " --connections " + connections;
    }
}
