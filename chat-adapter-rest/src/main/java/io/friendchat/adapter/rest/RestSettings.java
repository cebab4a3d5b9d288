package io.friendchat.adapter.rest;

import io.friendchat.application.access.AllowedOrigins;

import java.time.ZoneId;
import java.util.Objects;

/**
 * What the HTTP API needs beyond the use cases.
 *
 * @param timeZone       zone of every {@code time} field
 * @param twoFactorUrl   the {@code redirect} of a two-factor 401
 * @param allowedOrigins origins whose pages may call the API (CORS)
 * @param adminToken     bearer token of the admin API; null (or blank) turns it off, every /admin/ path then 404
 * @param health         what {@code GET /health} reports
 */
public record RestSettings(ZoneId timeZone, String twoFactorUrl, AllowedOrigins allowedOrigins, String adminToken,
                           HealthProbe health) {

    public static final String DEFAULT_TWO_FACTOR_URL = "/2fa/";

    public RestSettings {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(twoFactorUrl, "twoFactorUrl");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(health, "health");
    }

    /** True when the admin API answers. */
    public boolean adminEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }
}
