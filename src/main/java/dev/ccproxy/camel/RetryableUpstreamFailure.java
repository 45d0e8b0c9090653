package dev.ccproxy.camel;

import dev.ccproxy.config.RetrySettings;
import dev.ccproxy.error.RefusalLog;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.Set;

/**
 * Decides which upstream failures the route retries (the {@code onWhen} of its redelivery policy): connection
 * failures, resets and bodies cut off, a kept-alive connection the server had closed, and 408/429/500/502/503/504/529
 * (only ever before anything reached the client); never another 4xx, a read
 * timeout (a generation that timed out once would most likely time out again, and the client's own timeout is
 * ticking), a call the client left or the proxy cut, nor one whose {@code retry-after} asks to wait longer than
 * {@code proxy.upstream.max-retry-after-seconds} (the client gets it, {@code retry-after} included, and decides).
 *
 * <p>A retry must also fit the {@link RetryBudget}; past it the failure is answered at once, as when retries are used
 * up. The decision is taken once for each failure (Camel may ask more than once) and is what {@link UpstreamRetryDelay}
 * then waits for.
 */
public final class RetryableUpstreamFailure implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(RetryableUpstreamFailure.class);
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504, 529);
    private static final String DECIDED = "ProxyRetryDecided";

    private final RetrySettings settings;
    private final RetryBudget budget;
    private final RefusalLog refusals;

    public RetryableUpstreamFailure(RetrySettings settings, RetryBudget budget) {
        this.settings = settings;
        this.budget = budget;
        this.refusals = new RefusalLog(LOG, count -> "Retry budget spent: " + count + " failed upstream call(s) "
                + "answered without a retry since the last report (retries may be " + settings.budgetPercent()
                + "% of the first attempts of the last " + RetryBudget.window().toSeconds() + " s, at least "
                + settings.budgetMinimum() + "; proxy.upstream.retry-budget-percent, proxy.upstream.retry-budget-min)");
    }

    private record Decision(Throwable failure, boolean retry) {
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (exchange.getProperty(DECIDED) instanceof Decision decided && decided.failure() == failure) {
            return decided.retry();
        }
        boolean retry = decide(exchange, failure);
        exchange.setProperty(DECIDED, new Decision(failure, retry));
        return retry;
    }

    private boolean decide(Exchange exchange, Throwable failure) {
        if (ClientConnection.of(exchange).over() || !retryable(failure)) {
            return false;
        }
        // asked before Camel counts this failure: the retries made so far
        int retriesMade = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        if (retriesMade >= settings.maxRetries()) {
            // no retry left: answered by the same handler, and nothing is taken from the budget
            return true;
        }
        if (budget.tryRetry()) {
            return true;
        }
        refusals.refused();
        return false;
    }

    private boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                if (!RETRYABLE_STATUS.contains(http.getStatusCode())) {
                    return false;
                }
                Long seconds = UpstreamRetryDelay.askedSeconds(http);
                return seconds == null || seconds <= settings.maxRetryAfterSeconds();
            }
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof NoHttpResponseException || t instanceof SocketException
                    || t instanceof ConnectionClosedException) {
                // nothing of a failed call has reached the client (a whole answer is read to its end first, a stream
                // fails here only before its status line): a reset or a cut-off body is as safe to retry as a refusal
                return true;
            }
        }
        return false;
    }
}
