package io.friendchat.adapter.rest.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * A request body read whole, at most 64 KiB: a declared length over it is refused
 * before a byte is read, and a chunked one is counted while it arrives. Its media
 * type is checked only when a resource asks for its fields (413 comes before 415).
 */
public final class RequestBody {

    public static final int MAX_BYTES = 65_536;

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    private final byte[] bytes;
    private final String contentType;

    private RequestBody(byte[] bytes, String contentType) {
        this.bytes = bytes;
        this.contentType = contentType;
    }

    public static RequestBody read(ContainerRequestContext request) {
        long declared = declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            // Not closed here: closing could drain the rest of an over-long body. A declared length sizes
            // the buffer exactly (a send's body is a few dozen bytes, and asking for the whole limit costs
            // an 8 KiB buffer per request); without one, one byte over the limit tells an over-long body.
            InputStream in = request.getEntityStream();
            bytes = in == null ? new byte[0] : in.readNBytes(declared >= 0 ? (int) declared : MAX_BYTES + 1);
        } catch (IOException e) {
            throw HttpFailure.invalidRequest("The request body could not be read in full.");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        request.setProperty(UnreadBodyFilter.BODY_READ, Boolean.TRUE);
        String contentType = Boolean.TRUE.equals(request.getProperty(HeaderGuardFilter.BROKEN_CONTENT_TYPE))
                ? null : request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return new RequestBody(bytes, contentType);
    }

    /** The fields of a JSON object body; any other media type is a 415. */
    public JsonFields json() {
        if (!JSON.equals(essence())) {
            throw unsupported("Send the body as application/json.");
        }
        return JsonFields.parse(bytes);
    }

    /** The fields of a JSON, form-urlencoded or multipart/form-data body; any other media type is a 415. */
    public Fields fields() {
        String essence = essence();
        if (JSON.equals(essence)) {
            return JsonFields.parse(bytes);
        }
        if (FORM.equals(essence)) {
            return new TextFields(FormDecoding.decode(bytes, "The body"));
        }
        if (MULTIPART.equals(essence)) {
            return new TextFields(Multipart.fields(bytes, mediaType().getParameters().get("boundary")));
        }
        throw unsupported("Send the body as application/json, application/x-www-form-urlencoded"
                + " or multipart/form-data.");
    }

    /** type/subtype in lower case, or null when there is no usable Content-Type. */
    private String essence() {
        MediaType type = mediaType();
        return type == null ? null : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    }

    private MediaType mediaType() {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.valueOf(contentType.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The Content-Length: -1 when there is none or it is not a length the body is framed by (the
     * server refused those already); {@link Long#MAX_VALUE} when its digits go beyond a long, which
     * is over the limit all the same.
     */
    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        String declared = header.trim();
        try {
            long length = Long.parseLong(declared);
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return !declared.isEmpty() && declared.chars().allMatch(Character::isDigit) ? Long.MAX_VALUE : -1;
        }
    }

    private static HttpFailure tooLarge() {
        return new HttpFailure(413, "payload_too_large", "The body is over 65,536 bytes: send a shorter one.",
                Map.of());
    }

    private static HttpFailure unsupported(String message) {
        return new HttpFailure(415, "unsupported_media_type", message, Map.of());
    }
}
