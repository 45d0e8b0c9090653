package dev.ccproxy.routes;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.models.ModelListPage;
import com.anthropic.models.models.ModelListParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model_id}} through the real routes: the official SDK lists,
 * pages and retrieves; raw HTTP for the cursors, bad queries (400), a missing key (401) and an unlisted model (404).
 * Answered locally: the upstream is never called.
 */
class ModelsRouteTest extends ProxyRouteTestSupport {

    private static final String CLIENT_KEY = "client-key-for-models";
    private static final List<String> OFFERED = List.of("claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5",
            "claude-fable-5-2", "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1",
            "claude-sonnet-4", "claude-opus-4", "team-model");

    @Override
    protected Map<String, String> settings() {
        // the default list of application.properties, plus the map's exact names (a glob is not listed, a name
        // already listed is not listed twice)
        return Map.of("proxy.client.api-key", CLIENT_KEY,
                "proxy.models.map[0].match", "claude-haiku-*",
                "proxy.models.map[0].model", "gpt-4.1-nano",
                "proxy.models.map[1].match", "team-model",
                "proxy.models.map[1].model", "gpt-4.1",
                "proxy.models.map[2].match", "claude-opus-4-5");
    }

    @AfterEach
    void noUpstreamCall() {
        upstream.verify(0, WireMock.anyRequestedFor(WireMock.anyUrl()));
    }

    private AnthropicClient client(String key) {
        return AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + proxyPort).apiKey(key).maxRetries(0)
                .build();
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy(pathAndQuery)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }

    @Test
    void the_sdk_lists_every_offered_model_in_anthropics_shape() {
        ModelListPage page = client(CLIENT_KEY).models().list();

        assertThat(page.data()).extracting(ModelInfo::id).containsExactlyElementsOf(OFFERED);
        page.data().forEach(ModelInfo::validate);
        assertThat(page.hasMore()).hasValue(false);
        assertThat(page.firstId()).hasValue("claude-opus-5-5");
        assertThat(page.lastId()).hasValue("team-model");
        ModelInfo opus = page.data().get(0);
        assertThat(opus.displayName()).isEqualTo("Claude Opus 5.5");
        assertThat(opus.createdAt()).isEqualTo(OffsetDateTime.parse("1970-01-01T00:00:00Z"));
        assertThat(opus.lifecycle()).isEqualTo(ModelInfo.Lifecycle.ACTIVE);
        assertThat(opus.maxTokens()).as("gpt-4o's profile").hasValue(16384L);
        assertThat(page.data().get(2).maxTokens()).as("haiku goes to gpt-4.1-nano").hasValue(32768L);
    }

    @Test
    void the_sdk_pages_through_the_list() {
        ModelListPage first = client(CLIENT_KEY).models().list(ModelListParams.builder().limit(4L).build());

        assertThat(first.data()).hasSize(4);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.autoPager().stream().map(ModelInfo::id).toList()).containsExactlyElementsOf(OFFERED);
    }

    @Test
    void the_sdk_retrieves_one_model_or_gets_not_found() {
        AnthropicClient client = client(CLIENT_KEY);

        ModelInfo sonnet = client.models().retrieve("claude-sonnet-4-5");
        sonnet.validate();
        assertThat(sonnet.id()).isEqualTo("claude-sonnet-4-5");
        assertThat(sonnet.displayName()).isEqualTo("Claude Sonnet 4.5");
        assertThat(client.models().retrieve("team-model").displayName()).isEqualTo("team-model");
        assertThatThrownBy(() -> client.models().retrieve("claude-haiku-3")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client("wrong").models().list()).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void pages_with_after_id_and_before_id() throws IOException {
        JsonNode forward = ProxyJson.mapper().readTree(get("/v1/models?limit=3&after_id=claude-opus-4-1",
                "x-api-key", CLIENT_KEY).body());
        assertThat(ids(forward)).containsExactly("claude-sonnet-4", "claude-opus-4", "team-model");
        assertThat(forward.path("has_more").asBoolean()).isFalse();
        assertThat(forward.path("first_id").asText()).isEqualTo("claude-sonnet-4");
        assertThat(forward.path("last_id").asText()).isEqualTo("team-model");

        HttpResponse<String> response = get("/v1/models?limit=2&before_id=claude-fable-5-2",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode backward = ProxyJson.mapper().readTree(response.body());
        assertThat(ids(backward)).containsExactly("claude-sonnet-5-5", "claude-haiku-5-5");
        assertThat(backward.path("has_more").asBoolean()).isTrue();

        JsonNode empty = ProxyJson.mapper().readTree(get("/v1/models?after_id=team-model", "x-api-key", CLIENT_KEY)
                .body());
        assertThat(empty.path("data")).isEmpty();
        assertThat(empty.get("first_id").isNull()).isTrue();
        assertThat(empty.get("last_id").isNull()).isTrue();
    }

    @Test
    void refuses_bad_queries_with_invalid_request_error() throws IOException {
        for (String query : List.of("limit=0", "limit=1001", "limit=many", "after_id=claude-x",
                "after_id=claude-opus-4&before_id=claude-opus-4-1")) {
            assertAnthropicError(get("/v1/models?" + query, "x-api-key", CLIENT_KEY), 400,
                    "invalid_request_error", "");
        }
        assertAnthropicError(get("/v1/models?limit=0", "x-api-key", CLIENT_KEY), 400,
                "invalid_request_error", "limit: must be between 1 and 1000");
    }

    @Test
    void checks_the_client_key_and_answers_404_for_unlisted_models() throws IOException {
        assertAnthropicError(get("/v1/models"), 401, "authentication_error", "Missing API key");
        assertAnthropicError(get("/v1/models/claude-opus-4-5"), 401, "authentication_error", "");
        assertAnthropicError(get("/v1/models/gpt-4o", "x-api-key", CLIENT_KEY), 404,
                "not_found_error", "gpt-4o");
        HttpResponse<String> found = get("/v1/models/claude-opus-4-5?beta=true", "x-api-key", CLIENT_KEY);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(ProxyJson.mapper().readTree(found.body()).path("type").asText()).isEqualTo("model");
    }
}
