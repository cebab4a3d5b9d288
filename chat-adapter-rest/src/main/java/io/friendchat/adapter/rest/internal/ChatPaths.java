package io.friendchat.adapter.rest.internal;

import jakarta.ws.rs.core.UriInfo;

/** Which part of the API a request path belongs to, read from the raw path below the application's base. */
final class ChatPaths {

    private ChatPaths() {
    }

    static boolean isChat(UriInfo uri) {
        return isUnder(uri, "chat");
    }

    static boolean isAdmin(UriInfo uri) {
        return isUnder(uri, "admin");
    }

    private static boolean isUnder(UriInfo uri, String section) {
        String path = relativePath(uri);
        return path.equals(section) || path.startsWith(section + "/");
    }

    private static String relativePath(UriInfo uri) {
        String base = uri.getBaseUri().getRawPath();
        String path = uri.getRequestUri().getRawPath();
        if (base != null && path != null && path.startsWith(base)) {
            path = path.substring(base.length());
        }
        while (path != null && path.startsWith("/")) {
            path = path.substring(1);
        }
        return path == null ? "" : path;
    }
}
