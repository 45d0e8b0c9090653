package dev.ccproxy.routes;

import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.LogCapture;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.PrometheusScrape;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.ScriptedUpstream.Step;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keys never leak: with canary keys configured (the client's and the upstream's) and the log at TRACE, every path
 * (answers whole and streamed, web search, wrong and missing client keys, upstream errors that echo the key back,
 * resets, timeouts, a client that leaves, count_tokens, the model list, the connection test, bad input) runs, and no
 * log line of any logger, no response header and no response body contains either key.
 */
class CanaryKeysTest extends ScriptedRouteTestSupport {

    private static final String CLIENT_KEY = "sk-ant-api03-CANARYclient7f3a9c1e";
    private static final String UPSTREAM_KEY = "sk-proj-CANARYupstream5b2c8d4f";
    private static final String WHOLE = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";
    private static final String ECHOING_401 = "{\"error\":{\"message\":\"Incorrect API key provided: " + UPSTREAM_KEY
            + ". You can find your API key at https://platform.openai.com\",\"type\":\"invalid_request_error\"}}";

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.client.api-key", CLIENT_KEY, "proxy.upstream.api-key", UPSTREAM_KEY,
                "proxy.log.level", "TRACE", "proxy.upstream.first-byte-timeout-seconds", "1",
                "proxy.upstream.max-retries", "1");
    }

    private static String request(boolean stream, String extra) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static ScriptedUpstream.Sse answer() {
        return ScriptedUpstream.sse(Duration.ZERO, List.of(Chunks.role(), Chunks.text("Hi"), Chunks.finish("stop"),
                Chunks.usage(5, 1), "[DONE]"));
    }

    @Test
    void no_key_appears_in_any_log_line_or_response() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture log = LogCapture.attach()) {
            String key = CLIENT_KEY;
            nextReply.set(ScriptedUpstream.json(200, WHOLE));
            seen.add(describe(postMessages(request(false, ""), "x-api-key", key)));
            nextReply.set(answer());
            seen.add(describe(postMessages(request(true, ""), "Authorization", "Bearer " + key)));
            nextReply.set(ResponsesSse.steps(Duration.ZERO, ResponsesSse.goldenEvents("web-search-with-sources")));
            seen.add(describe(postMessages(request(true, ",\"tools\":[{\"type\":\"web_search_20250305\","
                    + "\"name\":\"web_search\"}]"), "x-api-key", key)));
            seen.add(describe(postMessages(request(false, ""), "x-api-key", key + "-wrong")));
            seen.add(describe(postMessages(request(false, ""))));
            seen.add(describe(postMessages(request(false, ""), "x-api-key", "sk-ant-api03-CANARYclient")));
            nextReply.set(ScriptedUpstream.json(401, ECHOING_401));
            seen.add(describe(postMessages(request(false, ""), "x-api-key", key)));
            seen.add(describe(postMessages(request(true, ""), "x-api-key", key)));
            nextReply.set(ScriptedUpstream.sse(Duration.ZERO, List.of(Chunks.role(), Chunks.text("Hel"),
                    Chunks.error("Incorrect API key provided: " + UPSTREAM_KEY))));
            seen.add(describe(postMessages(request(true, ""), "x-api-key", key)));
            nextReply.set(ScriptedUpstream.json(500, "{\"error\":{\"message\":\"boom\"}}"));
            seen.add(describe(postMessages(request(false, ""), "x-api-key", key)));
            nextReply.set(new ScriptedUpstream.Reset());
            seen.add(describe(postMessages(request(true, ""), "x-api-key", key)));
            nextReply.set(new ScriptedUpstream.Hold(Duration.ofSeconds(5)));
            seen.add(describe(postMessages(request(false, ""), "x-api-key", key)));
            nextReply.set(new ScriptedUpstream.Sse(List.of(Step.data(Duration.ZERO, Chunks.role()),
                    Step.data(Duration.ofSeconds(5), Chunks.text("late")))));
            SseClient.Result left = SseClient.stream(proxy("/v1/messages"), request(true, ""),
                    event -> event.name().equals("ping"));
            seen.add(left.wire().toString());
            await().atMost(Duration.ofSeconds(5)).until(() -> scripted.closesByProxy() > closesBefore);
            seen.add(describe(postMessages("{\"model\":", "x-api-key", key)));
            seen.add(describe(send(HttpRequest.newBuilder(proxy("/v1/messages/count_tokens"))
                    .header("x-api-key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request(false, ""))).build())));
            seen.add(describe(send(HttpRequest.newBuilder(proxy("/v1/models")).header("x-api-key", key).build())));
            nextReply.set(ScriptedUpstream.json(200, WHOLE));
            seen.add(describe(send(HttpRequest.newBuilder(proxy("/test-connection")).header("x-api-key", key)
                    .build())));
            seen.add(describe(send(HttpRequest.newBuilder(proxy("/health/ready")).build())));
            // what a scrape of the metrics shows (model names, providers, statuses: never a key)
            String metrics = PrometheusScrape.of(URI.create("http://127.0.0.1:" + managementPort
                    + "/observe/metrics")).text();
            assertThat(metrics).contains("ccproxy_requests_total");
            seen.add(metrics);

            // the upstream's own message still reaches the client, with its echo of the key replaced
            assertThat(seen).anyMatch(response -> response.contains("Incorrect API key provided: [redacted]."));
            List<String> lines = log.lines();
            assertThat(lines).as("log lines captured at TRACE").hasSizeGreaterThan(100);
            assertThat(lines).as("access lines").anyMatch(line -> line.startsWith("dev.ccproxy.access "));
            for (String canary : List.of(CLIENT_KEY, UPSTREAM_KEY, "CANARYclient", "CANARYupstream")) {
                assertThat(lines).as("log lines").noneMatch(line -> line.contains(canary));
                assertThat(seen).as("responses").noneMatch(response -> response.contains(canary));
            }
        }
    }

    /** Status, headers and body of a response, as one string to scan. */
    private static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + " " + response.body();
    }
}
