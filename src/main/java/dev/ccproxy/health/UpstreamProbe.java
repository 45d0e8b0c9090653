package dev.ccproxy.health;

import dev.ccproxy.config.ProviderSettings;
import dev.ccproxy.error.UpstreamErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;

/**
 * One look at whether the default upstream can be reached: {@code GET {base-url}/models} on a fresh connection, with
 * the provider's configured key and headers, given at most the probe's timeout. Any HTTP answer below 500 means
 * reachable (a 401 for a wrong key or a 404 for a server without that path still proves the connection, TLS and HTTP
 * work); a 5xx, a refused or reset connection, a TLS failure or silence mean unreachable. Nothing of the answer is read
 * past its status line.
 */
final class UpstreamProbe {

    /** What a probe found: reachable or not, and, when not, why (no key: the upstream's URL and the failure). */
    record Result(boolean reachable, String detail) {
    }

    private final HttpClient client;
    private final ProviderSettings provider;
    private final Duration timeout;

    UpstreamProbe(Vertx vertx, ProviderSettings provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        // a new connection each time: whether the upstream can be reached now, not whether an old connection lives
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setConnectTimeout((int) timeout.toMillis()));
    }

    Future<Result> probe() {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(provider.baseUrl() + "/models")
                .setFollowRedirects(false)
                .setTimeout(timeout.toMillis())
                .putHeader("User-Agent", "claude-code-proxy");
        provider.configuredHeaders(provider.api(), options::putHeader);
        return client.request(options)
                .compose(request -> request.send().map(response -> {
                    // the status is the answer; the rest (a model list may be large) is not read
                    request.reset();
                    int status = response.statusCode();
                    return status < 500 ? new Result(true, null) : new Result(false, "it answered " + status);
                }))
                .otherwise(failure -> new Result(false, describe(failure)));
    }

    private String describe(Throwable failure) {
        if (failure instanceof java.util.concurrent.TimeoutException
                || failure instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return failure instanceof java.io.IOException io ? UpstreamErrors.reason(io) : failure.getClass().getSimpleName();
    }
}
