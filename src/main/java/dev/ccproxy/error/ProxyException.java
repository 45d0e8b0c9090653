package dev.ccproxy.error;

/**
 * A failure that becomes one Anthropic error response: the error type, the HTTP status (usually the type's own; 413
 * and 405 carry {@code invalid_request_error} with their own status) and, for rate limits, the upstream's
 * {@code retry-after}. The message is shown to the client, so it never holds a stack trace or a key (a key an upstream
 * echoed is replaced: {@link KnownSecrets}).
 */
public class ProxyException extends RuntimeException {

    private final AnthropicErrorType type;
    private final int status;
    private final String retryAfter;

    public ProxyException(AnthropicErrorType type, int status, String message, String retryAfter, Throwable cause) {
        super(KnownSecrets.redact(message), cause);
        this.type = type;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ProxyException(AnthropicErrorType type, String message) {
        this(type, type.status(), message, null, null);
    }

    public AnthropicErrorType type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** The upstream's {@code retry-after} value to pass on, or null. */
    public String retryAfter() {
        return retryAfter;
    }
}
