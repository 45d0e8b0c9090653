package dev.ccproxy.camel;

import dev.ccproxy.config.RetrySettings;
import dev.ccproxy.error.UpstreamErrors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long Camel waits before it retries a failed upstream call: as long as the upstream asked in its
 * {@code retry-after} (a 429, 503 or 529 may carry one; {@link RetryableUpstreamFailure} has already refused a wait
 * above the cap), else an exponential back-off with jitter: the first delay doubled for each retry made, capped, of
 * which a random half is taken off ("equal jitter"), so that the clients of a failed upstream do not all come back at
 * the same instant. Camel runs it as the {@code onExceptionOccurred} of the retrying {@code onException}, after the
 * failure is counted; the delay goes in Camel's {@link Exchange#REDELIVERY_DELAY} header, which Camel uses instead of
 * its own policy's.
 */
public final class UpstreamRetryDelay implements Processor {

    private final RetrySettings settings;

    public UpstreamRetryDelay(RetrySettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HttpOperationFailedException http = failure == null ? null
                : ObjectHelper.getException(HttpOperationFailedException.class, failure);
        Long seconds = http == null ? null : askedSeconds(http);
        // counted by now: 1 before the first retry
        int retry = Math.max(1, exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class));
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY,
                seconds != null ? seconds * 1000 : backOffMillis(retry, ThreadLocalRandom.current().nextDouble()));
    }

    /** The back-off before retry number {@code retry} (1 for the first), {@code random} in [0, 1). */
    long backOffMillis(int retry, double random) {
        long first = Math.max(1, settings.firstDelay().toMillis());
        long max = Math.max(first, settings.maxDelay().toMillis());
        long full = retry >= 31 ? max : Math.min(max, first << (retry - 1));
        return full - Math.round(full / 2.0 * random);
    }

    /** The whole seconds a failed call's {@code retry-after} asks for, or null when it names none. */
    static Long askedSeconds(HttpOperationFailedException http) {
        String retryAfter = UpstreamErrors.retryAfterSeconds(http.getResponseHeaders());
        return retryAfter == null ? null : Long.valueOf(retryAfter);
    }
}
