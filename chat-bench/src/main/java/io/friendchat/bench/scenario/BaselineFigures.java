package io.friendchat.bench.scenario;

import org.HdrHistogram.Histogram;

/**
 * The stack's ceiling under the harness's own loads, to which every scenario is
 * compared: no-op POSTs answered per second (closed model, one connection per
 * pair) and their service time, no-op POST latency at the fixed rate and at the
 * sockets scenario's trickle rate (open model), sequential no-op GET time.
 */
public record BaselineFigures(double postPerSecond, Histogram postService, Histogram postAtRate,
                              Histogram postAtTrickle, Histogram get) {
}
