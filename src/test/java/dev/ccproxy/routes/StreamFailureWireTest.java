package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.camel.ClientConnection;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.stream.VertxSseSink;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.RawHttp;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.ScriptedUpstream.Step;
import org.apache.camel.CamelContext;
import org.apache.camel.BeanInject;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once a stream's {@code 200} is committed, a failure can only be its last event: one {@code event: error} with
 * Anthropic's envelope, then the end of the chunked body. Never a second status line, never a JSON body with a
 * {@code Content-Length} on a chunked response (a Node client's parser fails on that with
 * {@code HPE_INVALID_CONTENT_LENGTH}). Checked on the raw bytes, as a client's HTTP parser sees them.
 */
class StreamFailureWireTest extends ScriptedRouteTestSupport {

    private static final String STREAM_REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @BeanInject
    CamelContext camelContext;

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.upstream.max-retries", "0");
    }

    @Test
    void an_upstream_that_breaks_mid_stream_ends_the_stream_with_one_error_event() throws Exception {
        nextReply.set(new ScriptedUpstream.Sse(List.of(
                Step.data(Duration.ZERO, Chunks.role()),
                Step.data(Duration.ZERO, Chunks.text("Half an ans")),
                Step.data(Duration.ofMillis(50), "{this is not json"))));

        RawHttp.Response response = RawHttp.post(proxyPort, "/v1/messages", STREAM_REQUEST, 10_000);

        assertWellFormedStreamEndingInOneError(response, "api_error");
        assertThat(events(response.body()).get(0).name()).isEqualTo("message_start");
    }

    @Test
    void a_fault_of_the_proxy_after_the_first_event_is_written_is_one_error_event_not_a_second_answer()
            throws Exception {
        failingRoute("/test/fails-after-first-event", true);

        RawHttp.Response response = RawHttp.post(proxyPort, "/test/fails-after-first-event", "{}", 10_000);

        assertWellFormedStreamEndingInOneError(response, "api_error");
        assertThat(events(response.body()).get(0).name()).isEqualTo("ping");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.ccproxy");
    }

    @Test
    void a_fault_of_the_proxy_after_the_stream_is_opened_but_before_it_is_written_is_still_sse() throws Exception {
        failingRoute("/test/fails-before-first-event", false);

        RawHttp.Response response = RawHttp.post(proxyPort, "/test/fails-before-first-event", "{}", 10_000);

        assertWellFormedStreamEndingInOneError(response, "api_error");
        assertThat(events(response.body())).hasSize(1);
    }

    private static void assertWellFormedStreamEndingInOneError(RawHttp.Response response, String errorType) {
        assertThat(response.statusLines()).as("status lines in " + response.raw()).hasSize(1);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/event-stream");
        assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(response.header("content-length")).as("Content-Length on a chunked response").isNull();
        assertThat(response.chunkedEnd()).as("the chunked body ends with its zero-length chunk").isTrue();
        List<AnthropicStreamInvariants.WireEvent> events = events(response.body());
        assertThat(events.stream().filter(event -> event.name().equals("error"))).hasSize(1);
        AnthropicStreamInvariants.WireEvent last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.data().path("type").asText()).isEqualTo("error");
        assertThat(last.data().path("error").path("type").asText()).isEqualTo(errorType);
        assertThat(last.data().path("error").path("message").asText()).isNotBlank();
        // and nothing after the end of the chunked body: no second answer
        assertThat(response.raw()).endsWith("\r\n0\r\n\r\n");
    }

    /** The SSE events of a body, in order. */
    private static List<AnthropicStreamInvariants.WireEvent> events(String body) {
        List<AnthropicStreamInvariants.WireEvent> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String name = null;
            JsonNode data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    try {
                        data = ProxyJson.mapper().readTree(line.substring(6));
                    } catch (java.io.IOException e) {
                        throw new AssertionError("not JSON: " + line, e);
                    }
                }
            }
            if (name != null) {
                events.add(new AnthropicStreamInvariants.WireEvent(name, data));
            }
        }
        return events;
    }

    /**
     * A route that opens an SSE answer with the proxy's own writer, optionally writes one event, then fails the way a
     * bug in the proxy would: the failure goes to the proxy's real error handling (the anthropic-errors route
     * configuration), which must finish the stream rather than answer anew.
     */
    private void failingRoute(String path, boolean writeFirst) throws Exception {
        if (camelContext.getRoute("test" + path.replace('/', '-')) != null) {
            return;
        }
        camelContext.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:" + path + "?httpMethodRestrict=POST").routeId("test" + path.replace('/', '-'))
                        .routeConfigurationId("anthropic-errors")
                        .process("acceptRequest")
                        .process(exchange -> {
                            ClientConnection connection = ClientConnection.of(exchange);
                            VertxSseSink stream = VertxSseSink.open(connection.response(), connection.context(),
                                    connection.requestId());
                            connection.streamOpened(stream);
                            if (writeFirst) {
                                stream.send(List.of(StreamEvent.ping()));
                            }
                            throw new IllegalStateException("a fault of the proxy's own, after the stream began");
                        });
            }
        });
    }
}
