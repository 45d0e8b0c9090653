package dev.ccproxy.config;

/**
 * Retries of failed upstream calls (the routes' redelivery policy reads the same keys).
 *
 * @param maxRetries           retries of a failed upstream call before the client sees the error
 * @param maxRetryAfterSeconds a 429 whose {@code retry-after} is longer than this goes straight to the client
 */
public record RetrySettings(int maxRetries, int maxRetryAfterSeconds) {
}
