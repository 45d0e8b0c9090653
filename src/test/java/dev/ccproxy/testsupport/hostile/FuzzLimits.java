package dev.ccproxy.testsupport.hostile;

/**
 * The proxy's request limits the fuzz run configures, so that the generators know which requests they push past a
 * limit (those must be refused) and can aim at both sides of each.
 *
 * @param maxBodyBytes {@code proxy.server.max-body-bytes}
 * @param maxJsonDepth {@code proxy.server.max-json-depth}
 * @param maxMessages  {@code proxy.server.max-messages}
 * @param maxTools     {@code proxy.server.max-tools}
 */
public record FuzzLimits(int maxBodyBytes, int maxJsonDepth, int maxMessages, int maxTools) {
}
