package dev.ccproxy.error;

/** The client asked for something the proxy does not have (a model it does not list): 404. */
public class NotFoundException extends ProxyException {

    public NotFoundException(String message) {
        super(AnthropicErrorType.NOT_FOUND, message);
    }
}
