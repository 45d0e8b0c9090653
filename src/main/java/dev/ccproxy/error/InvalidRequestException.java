package dev.ccproxy.error;

/** The client sent something malformed, or something that cannot be translated for the upstream: 400. */
public class InvalidRequestException extends ProxyException {

    public InvalidRequestException(String message) {
        super(AnthropicErrorType.INVALID_REQUEST, message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(AnthropicErrorType.INVALID_REQUEST, AnthropicErrorType.INVALID_REQUEST.status(), message, null, cause);
    }
}
