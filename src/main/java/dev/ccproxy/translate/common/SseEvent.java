package dev.ccproxy.translate.common;

/**
 * One server-sent event from the upstream, as the stream translators read it: its name (null when the server sent
 * none) and its data ({@code data:} lines joined with a newline).
 */
public record SseEvent(String name, String data) {
}
