package dev.ccproxy.camel;

import dev.ccproxy.error.UpstreamErrors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;

/**
 * How long Camel waits before it retries a failed upstream call: as long as the upstream asked in the
 * {@code retry-after} of its 429, else the route's exponential back-off. Camel runs it as the
 * {@code onExceptionOccurred} of the retrying {@code onException}, after {@link RetryableUpstreamFailure} has said
 * yes and before the delay is computed; the delay goes in Camel's {@link Exchange#REDELIVERY_DELAY} header.
 */
public final class UpstreamRetryDelay implements Processor {

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HttpOperationFailedException http = failure == null ? null
                : ObjectHelper.getException(HttpOperationFailedException.class, failure);
        Long seconds = http != null && http.getStatusCode() == 429 ? askedSeconds(http) : null;
        if (seconds != null) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, seconds * 1000);
        } else {
            // an earlier 429's wait must not outlive it: this failure takes the back-off
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /** The whole seconds a failed call's {@code retry-after} asks for, or null when it names none. */
    static Long askedSeconds(HttpOperationFailedException http) {
        String retryAfter = UpstreamErrors.retryAfterSeconds(http.getResponseHeaders());
        return retryAfter == null ? null : Long.valueOf(retryAfter);
    }
}
