package dev.ccproxy.camel;

import dev.ccproxy.observe.RequestRecord;
import dev.ccproxy.observe.UpstreamRequestIds;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpActivityListener;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Follows each non-streamed upstream call of camel-http: logs its status and time at DEBUG, and hands the call's
 * handle to the exchange's {@link ClientConnection}, so that a client who leaves cancels the call at once
 * (camel-http itself offers no way to abort a request in flight), and so does the whole answer's deadline
 * ({@code proxy.upstream.timeout-seconds}, armed at the first attempt: camel-http's own timeouts bound only each
 * silence, not the whole).
 *
 * <p>It is camel-http's activity listener ({@code camel.component.http.http-activity-listener}), and, as its client
 * configurer, the first exec interceptor of camel-http's client, where HttpClient exposes the call's cancellable
 * runtime. camel-http gives its activity listeners the exchange through the call's HTTP context (attribute
 * {@value #EXCHANGE_ATTRIBUTE}), which is where the interceptor reads it too.
 */
public final class UpstreamCancellation implements HttpClientConfigurer, HttpActivityListener {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamCancellation.class);
    static final String EXCHANGE_ATTRIBUTE = "org.apache.camel.Exchange";

    private final WholeAnswerDeadlines deadlines;
    private final RetryBudget budget;

    /**
     * @param deadlines bound each whole answer, retries included
     * @param budget    counts each call made
     */
    public UpstreamCancellation(WholeAnswerDeadlines deadlines, RetryBudget budget) {
        this.deadlines = deadlines;
        this.budget = budget;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("cancel-when-client-leaves", this::track);
    }

    private ClassicHttpResponse track(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        budget.call();
        if (!(scope.clientContext.getAttribute(EXCHANGE_ATTRIBUTE) instanceof Exchange exchange)) {
            return chain.proceed(request, scope);
        }
        if (scope.execRuntime instanceof Cancellable call) {
            ClientConnection connection = ClientConnection.of(exchange);
            deadlines.arm(connection);
            connection.upstreamStarted(call);
        }
        RequestRecord record = RequestObservation.of(exchange);
        record.attemptStarted();
        try {
            ClassicHttpResponse response = chain.proceed(request, scope);
            long now = System.nanoTime();
            record.firstByte(now);
            record.attemptEnded(now);
            RequestObservation.upstreamRequestId(exchange, UpstreamRequestIds.find(name -> {
                Header header = response.getFirstHeader(name);
                return header == null ? null : header.getValue();
            }));
            return response;
        } catch (IOException | HttpException | RuntimeException e) {
            record.attemptEnded(System.nanoTime());
            throw e;
        }
    }

    @Override
    public void onRequestSubmitted(Object source, Exchange exchange, HttpHost host, HttpRequest request,
            HttpEntity entity) {
        LOG.debug("{} calling {}", requestId(exchange), host);
    }

    @Override
    public void onResponseReceived(Object source, Exchange exchange, HttpHost host, HttpResponse response,
            HttpEntity entity, long elapsed) {
        LOG.debug("{} {} answered {} in {} ms", requestId(exchange), host, response.getCode(), elapsed);
    }

    private static String requestId(Exchange exchange) {
        return exchange == null ? "-" : ClientConnection.of(exchange).requestId();
    }
}
