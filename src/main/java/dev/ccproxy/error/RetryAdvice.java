package dev.ccproxy.error;

/**
 * The {@code x-should-retry} header on every error the proxy answers, which Anthropic's SDKs (and so Claude Code)
 * obey over their own defaults: a request timeout, a conflict, a rate limit, an overload or a server-side failure may
 * succeed when tried again ({@code true}); a request the proxy or the upstream refused for what it is will not
 * ({@code false}), so the client does not send it again and again.
 */
public final class RetryAdvice {

    public static final String HEADER = "x-should-retry";

    private RetryAdvice() {
    }

    /** {@code "true"} or {@code "false"} for an error answer with {@code status}. */
    public static String forStatus(int status) {
        return Boolean.toString(status == 408 || status == 409 || status == 429 || status >= 500);
    }
}
