package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpContext;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Grizzly's HTTP/1.1 codec, answering what it refuses by itself in the API's JSON error shape,
 * with a length, and closing: a head over the size or field limits (414 or 431), a malformed
 * head or Content-Length (400), a version it does not speak (505, HTTP/2's preface included).
 * It also refuses a control character in a header (Grizzly keeps them), an expectation other
 * than 100-continue (417) and CONNECT, whose answer Grizzly would frame as a tunnel: no
 * length, the connection left open. An answer given before its request's body was read to the
 * end closes the connection with a {@link LingeringClose}.
 */
final class JsonHttpCodec extends HttpServerFilter {

    /** The body chosen for a refusal, kept on the request until the codec writes its answer. */
    private static final String REFUSAL = JsonHttpCodec.class.getName() + ".refusal";
    private static final Pattern VERSION = Pattern.compile("HTTP/\\d\\.\\d");
    /** Grizzly's CONNECT constant makes it frame the answer as a tunnel; this one is an ordinary method. */
    private static final Method REFUSED_CONNECT = Method.CUSTOM("CONNECT", Method.PayloadExpectation.NOT_ALLOWED);

    private final int maxHeadBytes;
    private final int maxHeaderFields;

    @SuppressWarnings("deprecation") // the constructor Grizzly's own HttpServer uses for this filter
    private JsonHttpCodec(NetworkListener listener, HttpServerFilter replaced) {
        super(listener.isChunkingEnabled(), headLimit(listener), replaced.getDefaultResponseContentType(),
                listener.getKeepAlive(), null, listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
        this.maxHeadBytes = headLimit(listener);
        this.maxHeaderFields = listener.getMaxRequestHeaders();
        for (var encoding : replaced.getContentEncodings()) {
            addContentEncoding(encoding);
        }
        setAllowPayloadForUndefinedHttpMethods(replaced.isAllowPayloadForUndefinedHttpMethods());
        setMaxPayloadRemainderToSkip(replaced.getMaxPayloadRemainderToSkip());
        setRemoveHandledContentEncodingHeaders(replaced.isRemoveHandledContentEncodingHeaders());
        setPreserveHeaderCase(replaced.isPreserveHeaderCase());
        getMonitoringConfig().addProbes(replaced.getMonitoringConfig().getProbes());
    }

    /** Puts this codec in the place of the one Grizzly's HttpServer made, with its settings. */
    static AddOn addOn() {
        return (listener, builder) -> {
            int codec = builder.indexOfType(HttpServerFilter.class);
            if (codec >= 0 && !(builder.get(codec) instanceof JsonHttpCodec)) {
                builder.set(codec, new JsonHttpCodec(listener, (HttpServerFilter) builder.get(codec)));
            }
        };
    }

    private static int headLimit(NetworkListener listener) {
        return listener.getMaxHttpHeaderSize() == -1 ? DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE
                : listener.getMaxHttpHeaderSize();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        return LingeringClose.dropped(ctx) ? ctx.getStopAction() : super.handleRead(ctx);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        if (event.type() == HttpEvents.ResponseCompleteEvent.TYPE && ctx.getConnection().isOpen()) {
            HttpRequestPacket request = HttpContext.get(ctx).getRequest();
            if (request.isExpectContent() && !request.isUpgrade()) {
                LingeringClose.begin(ctx);
                return ctx.getStopAction();
            }
        }
        return super.handleEvent(ctx, event);
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
        HttpRequestPacket request = (HttpRequestPacket) header;
        if (request.getMethod() == Method.CONNECT) {
            request.setMethod(REFUSED_CONNECT);
            try {
                request.getProtocol();
            } catch (IllegalStateException unknownVersion) {
                request.setProtocol(Protocol.HTTP_1_1); // as Grizzly answers a version it cannot read
            }
            refuse(request, 405, ErrorAnswers.connectRefused());
            // Its target is a host, not a resource of this server: no method is allowed on it.
            request.getResponse().setHeader(Header.Allow, "");
            return true;
        }
        if (request.getMethod() == Method.PRI) {
            // The preface of HTTP/2 with prior knowledge, which Grizzly would read as a request with an endless body.
            refuse(request, 505, ErrorAnswers.versionNotSupported());
            return true;
        }
        String protocol = request.getProtocolString();
        if (super.onHttpHeaderParsed(header, buffer, ctx)) {
            if (request.getResponse().getStatus() == 505 && !VERSION.matcher(protocol).matches()) {
                // Not a version at all (a space in the target leaves a word before it): a malformed line.
                refuse(request, 400, ErrorAnswers.malformedRequestLine());
            }
            return true;
        }
        if (holdsControlCharacter(request.getHeaders())) {
            refuse(request, 400, ErrorAnswers.malformedHeaderLine());
            return true;
        }
        String expectation = request.getHeader(Header.Expect);
        if (expectation != null && !"100-continue".equalsIgnoreCase(expectation.trim())) {
            // Grizzly's own 417 for it has an empty body.
            refuse(request, 417, ErrorAnswers.expectationFailed());
            return true;
        }
        return false;
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable error) throws IOException {
        HttpRequestPacket request = (HttpRequestPacket) header;
        if (request.getAttribute(REFUSAL) == null) {
            if (error instanceof MimeHeaders.MaxHeaderCountExceededException || overflowed(header)) {
                boolean inRequestLine = ((HttpPacketParsing) header).getHeaderParsingState().state == 0;
                if (inRequestLine) {
                    refuse(request, 414, ErrorAnswers.uriTooLong(maxHeadBytes));
                } else {
                    refuse(request, 431, ErrorAnswers.headTooLarge(maxHeadBytes, maxHeaderFields));
                }
            } else if (error instanceof NumberFormatException) {
                refuse(request, 400, ErrorAnswers.badContentLength());
            }
        }
        super.onHttpHeaderError(header, ctx, error);
    }

    @Override
    protected void onHttpContentError(HttpHeader header, FilterChainContext ctx, Throwable error) throws IOException {
        HttpRequestPacket request = (HttpRequestPacket) header;
        if (!request.getResponse().isCommitted()) {
            refuse(request, 400, ErrorAnswers.malformedChunkedBody());
        }
        super.onHttpContentError(header, ctx, error);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        byte[] body = response.getRequest().getAttribute(REFUSAL) instanceof byte[] chosen ? chosen
                : response.getStatus() == 400 ? ErrorAnswers.malformedHead()
                : ErrorAnswers.forStatus(response.getStatus());
        // Set as plain headers: for a request line Grizzly could not read, it skips its own header logic.
        response.getHeaders().setValue(Header.ContentType).setString("application/json");
        response.getHeaders().setValue(Header.Connection).setString("close");
        response.setContentLength(body.length);
        return HttpContent.builder(response).content(Buffers.wrap(memoryOf(response.getRequest()), body))
                .last(true).build();
    }

    private static void refuse(HttpRequestPacket request, int status, byte[] body) {
        // With its reason phrase: a 505 turned 400 must not keep "HTTP Version Not Supported".
        HttpStatus.getHttpStatus(status).setValues(request.getResponse());
        request.setAttribute(REFUSAL, body);
    }

    /** The head grew past the limit before it ended (Grizzly reports it only as an IllegalStateException). */
    private static boolean overflowed(HttpHeader header) {
        var parsing = ((HttpPacketParsing) header).getHeaderParsingState();
        return parsing.offset >= parsing.packetLimit;
    }

    private static MemoryManager memoryOf(HttpRequestPacket request) {
        Connection<?> connection = request.getConnection();
        return connection == null ? MemoryManager.DEFAULT_MEMORY_MANAGER : connection.getMemoryManager();
    }

    private static boolean holdsControlCharacter(MimeHeaders headers) {
        for (int i = 0; i < headers.size(); i++) {
            if (ControlCharacters.in(headers.getName(i)) || ControlCharacters.in(headers.getValue(i))) {
                return true;
            }
        }
        return false;
    }
}
