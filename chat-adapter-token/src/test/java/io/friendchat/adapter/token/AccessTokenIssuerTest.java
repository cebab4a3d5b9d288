package io.friendchat.adapter.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenIssuerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-09-28T14:41:27.900Z"), ZoneOffset.UTC);
    final AccessTokenIssuer issuer = new AccessTokenIssuer("secret", CLOCK);

    @Test
    void issuesTheSimpleJwtShape() throws Exception {
        String token = issuer.issue(7, Duration.ofDays(1), false);

        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);
        assertThat(header.get("alg").textValue()).isEqualTo("HS256");
        assertThat(header.get("typ").textValue()).isEqualTo("JWT");
        assertThat(Set.copyOf(iterable(claims))).isEqualTo(Set.of("token_type", "exp", "iat", "jti", "user_id"));
        assertThat(claims.get("token_type").textValue()).isEqualTo("access");
        assertThat(claims.get("user_id").isIntegralNumber()).isTrue();
        assertThat(claims.get("user_id").longValue()).isEqualTo(7);
        assertThat(claims.get("iat").longValue()).isEqualTo(1_727_534_487L);
        assertThat(claims.get("exp").longValue()).isEqualTo(1_727_534_487L + 86_400);
        assertThat(claims.get("jti").textValue()).matches("[0-9a-f]{32}");
    }

    @Test
    void addsTwoFactorOnlyWhenAsked() throws Exception {
        JsonNode claims = part(issuer.issue(7, Duration.ofMinutes(1), true), 1);

        assertThat(claims.get("two_factor_verified").isBoolean()).isTrue();
        assertThat(claims.get("two_factor_verified").booleanValue()).isTrue();
    }

    @Test
    void eachTokenHasItsOwnJti() throws Exception {
        String a = part(issuer.issue(7, Duration.ofMinutes(1), false), 1).get("jti").textValue();
        String b = part(issuer.issue(7, Duration.ofMinutes(1), false), 1).get("jti").textValue();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> issuer.issue(0, Duration.ofMinutes(1), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue(7, Duration.ZERO, false)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode part(String token, int index) throws Exception {
        byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[index]);
        return new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
    }

    private static java.util.List<String> iterable(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
