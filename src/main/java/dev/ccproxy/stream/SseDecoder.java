package dev.ccproxy.stream;

import dev.ccproxy.translate.common.SseEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Server-sent events from bytes as they arrive, in pieces of any size: {@code data:} lines (joined with a newline
 * when there are several), an optional {@code event:} name, comments ignored; lines end with LF, CRLF or CR. A piece
 * may end anywhere, inside a line or inside a UTF-8 character: what is incomplete waits for the next piece. One
 * instance per stream.
 */
public final class SseDecoder {

    private byte[] pending = new byte[0];
    private int pendingLength;
    /** A CR ended the last line: an LF right after it belongs to that line end. */
    private boolean afterCr;
    private String name;
    private StringBuilder data;

    /** The events that {@code bytes} completes (often none, sometimes several). */
    public List<SseEvent> decode(byte[] bytes, int offset, int length) {
        List<SseEvent> events = new ArrayList<>(2);
        int lineStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                afterCr = false;
                continue;
            }
            if (b == '\n' && afterCr && i == lineStart && pendingLength == 0) {
                // the LF of a CRLF whose CR ended the previous piece or line
                afterCr = false;
                lineStart = i + 1;
                continue;
            }
            line(joined(bytes, lineStart, i), events);
            afterCr = b == '\r';
            lineStart = i + 1;
        }
        keep(bytes, lineStart, end);
        return events;
    }

    public List<SseEvent> decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** At the end of the stream: an event whose blank line never came still counts. */
    public SseEvent finish() {
        if (pendingLength > 0) {
            // a last line without its line end (a non-empty line never completes an event by itself)
            line(new String(pending, 0, pendingLength, StandardCharsets.UTF_8), new ArrayList<>(0));
            pendingLength = 0;
        }
        SseEvent last = data != null ? new SseEvent(name, data.toString()) : null;
        data = null;
        name = null;
        return last;
    }

    /** The line that ends at {@code to}: what was pending from earlier pieces, then these bytes. */
    private String joined(byte[] bytes, int from, int to) {
        if (pendingLength == 0) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        keep(bytes, from, to);
        String line = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        pendingLength = 0;
        return line;
    }

    private void keep(byte[] bytes, int from, int to) {
        int more = to - from;
        if (more <= 0) {
            return;
        }
        if (pendingLength + more > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(256, Math.max(pending.length * 2, pendingLength + more)));
        }
        System.arraycopy(bytes, from, pending, pendingLength, more);
        pendingLength += more;
    }

    private void line(String line, List<SseEvent> events) {
        if (line.isEmpty()) {
            if (data != null) {
                events.add(new SseEvent(name, data.toString()));
            }
            data = null;
            name = null;
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        } else if (field.equals("event")) {
            name = value;
        }
    }
}
