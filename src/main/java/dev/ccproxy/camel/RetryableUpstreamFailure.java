package dev.ccproxy.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

import java.net.ConnectException;
import java.util.Set;

/**
 * Decides which upstream failures the route retries (the {@code onWhen} of its redelivery policy): connection
 * failures, a kept-alive connection the server had closed, and 408/500/502/503/504/529; 429 too, unless the upstream
 * asks to wait longer than the client should be kept waiting (then the client gets the 429 and its
 * {@code retry-after}). A retried 429 waits as long as the upstream asked ({@link UpstreamRetryDelay} says so to
 * Camel); other retries use the route's exponential back-off. A read timeout is not retried: a generation that timed
 * out once would most likely time out again, and the client's own timeout is ticking. It only reads the exchange.
 */
public final class RetryableUpstreamFailure implements Predicate {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 500, 502, 503, 504, 529);

    private final int maxRetryAfterSeconds;

    public RetryableUpstreamFailure(int maxRetryAfterSeconds) {
        this.maxRetryAfterSeconds = maxRetryAfterSeconds;
    }

    @Override
    public boolean matches(Exchange exchange) {
        if (ClientConnection.of(exchange).closed()) {
            return false;
        }
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return retryable(http);
            }
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof NoHttpResponseException) {
                return true;
            }
        }
        return false;
    }

    private boolean retryable(HttpOperationFailedException http) {
        int status = http.getStatusCode();
        if (status != 429) {
            return RETRYABLE_STATUS.contains(status);
        }
        Long seconds = UpstreamRetryDelay.askedSeconds(http);
        return seconds == null || seconds <= maxRetryAfterSeconds;
    }
}
