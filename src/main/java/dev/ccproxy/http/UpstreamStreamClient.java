package dev.ccproxy.http;

import dev.ccproxy.config.UpstreamClientSettings;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.error.UpstreamSilence;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.core5.http.NoHttpResponseException;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Opens upstream streams with Vert.x's HTTP client, on the event loop of the client's connection, so that the stream
 * can then be relayed on that event loop without a thread per stream (camel-http's classic client reads with a
 * blocking thread; measured, that costs several times the CPU a relayed delta may cost: see the README's benchmark).
 *
 * <p>Up to the upstream's status line it behaves as camel-http does for the route's error handling: a status other
 * than 2xx is an {@link HttpOperationFailedException} with the upstream's body and headers; a connection the upstream
 * closed without answering is a {@link NoHttpResponseException}; a refused connection a
 * {@link java.net.ConnectException}. The same retries and the same status table apply to both clients.
 *
 * <p>No timer per request: the caller waits for the status line at most the first-byte timeout (past it, an
 * {@link UpstreamSilence}), and once the stream runs the one {@code StreamTimer} watches its silences.
 */
public final class UpstreamStreamClient implements AutoCloseable {

    /**
     * An upstream stream whose 2xx status line is in, paused until its relay takes it. A failure of its connection
     * before the relay has its handlers in place (a reset right after the headers) is kept in {@code failedEarly}:
     * Vert.x reports such a failure once, to whatever handler is set at that moment, and would otherwise only log it,
     * leaving the relay to wait for an idle timeout.
     */
    public record OpenedStream(HttpClientResponse response, AtomicReference<Throwable> failedEarly) {
    }

    private final HttpClient client;
    private final Duration firstByteTimeout;

    public UpstreamStreamClient(Vertx vertx, UpstreamClientSettings settings) {
        // as camel-http is configured: keep-alive pool, no compression (streams arrive as sent), no redirects
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setTryUseCompression(false)
                        .setDecompressionSupported(false)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
        this.firstByteTimeout = settings.firstByteTimeout();
    }

    /**
     * {@link #open}, waited for by the calling thread (a virtual one: it parks) at most the first-byte timeout; then
     * the request is reset and the failure is an {@link UpstreamSilence} (a read timeout, as camel-http would report,
     * naming the setting). A failure is thrown as itself.
     */
    public OpenedStream openAndAwait(Context context, String url, Map<String, String> headers, byte[] body,
            Consumer<HttpClientRequest> cancelled) throws Exception {
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        CompletableFuture<OpenedStream> opening = open(context, url, headers, body, request -> {
            sent.set(request);
            cancelled.accept(request);
        });
        try {
            return opening.get(firstByteTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException silent) {
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
            throw UpstreamSilence.firstByte(firstByteTimeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * POSTs {@code body} to {@code url} with {@code headers} (the route's: it removed the client's and set the
     * upstream's), on {@code context}. Completes with the response once a 2xx status line is in (its body not read
     * yet, and paused until its reader resumes it), or fails as described above. {@code cancelled} receives the
     * request, to reset it should the client leave.
     */
    public CompletableFuture<OpenedStream> open(Context context, String url, Map<String, String> headers,
            byte[] body, Consumer<HttpClientRequest> cancelled) {
        CompletableFuture<OpenedStream> answer = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .setFollowRedirects(false);
            headers.forEach(options::putHeader);
            client.request(options).compose(request -> {
                cancelled.accept(request);
                return request.send(Buffer.buffer(body)).compose(response -> {
                    if (response.statusCode() / 100 != 2) {
                        return response.body().compose(error -> Future.failedFuture(failed(url, response, error)));
                    }
                    String notAStream = notAnEventStream(response.getHeader("Content-Type"));
                    if (notAStream != null) {
                        return response.body().compose(unread -> Future.failedFuture(new ProxyException(
                                AnthropicErrorType.API, 502, "The upstream answered the stream request with "
                                + notAStream + ", not an event stream", null, null)));
                    }
                    // held until the relay has its handlers in place: nothing of the body may be lost meanwhile
                    response.pause();
                    AtomicReference<Throwable> failedEarly = new AtomicReference<>();
                    response.exceptionHandler(failedEarly::set);
                    return Future.succeededFuture(new OpenedStream(response, failedEarly));
                });
            }).onComplete(result -> {
                if (result.succeeded()) {
                    answer.complete(result.result());
                } else {
                    answer.completeExceptionally(asCamelHttpWould(result.cause()));
                }
            });
        });
        return answer;
    }

    /** The media type of a 2xx that cannot be an event stream (JSON, HTML, text), or null when it may be one. */
    private static String notAnEventStream(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return media.equals("text/event-stream") ? null : media;
    }

    private static HttpOperationFailedException failed(String url, HttpClientResponse response, Buffer body) {
        // looked up by name whatever case the upstream wrote it in (retry-after, its request id)
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().forEach(header -> headers.merge(header.getKey(), header.getValue(), (a, b) -> a + ", " + b));
        return new HttpOperationFailedException(url, response.statusCode(), response.statusMessage(), null, headers,
                body.toString());
    }

    private static Throwable asCamelHttpWould(Throwable failure) {
        if (failure instanceof HttpOperationFailedException || failure instanceof ProxyException) {
            return failure;
        }
        if (failure instanceof TimeoutException) {
            return new SocketTimeoutException(failure.getMessage());
        }
        if (failure instanceof HttpClosedException) {
            return new NoHttpResponseException("The upstream closed the connection without answering");
        }
        if (failure instanceof IOException io && io.getMessage() != null
                && io.getMessage().contains("Connection reset")) {
            // Netty's native transport reports a reset as its own IOException: the JDK's, as camel-http would see it
            return new SocketException("Connection reset");
        }
        return failure;
    }

    @Override
    public void close() {
        client.close();
    }
}
