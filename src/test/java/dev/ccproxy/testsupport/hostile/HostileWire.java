package dev.ccproxy.testsupport.hostile;

import dev.ccproxy.testsupport.RawHttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a {@link HostileRequest} over a plain socket, exactly as generated (no HTTP library would send most of them),
 * and reads the answer until it is complete by its own framing, the server closes, or time runs out.
 *
 * <p>A virtual thread writes while this one reads, so a server that answers early (413 before the body is in) and
 * stops reading can never block the client on a full socket buffer.
 */
public final class HostileWire {

    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    /**
     * What came back: the answer (null when no head did), whether it is whole by its own framing, whether time ran out
     * first, how long it took, and the bytes as text (for the report).
     */
    public record Outcome(RawHttp.Response response, boolean whole, boolean timedOut, long millis, String received) {
    }

    private HostileWire() {
    }

    public static Outcome exchange(int port, HostileRequest request, int timeoutMillis) throws IOException {
        byte[] wire = request.wire(port);
        long start = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMillis);
            Thread writer = Thread.ofVirtual().start(() -> send(socket, wire, request));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean timedOut = read(socket.getInputStream(), received, start, timeoutMillis);
            writer.interrupt();
            long millis = (System.nanoTime() - start) / 1_000_000;
            byte[] bytes = received.toByteArray();
            String text = new String(bytes, StandardCharsets.UTF_8);
            int answerStart = finalAnswerStart(bytes);
            if (answerStart < 0) {
                return new Outcome(null, false, timedOut, millis, text);
            }
            // an answer without Content-Length or chunks ends where the server closed
            boolean whole = complete(bytes, answerStart) || !timedOut && !framed(bytes, answerStart);
            return new Outcome(RawHttp.parse(text.substring(text.indexOf("HTTP/", answerStart))), whole, timedOut,
                    millis, text);
        }
    }

    private static void send(Socket socket, byte[] wire, HostileRequest request) {
        try {
            OutputStream out = socket.getOutputStream();
            int pieces = request.pacing().pieces();
            int size = (wire.length + pieces - 1) / pieces;
            for (int at = 0; at < wire.length; at += size) {
                if (at > 0) {
                    Thread.sleep(request.pacing().pauseMillis());
                }
                out.write(wire, at, Math.min(size, wire.length - at));
                out.flush();
            }
            if (request.halfClosesAfterSending()) {
                socket.shutdownOutput();
            }
        } catch (IOException | InterruptedException stopped) {
            // the server answered and closed before taking everything: what it answered is what counts
        }
    }

    /** Reads until the answer is complete or the server closes; true when time ran out first. */
    private static boolean read(InputStream in, ByteArrayOutputStream received, long start, int timeoutMillis) {
        byte[] buffer = new byte[16384];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
                byte[] bytes = received.toByteArray();
                int answerStart = finalAnswerStart(bytes);
                if (answerStart >= 0 && complete(bytes, answerStart)) {
                    return false;
                }
                if ((System.nanoTime() - start) / 1_000_000 > timeoutMillis) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    /** Where the final answer starts, past any interim 1xx answers; -1 while no head is complete. */
    private static int finalAnswerStart(byte[] bytes) {
        int at = 0;
        while (true) {
            int headEnd = indexOf(bytes, CRLF_CRLF, at);
            if (headEnd < 0) {
                return -1;
            }
            if (!new String(bytes, at, Math.min(12, bytes.length - at), StandardCharsets.US_ASCII)
                    .matches("HTTP/1\\.[01] 1\\d\\d.*")) {
                return at;
            }
            at = headEnd + 4;
        }
    }

    /** The answer starting at {@code start} is whole: its Content-Length is in, or its last chunk. */
    private static boolean complete(byte[] bytes, int start) {
        int headEnd = indexOf(bytes, CRLF_CRLF, start);
        String head = head(bytes, start);
        int bodyStart = headEnd + 4;
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return bytes.length - bodyStart >= Long.parseLong(length.group(1));
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return lastChunkIn(bytes, bodyStart);
        }
        // neither: the body ends when the server closes
        return false;
    }

    /** The answer tells its own length (so a close before the end cuts it off). */
    private static boolean framed(byte[] bytes, int start) {
        String head = head(bytes, start);
        return CONTENT_LENGTH.matcher(head).find() || head.contains("\r\ntransfer-encoding: chunked");
    }

    private static String head(byte[] bytes, int start) {
        int headEnd = indexOf(bytes, CRLF_CRLF, start);
        return new String(bytes, start, headEnd - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    private static boolean lastChunkIn(byte[] bytes, int at) {
        while (at < bytes.length) {
            int lineEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (lineEnd < 0) {
                return false;
            }
            String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                return indexOf(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII), lineEnd + 2) >= 0;
            }
            at = lineEnd + 2 + size + 2;
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
