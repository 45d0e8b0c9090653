package dev.ccproxy.error;

/** The client's key is missing or wrong: 401. */
public class AuthenticationException extends ProxyException {

    public AuthenticationException(String message) {
        super(AnthropicErrorType.AUTHENTICATION, message);
    }
}
