package io.friendchat.adapter.websocket.grizzly;

import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.core.uri.internal.PathSegment;
import org.glassfish.tyrus.core.uri.internal.UriComponent;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the endpoint a handshake's path reaches the way Tyrus does (its {@code Match}:
 * percent-decoded segments compared one by one, a {@code {name}} segment taking any value),
 * so a check made before Tyrus applies to every path Tyrus would serve, {@code %63onnection}
 * included. A literal path is preferred to a template, as Tyrus prefers it.
 */
final class EndpointPaths {

    private record Deployed(List<String> segments, boolean template, ServerEndpointConfig config) {
    }

    private final List<Deployed> deployed;

    EndpointPaths(List<ServerEndpointConfig> configs) {
        deployed = configs.stream()
                .map(config -> new Deployed(segments(config.getPath()), config.getPath().contains("{"), config))
                .sorted(Comparator.comparing(Deployed::template))
                .toList();
    }

    /** The endpoint served at this raw request path (no query), if any. */
    Optional<ServerEndpointConfig> find(String requestPath) {
        List<String> request;
        try {
            request = segments(requestPath);
        } catch (IllegalArgumentException malformed) {
            // A bad escape: Tyrus cannot route it either.
            return Optional.empty();
        }
        return deployed.stream().filter(endpoint -> matches(endpoint.segments(), request))
                .map(Deployed::config).findFirst();
    }

    private static boolean matches(List<String> endpoint, List<String> request) {
        if (endpoint.size() != request.size()) {
            return false;
        }
        for (int i = 0; i < endpoint.size(); i++) {
            String segment = endpoint.get(i);
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (!variable && !segment.equals(request.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String path) {
        return UriComponent.decodePath(path, true).stream().map(PathSegment::getPath).toList();
    }
}
