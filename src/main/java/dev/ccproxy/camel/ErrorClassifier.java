package dev.ccproxy.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.error.UpstreamErrors;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.io.IOException;

/**
 * Any failure of an exchange → the {@link ProxyException} the client is answered with. Camel wraps exceptions, so the
 * cause chain is searched for the first one that says what really happened.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static ProxyException classify(Throwable failure, String upstream) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProxyException proxy) {
                return proxy;
            }
            if (t instanceof HttpOperationFailedException http) {
                return UpstreamErrors.fromStatus(http.getStatusCode(), http.getResponseBody(),
                        http.getResponseHeaders());
            }
            if (t instanceof IOException io && !(t instanceof JsonProcessingException)) {
                return UpstreamErrors.fromIo(io, upstream);
            }
        }
        return new ProxyException(AnthropicErrorType.API, 500, "Internal error in the proxy", null, failure);
    }

    /** A failure of the proxy itself, as opposed to one the client or the upstream caused. */
    public static boolean internal(ProxyException error) {
        return error.type() == AnthropicErrorType.API && error.status() == 500 && error.getCause() != null
                && !(error.getCause() instanceof HttpOperationFailedException);
    }
}
