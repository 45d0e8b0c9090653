package dev.ccproxy.camel;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpActivityListener;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

import java.io.IOException;

/**
 * Hands each upstream call's handle to the exchange's {@link ClientConnection}, so that a client who leaves cancels
 * the call at once (camel-http itself offers no way to abort a request in flight).
 *
 * <p>It is installed on camel-http's client as the first exec interceptor, where HttpClient exposes the call's
 * cancellable runtime. It is also registered as camel-http's activity listener (doing nothing as such): that is
 * what makes camel-http put the exchange into the HTTP context, where the interceptor finds it.
 */
public final class UpstreamCancellation implements HttpClientConfigurer, HttpActivityListener {

    private static final String EXCHANGE_ATTRIBUTE = "org.apache.camel.Exchange";

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("cancel-when-client-leaves", this::track);
    }

    private ClassicHttpResponse track(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        if (scope.clientContext.getAttribute(EXCHANGE_ATTRIBUTE) instanceof Exchange exchange
                && scope.execRuntime instanceof Cancellable call) {
            ClientConnection.of(exchange).upstreamStarted(call);
        }
        return chain.proceed(request, scope);
    }

    @Override
    public void onRequestSubmitted(Object source, Exchange exchange, HttpHost host, HttpRequest request,
            HttpEntity entity) {
        // only registered so that camel-http puts the exchange into the HTTP context
    }

    @Override
    public void onResponseReceived(Object source, Exchange exchange, HttpHost host, HttpResponse response,
            HttpEntity entity, long elapsed) {
        // only registered so that camel-http puts the exchange into the HTTP context
    }
}
