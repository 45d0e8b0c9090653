package dev.ccproxy.testsupport.hostile;

import dev.ccproxy.testsupport.hostile.HostileHeaders.Header;
import dev.ccproxy.testsupport.hostile.HostileHeaders.HeaderSet;
import dev.ccproxy.testsupport.hostile.Targets.Endpoint;
import dev.ccproxy.testsupport.hostile.Targets.Target;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One generated request, whole: the request line, the headers, the body, how the body is framed and how fast it is
 * sent; its bytes on the wire ({@link #wire}); what the proxy may answer ({@link #expectation}); and a description to
 * reproduce it by.
 */
public record HostileRequest(Target target, HeaderSet headers, HostileBody body, Framing framing, Pacing pacing) {

    /** How the body's length is told, truthfully or not. */
    public enum Framing {
        CONTENT_LENGTH(Expectation.ACCEPTED), CHUNKED(Expectation.ACCEPTED),
        /** Neither header: an HTTP/1.1 request without them has no body, and the bytes follow as garbage. */
        NO_LENGTH(Expectation.ANSWERED),
        /** Declares fewer bytes than follow. */
        LENGTH_TOO_SHORT(Expectation.ANSWERED),
        /** Declares more bytes than follow, then stops sending (half-closes): the proxy cannot answer all of it. */
        LENGTH_TOO_LONG(Expectation.ANSWERED_OR_CLOSED),
        /** Declares more bytes than follow and keeps the connection open: the body deadline's 408. */
        STALLED_BODY(Expectation.ANSWERED),
        /** Stops in the middle of its headers and keeps the connection open: the headers deadline closes it. */
        STALLED_HEADERS(Expectation.ANSWERED_OR_CLOSED),
        /** Two Content-Length headers, the second one byte more. */
        TWO_LENGTHS(Expectation.ANSWERED),
        LENGTH_AND_CHUNKED(Expectation.ANSWERED),
        NOT_A_NUMBER_LENGTH(Expectation.ANSWERED),
        /** Chunked, with a chunk size that is not hexadecimal. */
        BROKEN_CHUNKS(Expectation.ANSWERED);

        private final Expectation effect;

        Framing(Expectation effect) {
            this.effect = effect;
        }
    }

    /** Sent in {@code pieces} writes with {@code pauseMillis} between them: 1 piece is all at once. */
    public record Pacing(int pieces, int pauseMillis) {

        public static final Pacing AT_ONCE = new Pacing(1, 0);

        public long totalPauseMillis() {
            return (long) (pieces - 1) * pauseMillis;
        }
    }

    public Expectation expectation() {
        Expectation fromBodyAndHeaders = switch (target.endpoint()) {
            case MESSAGES -> body.onMessages().and(headers.onMessages());
            // count_tokens reads any content type as JSON, and a request the headers may spoil is no longer sure
            case COUNT_TOKENS -> body.onCountTokens().and(headers.onMessages() == Expectation.ACCEPTED
                    ? Expectation.ACCEPTED : Expectation.ANSWERED);
            case OTHER -> Expectation.ANSWERED;
        };
        return fromBodyAndHeaders.and(framing.effect);
    }

    public byte[] wire(int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, target.method() + " " + target.target() + " HTTP/1.1\r\n");
        List<String> names = new ArrayList<>();
        for (Header header : headers.headers()) {
            write(out, header.name() + ": ");
            out.writeBytes(header.value());
            write(out, "\r\n");
            names.add(header.name().toLowerCase(Locale.ROOT));
        }
        if (!names.contains("host")) {
            write(out, "Host: 127.0.0.1:" + port + "\r\n");
        }
        write(out, "Connection: close\r\n");
        byte[] bytes = body.bytes();
        switch (framing) {
            case CONTENT_LENGTH -> write(out, "Content-Length: " + bytes.length + "\r\n");
            case CHUNKED, BROKEN_CHUNKS -> write(out, "Transfer-Encoding: chunked\r\n");
            case NO_LENGTH -> { }
            case LENGTH_TOO_SHORT -> write(out, "Content-Length: " + bytes.length / 2 + "\r\n");
            case LENGTH_TOO_LONG, STALLED_BODY -> write(out, "Content-Length: " + (bytes.length + 10) + "\r\n");
            case STALLED_HEADERS -> {
                // the head ends here, unfinished: no blank line, no body
                return out.toByteArray();
            }
            case TWO_LENGTHS -> write(out, "Content-Length: " + bytes.length + "\r\nContent-Length: "
                    + (bytes.length + 1) + "\r\n");
            case LENGTH_AND_CHUNKED -> write(out, "Content-Length: " + bytes.length
                    + "\r\nTransfer-Encoding: chunked\r\n");
            case NOT_A_NUMBER_LENGTH -> write(out, "Content-Length: 0x" + Integer.toHexString(bytes.length) + "\r\n");
        }
        write(out, "\r\n");
        switch (framing) {
            case CHUNKED, LENGTH_AND_CHUNKED -> chunked(out, bytes, Integer.toHexString(Math.max(1, bytes.length / 3)));
            case BROKEN_CHUNKS -> chunked(out, bytes, "zz");
            default -> out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** The body in three chunks or so (the last one with an extension), then the last-chunk and an empty trailer. */
    private static void chunked(ByteArrayOutputStream out, byte[] bytes, String hexSize) {
        int size = Math.max(1, bytes.length / 3);
        for (int at = 0; at < bytes.length; at += size) {
            int length = Math.min(size, bytes.length - at);
            boolean full = length == size;
            write(out, (full ? hexSize : Integer.toHexString(length) + ";ext=1") + "\r\n");
            out.write(bytes, at, length);
            write(out, "\r\n");
        }
        write(out, "0\r\n\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Enough to reproduce the case by hand: the request line, headers, framing, pacing and what the body is. */
    public String describe() {
        List<Header> shown = headers.headers().subList(0, Math.min(6, headers.headers().size()));
        return target.method() + " " + shorten(target.target()) + " [" + headers.kind() + ": " + shown
                + (shown.size() < headers.headers().size() ? " and " + (headers.headers().size() - shown.size())
                + " more" : "") + "] " + framing
                + (pacing.pieces() > 1 ? " in " + pacing.pieces() + " pieces " + pacing.pauseMillis() + " ms apart" : "")
                + ", body " + body.kind() + ": " + body.what() + " (" + body.bytes().length + " bytes)";
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "… (" + text.length() + " chars)" : text;
    }

    public boolean halfClosesAfterSending() {
        return framing == Framing.LENGTH_TOO_LONG;
    }

    public Endpoint endpoint() {
        return target.endpoint();
    }
}
