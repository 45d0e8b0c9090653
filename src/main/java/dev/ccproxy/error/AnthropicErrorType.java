package dev.ccproxy.error;

/**
 * Anthropic's error types and the HTTP status each goes with. The SDKs (and so Claude Code) decide whether to retry
 * from the status: 408, 409, 429 and ≥ 500 are retried, the rest are not.
 */
public enum AnthropicErrorType {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    BILLING("billing_error", 402),
    PERMISSION("permission_error", 403),
    NOT_FOUND("not_found_error", 404),
    RATE_LIMIT("rate_limit_error", 429),
    API("api_error", 500),
    TIMEOUT("timeout_error", 504),
    OVERLOADED("overloaded_error", 529);

    private final String wireName;
    private final int status;

    AnthropicErrorType(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    public String wireName() {
        return wireName;
    }

    public int status() {
        return status;
    }

    /** The type an Anthropic-shaped error names; {@code api_error} for one the proxy does not know. */
    public static AnthropicErrorType fromWire(String wireName) {
        for (AnthropicErrorType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        return API;
    }
}
