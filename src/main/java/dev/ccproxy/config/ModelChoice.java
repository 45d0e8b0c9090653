package dev.ccproxy.config;

/**
 * An upstream model on a provider.
 *
 * @param model the upstream model name; null in a map rule means "the requested name, unchanged"
 */
public record ModelChoice(String provider, String model) {
}
