package dev.ccproxy.config;

import java.time.Duration;

/**
 * Retries of failed upstream calls (the routes' redelivery policy reads {@code proxy.upstream.max-retries} too).
 *
 * @param maxRetries           retries of a failed upstream call before the client sees the error
 * @param firstDelay           the first back-off; each retry doubles it, up to {@code maxDelay}, less a random part
 * @param maxDelay             the longest back-off
 * @param maxRetryAfterSeconds a {@code retry-after} longer than this goes straight to the client instead of being waited
 * @param budgetPercent        retries allowed as a percentage of recent first attempts (the retry budget)
 * @param budgetMinimum        retries allowed in the budget's window whatever the traffic
 */
public record RetrySettings(int maxRetries, Duration firstDelay, Duration maxDelay, int maxRetryAfterSeconds,
        int budgetPercent, int budgetMinimum) {
}
