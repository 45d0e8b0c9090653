package dev.ccproxy.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One INFO line per API request as it ends, on the logger {@value #LOGGER} (its level can be set apart from the
 * rest): {@code key=value} pairs in the message for people and grep, and the same pairs as the event's key-values for
 * the JSON layout (which prints them as fields). Only what identifies and measures the request: never a key, never a
 * header, never content.
 */
public final class AccessLog {

    public static final String LOGGER = "dev.ccproxy.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_VALUE = 300;
    /**
     * The key-values only when a logging configuration other than the default text one is in use (LOG_FORMAT=json, or
     * the operator's own file): log4j hands them to the layout through the thread context, a copy of its map per
     * value, which the default pattern never prints (the message already holds every pair).
     */
    private static final boolean KEY_VALUES = System.getProperty("log4j2.configurationFile") != null;

    private AccessLog() {
    }

    public static void write(RequestRecord record, RequestRecord.Outcome outcome, long elapsedNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Line line = new Line(LOG.atInfo());
        line.add("route", record.route());
        line.add("status", Integer.toString(record.status()));
        line.add("outcome", outcome.label());
        line.add("error_type", record.errorType());
        line.add("duration_ms", millis(elapsedNanos));
        line.add("model", record.requestedModel());
        line.add("upstream_model", record.upstreamModel());
        line.add("provider", record.provider());
        line.add("api", record.api());
        if (record.requestedModel() != null) {
            line.add("stream", Boolean.toString(record.stream()));
        }
        if (record.attempts() > 0) {
            line.add("attempts", Integer.toString(record.attempts()));
            line.add("upstream_first_byte_ms", record.firstByteNanos() < 0 ? null : millis(record.firstByteNanos()));
            line.add("upstream_ms", millis(record.upstreamNanos()));
            line.add("overhead_ms", millis(Math.max(0, elapsedNanos - record.upstreamNanos())));
        }
        RequestRecord.Tokens tokens = record.tokens();
        if (tokens != null) {
            line.add("input_tokens", Long.toString(tokens.input()));
            line.add("output_tokens", Long.toString(tokens.output()));
            line.add("cache_read_tokens", Long.toString(tokens.cacheRead()));
            line.add("cache_creation_tokens", Long.toString(tokens.cacheCreation()));
        }
        line.add("upstream_request_id", record.upstreamRequestId());
        line.add("error", record.errorMessage());
        line.log();
    }

    /** Milliseconds with a tenth of a millisecond: the proxy's own part is often below one. */
    static String millis(long nanos) {
        long tenths = (nanos + 50_000) / 100_000;
        return tenths / 10 + "." + tenths % 10;
    }

    /** Values from clients (model names) may hold anything: a line stays one line, and not a long one. */
    static String clean(String value) {
        String capped = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value;
        StringBuilder out = null;
        for (int i = 0; i < capped.length(); i++) {
            char c = capped.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(capped);
                }
                out.setCharAt(i, '?');
            }
        }
        return out == null ? capped : out.toString();
    }

    private static final class Line {

        private final LoggingEventBuilder event;
        private final StringBuilder text = new StringBuilder(256);

        Line(LoggingEventBuilder event) {
            this.event = event;
        }

        void add(String key, String value) {
            if (value == null) {
                return;
            }
            value = clean(value);
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(key).append('=');
            // model names come from clients: quoted when they hold a space, a quote or an equals sign
            if (value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('"') >= 0 || value.indexOf('=') >= 0) {
                text.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                text.append(value);
            }
            if (KEY_VALUES) {
                event.addKeyValue(key, value);
            }
        }

        void log() {
            event.log(text.toString());
        }
    }
}
