package io.friendchat.adapter.rest;

import java.util.Map;

/**
 * Whether each backing component answers now, e.g. {@code {"database": true, "redis": false}}.
 * Only "database" decides the status of {@code GET /health}; the others are shown.
 */
@FunctionalInterface
public interface HealthProbe {

    Map<String, Boolean> components();
}
