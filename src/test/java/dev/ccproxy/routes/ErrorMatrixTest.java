package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every bad input and every upstream failure → the Anthropic status and error type the client must get, in
 * Anthropic's envelope, with nothing of Java, Camel or the upstream's own error shape in it.
 */
class ErrorMatrixTest extends ProxyRouteTestSupport {

    private static final String VALID =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final int BODY_LIMIT = 1024 * 1024;

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.server.max-body-bytes", Integer.toString(BODY_LIMIT),
                "proxy.upstream.first-byte-timeout-seconds", "1");
    }

    static Stream<Arguments> badRequests() {
        String big = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(BODY_LIMIT + 10) + "\"}]}";
        return Stream.of(
                arguments("malformed JSON", "{\"model\":", "application/json", 400, "invalid_request_error",
                        "not valid JSON"),
                arguments("empty body", "", "application/json", 400, "invalid_request_error", "empty"),
                arguments("JSON array instead of an object", "[]", "application/json", 400, "invalid_request_error",
                        "expected an object"),
                arguments("trailing garbage", VALID + " x", "application/json", 400, "invalid_request_error",
                        "not valid JSON"),
                arguments("body cut off inside the messages", VALID.substring(0, VALID.indexOf("\"hi\"") + 4),
                        "application/json", 400, "invalid_request_error",
                        "Request body is not valid JSON: the body ends before the JSON does (line 1, column 87)"),
                arguments("body cut off inside a string", VALID.substring(0, VALID.indexOf("\"hi\"") + 2),
                        "application/json", 400, "invalid_request_error",
                        "Request body is not valid JSON: the body ends inside a string (line 1, column 85)"),
                arguments("a bad token inside the messages", VALID.replace("\"hi\"", "hi"), "application/json", 400,
                        "invalid_request_error", "Request body is not valid JSON: unrecognized token 'hi'"),
                arguments("two JSON documents", VALID + " {}", "application/json", 400, "invalid_request_error",
                        "after the end of the JSON"),
                arguments("model missing", "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "application/json", 400, "invalid_request_error", "model: field required"),
                arguments("messages missing", "{\"model\":\"m\",\"max_tokens\":1}", "application/json", 400,
                        "invalid_request_error", "messages: field required"),
                arguments("max_tokens missing", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "application/json", 400, "invalid_request_error", "max_tokens: field required"),
                arguments("max_tokens as a string", VALID.replace("64", "\"64\""), "application/json", 400,
                        "invalid_request_error", "max_tokens: expected an integer"),
                arguments("max_tokens as a fraction", VALID.replace("64", "6.5"), "application/json", 400,
                        "invalid_request_error", "max_tokens: expected an integer"),
                arguments("model as a number", VALID.replace("\"claude-sonnet-4-5\"", "5"), "application/json", 400,
                        "invalid_request_error", "model: expected a string"),
                arguments("role as a number", VALID.replace("\"user\"", "1"), "application/json", 400,
                        "invalid_request_error", "messages[0].role: expected a string"),
                arguments("stream as a string", VALID.replace("}]}", "}],\"stream\":\"no\"}"), "application/json", 400,
                        "invalid_request_error", "stream: expected a boolean"),
                arguments("tools as an object", VALID.replace("}]}", "}],\"tools\":{}}"), "application/json", 400,
                        "invalid_request_error", "tools: expected an array"),
                arguments("a form instead of JSON", VALID, "application/x-www-form-urlencoded", 400,
                        "invalid_request_error", "Content-Type must be application/json"),
                arguments("plain text instead of JSON", VALID, "text/plain", 400, "invalid_request_error",
                        "Content-Type must be application/json"),
                arguments("body over the size limit", big, "application/json", 413, "invalid_request_error",
                        "larger than this proxy accepts"));
    }

    @ParameterizedTest(name = "{0} → {3} {4}")
    @MethodSource("badRequests")
    void bad_input_gets_a_clear_anthropic_error(String name, String body, String contentType, int status,
            String type, String messageFragment) throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));

        HttpResponse<String> response = postMessages(body, "Content-Type", contentType);

        assertAnthropicError(response, status, type, messageFragment);
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void a_body_that_is_not_utf8_is_named_as_such() throws IOException {
        byte[] body = VALID.replace("hi", "h\u00ffi").getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/v1/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertAnthropicError(response, 400, "invalid_request_error",
                "Request body is not valid UTF-8: byte 0xFF at offset " + (VALID.indexOf("hi") + 1));
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void every_error_tells_anthropics_sdks_whether_to_retry_it() throws IOException {
        // what the client got wrong is not worth sending again
        assertThat(postMessages("{\"model\":").headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(send(HttpRequest.newBuilder(proxy("/v1/nothing-here")).GET().build()).headers()
                .firstValue("x-should-retry")).hasValue("false");
        // an upstream that stays overloaded after the proxy's own retries may recover by the client's
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"busy\"}}")));
        HttpResponse<String> overloaded = postMessages(VALID);
        assertAnthropicError(overloaded, 529, "overloaded_error", "busy");
        assertThat(overloaded.headers().firstValue("x-should-retry")).hasValue("true");
    }

    @Test
    void wrong_method_and_unknown_path_get_anthropic_errors_too() throws IOException {
        assertAnthropicError(send(HttpRequest.newBuilder(proxy("/v1/messages")).GET().build()), 405,
                "invalid_request_error", "not allowed");
        assertAnthropicError(send(HttpRequest.newBuilder(proxy("/v1/nothing-here")).GET().build()), 404,
                "not_found_error", "Not found");
    }

    // found by HostileRequestsFuzzTest: Vert.x failed on these inside the HTTP layer, as a 500 or with no answer

    @Test
    void a_content_type_whose_parameters_cannot_be_read_is_a_400_and_the_connection_serves_on() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));

        assertAnthropicError(postMessages(VALID, "Content-Type", "application/json; charset=\""), 400,
                "invalid_request_error", "The Content-Type header could not be read");
        // answered before its body was read: the kept-alive connection must still serve the next request
        assertThat(postMessages(VALID).statusCode()).isEqualTo(200);
    }

    @Test
    void a_form_body_on_a_get_is_a_400_and_a_form_type_without_a_body_changes_nothing() throws IOException {
        assertAnthropicError(send(HttpRequest.newBuilder(proxy("/v1/models"))
                        .header("Content-Type", "multipart/form-data; boundary=x")
                        .method("GET", HttpRequest.BodyPublishers.ofString("a=b")).build()), 400,
                "invalid_request_error", "A GET request has no form to read");
        assertThat(send(HttpRequest.newBuilder(proxy("/v1/models"))
                .header("Content-Type", "multipart/form-data; boundary=x").GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_form_whose_query_string_cannot_be_decoded_is_answered_at_once() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort, "POST /v1/messages?%zz=1 HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n"
                + "\r\na=b", 5_000);

        assertAnthropicError(response, 400, "invalid_request_error", "The query string could not be decoded");
    }

    @Test
    void a_path_that_cannot_be_decoded_gets_an_anthropic_400() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort,
                "GET /v1/models/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 5_000);

        assertAnthropicError(response, 400, "invalid_request_error", "The HTTP request could not be read");
        assertThat(response.header("x-should-retry")).isEqualTo("false");
    }

    static Stream<Arguments> upstreamFailures() {
        String openAiError = "{\"error\":{\"message\":\"%s\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":null}}";
        return Stream.of(
                arguments(400, openAiError.formatted("max_tokens is too large: 128000"), 400, "invalid_request_error", 1),
                arguments(401, openAiError.formatted("Incorrect API key provided"), 401, "authentication_error", 1),
                arguments(402, "{\"error\":{\"message\":\"Insufficient credits\",\"code\":402}}", 402, "billing_error", 1),
                arguments(403, openAiError.formatted("Country not supported"), 403, "permission_error", 1),
                arguments(404, openAiError.formatted("The model `gpt-9` does not exist"), 404, "not_found_error", 1),
                arguments(408, "{\"error\":\"Request timeout\"}", 504, "timeout_error", 3),
                arguments(409, "conflict", 500, "api_error", 1),
                arguments(413, "<html>413 Request Entity Too Large</html>", 413, "invalid_request_error", 1),
                arguments(422, "{\"detail\":\"messages: field required\"}", 400, "invalid_request_error", 1),
                arguments(429, openAiError.formatted("Rate limit reached"), 429, "rate_limit_error", 3),
                arguments(500, openAiError.formatted("The server had an error"), 500, "api_error", 3),
                arguments(502, "<html>Bad gateway</html>", 500, "api_error", 3),
                arguments(503, openAiError.formatted("The engine is currently overloaded"), 529, "overloaded_error", 3),
                arguments(504, "upstream timed out", 504, "timeout_error", 3),
                arguments(529, "{\"error\":{\"message\":\"Overloaded\"}}", 529, "overloaded_error", 3));
    }

    @ParameterizedTest(name = "upstream {0} → {2} {3} after {4} call(s)")
    @MethodSource("upstreamFailures")
    void upstream_status_maps_to_anthropic_status_and_type(int upstreamStatus, String upstreamBody, int status,
            String type, int expectedCalls) throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(upstreamStatus).withHeader("Content-Type", "application/json")
                        .withBody(upstreamBody)));

        HttpResponse<String> response = postMessages(VALID);

        JsonNode error = assertAnthropicError(response, status, type, "Upstream error (HTTP " + upstreamStatus + ")");
        if (upstreamBody.contains("\"message\":\"")) {
            String upstreamMessage = upstreamBody.replaceAll(".*\"message\":\"([^\"]+)\".*", "$1");
            assertThat(error.path("error").path("message").asText()).contains(upstreamMessage);
        }
        upstream.verify(expectedCalls, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void rate_limit_passes_retry_after_on_and_does_not_retry_a_long_wait() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "30")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for requests\"}}")));

        HttpResponse<String> response = postMessages(VALID);

        assertAnthropicError(response, 429, "rate_limit_error", "Rate limit reached");
        assertThat(response.headers().firstValue("retry-after")).hasValue("30");
        upstream.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void a_short_retry_after_is_waited_for_before_the_retry() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).inScenario("rate-limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "1")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for requests\"}}"))
                .willSetStateTo("waited"));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).inScenario("rate-limited")
                .whenScenarioStateIs("waited").willReturn(okJson(upstreamAnswer("text-only"))));

        HttpResponse<String> response = postMessages(VALID);

        assertThat(response.statusCode()).isEqualTo(200);
        List<LoggedRequest> calls = upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        assertThat(calls).hasSize(2);
        // the upstream asked for a second; the tests' back-off is 10-40 ms, so only retry-after explains the wait
        assertThat(Duration.between(calls.get(0).getLoggedDate().toInstant(),
                calls.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a_retried_failure_that_recovers_is_a_normal_answer() throws IOException {
        upstreamFailsOnceThenAnswers("/v1/chat/completions", 503, upstreamAnswer("text-only"));

        HttpResponse<String> response = postMessages(VALID);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ProxyJson.mapper().readTree(response.body()).path("type").asText()).isEqualTo("message");
        upstream.verify(2, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void an_upstream_that_does_not_answer_in_time_is_a_timeout_error_and_not_retried() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only")).withFixedDelay(2500)));

        assertAnthropicError(postMessages(VALID), 504, "timeout_error", "did not answer in time");
        upstream.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void an_upstream_that_drops_the_connection_is_an_api_error() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertAnthropicError(postMessages(VALID), 502, "api_error", "the connection was reset");
    }

    @Test
    void an_upstream_answer_that_is_not_json_is_an_api_error() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html>captive portal</html>")));

        assertAnthropicError(postMessages(VALID), 502, "api_error", "not a Chat Completions JSON document");
    }

    @Test
    void an_upstream_answer_without_choices_is_an_api_error() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("error-no-choices"))));

        assertAnthropicError(postMessages(VALID), 502, "api_error", "without any choices");
    }
}
