package dev.ccproxy.error;

/**
 * The request is well formed but this proxy will not serve it: 403 {@code permission_error}. The routes' own policy
 * steps throw it ({@code throwException} with {@code exceptionType: dev.ccproxy.error.PermissionException} and a
 * message), as the README's examples of YAML edits show.
 */
public class PermissionException extends ProxyException {

    public PermissionException(String message) {
        super(AnthropicErrorType.PERMISSION, message);
    }
}
