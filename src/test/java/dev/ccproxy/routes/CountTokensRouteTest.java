package dev.ccproxy.routes;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.GoldenJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code POST /v1/messages/count_tokens} through the real routes: answered locally (the upstream is never called),
 * Claude Code's query string and headers accepted, the client key checked, bad input refused in Anthropic's shape,
 * and the official SDK's {@code countTokens} reading the answer.
 */
class CountTokensRouteTest extends ProxyRouteTestSupport {

    private static final String CLIENT_KEY = "client-key-for-counting";

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.client.api-key", CLIENT_KEY);
    }

    @AfterEach
    void noUpstreamCall() {
        upstream.verify(0, WireMock.anyRequestedFor(WireMock.anyUrl()));
    }

    private HttpResponse<String> count(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy("/v1/messages/count_tokens?beta=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    @Test
    void counts_claude_codes_request_locally() throws Exception {
        HttpResponse<String> response = count(resource("claude-code/plain-text.json"), "x-api-key", CLIENT_KEY,
                "anthropic-beta", "claude-code-20250219,token-counting-2024-11-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = ProxyJson.mapper().readTree(response.body());
        int expected = GoldenJson.read(Path.of("src/test/resources/golden/count-tokens/claude-code-plain-text/expected.json"))
                .path("input_tokens").asInt();
        assertThat(body.path("input_tokens").asInt()).isEqualTo(expected);
        assertThat(body.size()).as("only input_tokens").isEqualTo(1);
    }

    @Test
    void needs_no_max_tokens_but_a_model_and_messages() throws Exception {
        assertThat(count("{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", CLIENT_KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> noMessages = count("{\"model\":\"claude-haiku-4-5\"}", "x-api-key", CLIENT_KEY);
        assertAnthropicError(noMessages, 400, "invalid_request_error", "messages: field required");
        HttpResponse<String> broken = count("{\"model\":", "x-api-key", CLIENT_KEY);
        assertAnthropicError(broken, 400, "invalid_request_error", "");
        HttpResponse<String> badBlock = count("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":42}]}",
                "x-api-key", CLIENT_KEY);
        assertAnthropicError(badBlock, 400, "invalid_request_error", "messages[0].content");
    }

    @Test
    void checks_the_client_key_like_every_api_route() throws Exception {
        assertAnthropicError(
                count("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", "wrong"),
                401, "authentication_error", "");
        HttpResponse<String> get = send(HttpRequest.newBuilder(proxy("/v1/messages/count_tokens")).GET().build());
        assertAnthropicError(get, 405, "invalid_request_error", "not allowed");
    }

    @Test
    void the_official_sdk_counts_through_the_proxy() {
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + proxyPort)
                .apiKey(CLIENT_KEY).maxRetries(0).build();

        MessageTokensCount counted = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-sonnet-4-5")
                .system("You are a careful engineer.")
                .addUserMessage("Hello, world!")
                .build());

        counted.validate();
        // "You are a careful engineer." is 6 tokens and "Hello, world!" 4 in o200k_base, plus 3 for the message
        assertThat(counted.inputTokens()).isEqualTo(13);
        assertThatThrownBy(() -> client.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-sonnet-4-5").messages(java.util.List.of()).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at least one message");
        AnthropicClient wrongKey = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + proxyPort)
                .apiKey("wrong").maxRetries(0).build();
        assertThatThrownBy(() -> wrongKey.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-sonnet-4-5").addUserMessage("hi").build()))
                .isInstanceOf(UnauthorizedException.class);
    }
}
