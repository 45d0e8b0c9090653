package dev.ccproxy.testsupport.hostile;

/**
 * One generated request body: its category ({@code kind}), what was done to it in words, its bytes, and what the
 * proxy may answer to it on {@code POST /v1/messages} and on {@code POST /v1/messages/count_tokens} (which reads the
 * same body without requiring {@code max_tokens}).
 */
public record HostileBody(String kind, String what, byte[] bytes, Expectation onMessages, Expectation onCountTokens) {
}
