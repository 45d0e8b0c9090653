package dev.ccproxy.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test sees the bytes on the wire as a client's parser does: every status line, the
 * headers as sent (an HTTP client library would merge, hide or reject some), and the chunked framing of a body.
 */
public final class RawHttp {

    /**
     * What came back: the raw bytes; the status lines (more than one is a broken response); the first head's headers
     * (names in lower case, a repeated name joined with ", "); the body with its chunked framing removed; whether the
     * chunked body ended with its terminating zero-length chunk.
     */
    public record Response(String raw, List<String> statusLines, Map<String, String> headers, String body,
            boolean chunkedEnd) {

        public int status() {
            return Integer.parseInt(statusLines.get(0).split(" ")[1]);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** POSTs {@code body} as JSON with {@code Connection: close} and reads until the server closes or times out. */
    public static Response post(int port, String path, String body, int timeoutMillis) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    /**
     * POSTs {@code body} as JSON to {@code /v1/messages} and returns the open socket without reading: the caller plays
     * a client that leaves whenever it closes it.
     */
    public static Socket postAndHold(int port, String body) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        return socket;
    }

    /** Sends {@code request} exactly as given (ASCII) and reads until the server closes or {@code timeoutMillis}. */
    public static Response send(int port, String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    /** Reads what the server sends until it closes the connection (or the socket's timeout passes). */
    public static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        try {
            while ((read = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, read);
            }
        } catch (java.net.SocketTimeoutException stoppedWaiting) {
            // what came so far is the answer; a test that expects more fails on it
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public static Response parse(String raw) {
        List<String> statusLines = new ArrayList<>();
        for (String line : raw.split("\r\n")) {
            if (line.startsWith("HTTP/1.")) {
                statusLines.add(line);
            }
        }
        int headEnd = raw.indexOf("\r\n\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        String head = headEnd < 0 ? raw : raw.substring(0, headEnd);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        String rest = headEnd < 0 ? "" : raw.substring(headEnd + 4);
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new Response(raw, statusLines, headers, rest, false);
        }
        StringBuilder body = new StringBuilder();
        int at = 0;
        boolean ended = false;
        while (at < rest.length()) {
            int lineEnd = rest.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(rest.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                ended = rest.startsWith("\r\n", lineEnd + 2);
                break;
            }
            // sizes count bytes: take them as bytes, not characters
            byte[] remaining = rest.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(remaining, 0, Math.min(size, remaining.length), StandardCharsets.UTF_8);
            body.append(chunk);
            at = lineEnd + 2 + chunk.length() + 2;
        }
        return new Response(raw, statusLines, headers, body.toString(), ended);
    }
}
