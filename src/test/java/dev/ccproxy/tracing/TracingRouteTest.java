package dev.ccproxy.tracing;

import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.RecordedSpans;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.CamelTracingService;
import org.apache.camel.test.main.junit5.Configure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing on (proxy.tracing.enabled), spans recorded in memory: one request is one server span with a client span under
 * it for each upstream attempt, camel-http's for a whole answer and the proxy's own for a stream; the upstream gets the
 * W3C traceparent of that client span; a client's traceparent makes the request part of the client's trace.
 */
class TracingRouteTest extends ScriptedRouteTestSupport {

    private static final String PROMPT = "the-private-prompt-text";
    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private final RecordedSpans spans = new RecordedSpans();

    @BeanInject
    CamelContext camelContext;
    private final Queue<ScriptedUpstream.Reply> replies = new ArrayDeque<>();

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.tracing.enabled", "true");
    }

    @Configure
    protected void recordSpans(MainConfigurationProperties configuration) {
        spans.bindInto(configuration);
    }

    @Override
    protected synchronized ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        return replies.poll();
    }

    @BeforeEach
    void noSpansYet() {
        spans.clear();
    }

    private static String request(boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    private static ScriptedUpstream.Reply answer(boolean stream) {
        return stream ? ScriptedUpstream.sse(Duration.ZERO, Chunks.answer("Hi"))
                : ScriptedUpstream.json(200, upstreamAnswer("text-only"));
    }

    /** The request's spans once its server span has ended: the server span first, then the upstream attempts. */
    private List<SpanData> spansOfOneRequest(int attempts) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spans.ended().size() >= attempts + 1);
        List<SpanData> ended = spans.ended();
        assertThat(ended).as("one server span and a client span an attempt, nothing else").hasSize(attempts + 1);
        SpanData server = ended.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        List<SpanData> clients = ended.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
        assertThat(clients).hasSize(attempts).allSatisfy(client -> {
            assertThat(client.getTraceId()).isEqualTo(server.getTraceId());
            assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        });
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(server), clients.stream()).toList();
    }

    private static void assertDescribes(SpanData server, boolean stream) {
        assertThat(server.getName()).isEqualTo("POST /v1/messages");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/v1/messages");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("proxy.route"))).isEqualTo("messages-ingress");
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(server.getAttributes().get(AttributeKey.stringKey("proxy.model.requested")))
                .isEqualTo("claude-sonnet-4-5");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("proxy.model.upstream"))).isEqualTo("gpt-4o");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("proxy.provider"))).isEqualTo("default");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("proxy.api"))).isEqualTo("chat");
        assertThat(server.getAttributes().get(AttributeKey.booleanKey("proxy.stream"))).isEqualTo(stream);
    }

    /** No attribute or event of any span carries a key or the conversation. */
    private void assertNothingSecret() {
        for (SpanData span : spans.ended()) {
            String everything = span.getAttributes() + " " + span.getEvents() + " " + span.getName();
            assertThat(everything).doesNotContain(UPSTREAM_KEY).doesNotContain(PROMPT);
        }
    }

    private String traceparentSentUpstream(int attempt) {
        return scripted.requests().get(requestsBefore + attempt).header("traceparent");
    }

    @Test
    void a_whole_answer_is_a_server_span_with_camel_https_client_span_under_it_in_the_clients_trace() {
        replies.add(answer(false));

        HttpResponse<String> response = postMessages(request(false),
                "traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(camelContext.hasService(CamelTracingService.class)).as("Camel's tracer").isNotNull();
        List<SpanData> request = spansOfOneRequest(1);
        SpanData server = request.get(0);
        SpanData upstream = request.get(1);
        assertThat(server.getTraceId()).isEqualTo(CLIENT_TRACE);
        assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN);
        assertDescribes(server, false);
        assertThat(traceparentSentUpstream(0)).isEqualTo("00-" + CLIENT_TRACE + "-" + upstream.getSpanId() + "-01");
        assertNothingSecret();
    }

    @Test
    void a_stream_is_a_server_span_with_the_streamed_calls_client_span_under_it() {
        replies.add(answer(true));

        HttpResponse<String> response = postMessages(request(true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("message_stop");
        List<SpanData> request = spansOfOneRequest(1);
        SpanData server = request.get(0);
        SpanData upstream = request.get(1);
        assertThat(server.getParentSpanContext().isValid()).as("no client trace: a new one").isFalse();
        assertDescribes(server, true);
        assertThat(upstream.getName()).isEqualTo("POST");
        assertThat(upstream.getAttributes().get(AttributeKey.stringKey("url.full")))
                .isEqualTo(scripted.baseUrl() + "/chat/completions");
        assertThat(upstream.getAttributes().get(AttributeKey.stringKey("proxy.stream.outcome"))).isEqualTo("completed");
        assertThat(upstream.getAttributes().get(AttributeKey.stringKey("proxy.model.upstream"))).isEqualTo("gpt-4o");
        assertThat(upstream.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(upstream.getEndEpochNanos()).isLessThanOrEqualTo(server.getEndEpochNanos());
        assertThat(traceparentSentUpstream(0)).isEqualTo("00-" + server.getTraceId() + "-" + upstream.getSpanId() + "-01");
        assertNothingSecret();
    }

    @Test
    void each_retried_attempt_is_a_client_span_of_its_own_streamed_or_not() {
        for (boolean stream : new boolean[] {false, true}) {
            spans.clear();
            int before = scripted.requests().size();
            replies.add(ScriptedUpstream.json(503, Chunks.error("busy")));
            replies.add(answer(stream));

            assertThat(postMessages(request(stream)).statusCode()).isEqualTo(200);

            List<SpanData> request = spansOfOneRequest(2);
            List<SpanData> attempts = request.subList(1, 3).stream()
                    .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
            assertThat(attempts.get(0).getStatus().getStatusCode()).as("stream: " + stream).isEqualTo(StatusCode.ERROR);
            assertThat(attempts.get(1).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThat(scripted.requests().get(before + attempt).header("traceparent"))
                        .isEqualTo("00-" + request.get(0).getTraceId() + "-" + attempts.get(attempt).getSpanId() + "-01");
            }
        }
    }

    @Test
    void health_checks_and_claude_codes_preflight_are_not_traced_other_endpoints_are() {
        for (String path : List.of("/health", "/health/ready", "/", "/api/hello")) {
            for (String method : List.of("GET", "HEAD")) {
                assertThat(send(HttpRequest.newBuilder(proxy(path)).method(method, HttpRequest.BodyPublishers.noBody())
                        .build()).statusCode()).as(method + " " + path).isEqualTo(200);
            }
        }
        HttpResponse<String> models = send(HttpRequest.newBuilder(proxy("/v1/models/claude-sonnet-4-5")).GET().build());

        assertThat(models.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !spans.ended().isEmpty());
        assertThat(spans.ended()).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("GET /v1/models/{model_id}");
            assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("proxy.route"))).isEqualTo("retrieve-model");
        });
    }
}
