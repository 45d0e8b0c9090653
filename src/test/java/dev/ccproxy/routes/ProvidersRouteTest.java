package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.ResponsesSse;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several providers in one proxy, each on its own path of one WireMock server: the model map chooses provider and
 * model per request, each provider gets its own URL form (OpenAI-compatible, Azure's deployment, resource and v1
 * forms), credentials and headers, and each model its profile.
 */
class ProvidersRouteTest extends ProxyRouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        String base = upstream.baseUrl();
        Map<String, String> settings = new HashMap<>();
        // Ollama: keyless, its own header, no stream_options
        settings.put("proxy.providers.ollama.base-url", base + "/ollama/v1");
        settings.put("proxy.providers.ollama.include-usage", "false");
        settings.put("proxy.providers.ollama.headers.X-Local", "yes");
        // Azure OpenAI: the resource URL (deployment = model), one fixed deployment, and the v1 API
        settings.put("proxy.providers.azure.base-url", base);
        settings.put("proxy.providers.azure.api-key", "azure-key");
        settings.put("proxy.providers.azure.azure-api-version", "2024-10-21");
        settings.put("proxy.providers.azure-deployment.base-url", base + "/openai/deployments/prod-4o");
        settings.put("proxy.providers.azure-deployment.api-key", "azure-key-2");
        settings.put("proxy.providers.azure-deployment.azure-api-version", "2024-10-21");
        settings.put("proxy.providers.azure-v1.base-url", base + "/openai/v1");
        settings.put("proxy.providers.azure-v1.api-key", "azure-key-3");
        settings.put("proxy.providers.azure-v1.azure-api-version", "preview");
        // OpenRouter, DeepSeek, vLLM
        settings.put("proxy.providers.openrouter.base-url", base + "/openrouter/api/v1");
        settings.put("proxy.providers.openrouter.api-key", "or-key");
        settings.put("proxy.providers.openrouter.headers.HTTP-Referer", "https://example.com/proxy");
        settings.put("proxy.providers.openrouter.headers.X-Title", "claude-code-proxy");
        settings.put("proxy.providers.deepseek.base-url", base + "/deepseek");
        settings.put("proxy.providers.deepseek.api-key", "ds-key");
        settings.put("proxy.providers.vllm.base-url", base + "/vllm/v1");
        // the model map: haiku to Ollama, named models elsewhere
        settings.put("proxy.models.map[0].match", "claude-haiku-*");
        settings.put("proxy.models.map[0].provider", "ollama");
        settings.put("proxy.models.map[0].model", "qwen2.5-coder:7b");
        settings.put("proxy.models.map[1].match", "azure-4o");
        settings.put("proxy.models.map[1].provider", "azure");
        settings.put("proxy.models.map[1].model", "gpt-4o-2024-11-20");
        settings.put("proxy.models.map[2].match", "azure-fixed");
        settings.put("proxy.models.map[2].provider", "azure-deployment");
        settings.put("proxy.models.map[2].model", "gpt-4o");
        settings.put("proxy.models.map[3].match", "azure-v1");
        settings.put("proxy.models.map[3].provider", "azure-v1");
        settings.put("proxy.models.map[3].model", "gpt-4.1");
        settings.put("proxy.models.map[4].match", "regex:^openrouter/(.*)$");
        settings.put("proxy.models.map[4].provider", "openrouter");
        settings.put("proxy.models.map[4].model", "google/gemini-2.5-pro");
        settings.put("proxy.models.map[5].match", "deepseek-v4-pro");
        settings.put("proxy.models.map[5].provider", "deepseek");
        settings.put("proxy.models.map[6].match", "qwen3-*");
        settings.put("proxy.models.map[6].provider", "vllm");
        // a configured profile on top of the built-in one: OpenRouter takes reasoning as an object
        settings.put("proxy.profiles[0].match", "google/gemini-.*");
        settings.put("proxy.profiles[0].provider", "openrouter");
        settings.put("proxy.profiles[0].reasoning", "reasoning-object");
        return settings;
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> all = upstream.findAll(RequestPatternBuilder.allRequests());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static JsonNode body(LoggedRequest request) throws Exception {
        return ProxyJson.mapper().readTree(request.getBodyAsString());
    }

    private void upstreamAnswersEverywhere() {
        upstream.stubFor(WireMock.post(anyUrl()).willReturn(okJson(upstreamAnswer("text-only"))));
    }

    private static String request(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":128000," + extra
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void haiku_goes_to_ollama_keyless_with_its_own_header_and_a_clamped_max_tokens() throws Exception {
        upstream.stubFor(WireMock.post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: " + String.join("\n\ndata: ", Chunks.answer("Hi")) + "\n\n")));

        HttpResponse<String> response = postMessages(request("claude-haiku-4-5", "\"stream\":true,"));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/ollama/v1/chat/completions");
        assertThat(sent.getHeader("X-Local")).isEqualTo("yes");
        assertThat(sent.containsHeader("Authorization")).as("Ollama needs no key").isFalse();
        JsonNode body = body(sent);
        assertThat(body.path("model").asText()).isEqualTo("qwen2.5-coder:7b");
        assertThat(body.path("max_tokens").asInt()).as("the qwen profile's limit").isEqualTo(16384);
        assertThat(body.has("stream_options")).as("include-usage is off for this provider").isFalse();
        assertThat(response.body()).contains("\"model\":\"claude-haiku-4-5\"");
    }

    @Test
    void azure_resource_url_uses_the_model_as_deployment() throws Exception {
        upstreamAnswersEverywhere();

        assertThat(postMessages(request("azure-4o", "")).statusCode()).isEqualTo(200);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl())
                .isEqualTo("/openai/deployments/gpt-4o-2024-11-20/chat/completions?api-version=2024-10-21");
        assertThat(sent.getHeader("api-key")).isEqualTo("azure-key");
        assertThat(sent.containsHeader("Authorization")).isFalse();
        assertThat(body(sent).path("max_tokens").asInt()).isEqualTo(16384);
    }

    @Test
    void azure_deployment_url_is_used_as_it_is() {
        upstreamAnswersEverywhere();

        assertThat(postMessages(request("azure-fixed", "")).statusCode()).isEqualTo(200);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21");
        assertThat(sent.getHeader("api-key")).isEqualTo("azure-key-2");
    }

    @Test
    void azure_v1_url_takes_openai_paths() throws Exception {
        upstreamAnswersEverywhere();

        assertThat(postMessages(request("azure-v1", "")).statusCode()).isEqualTo(200);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/openai/v1/chat/completions?api-version=preview");
        assertThat(sent.getHeader("api-key")).isEqualTo("azure-key-3");
        assertThat(body(sent).path("max_tokens").asInt()).as("gpt-4.1's limit").isEqualTo(32768);
    }

    @Test
    void azure_responses_api_is_not_per_deployment() throws Exception {
        upstream.stubFor(WireMock.post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(responsesAnswer("web-search-with-sources"))));

        HttpResponse<String> response = postMessages(request("azure-4o",
                "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/openai/responses?api-version=2024-10-21");
        assertThat(sent.getHeader("api-key")).isEqualTo("azure-key");
        assertThat(body(sent).path("model").asText()).as("the deployment, named in the body")
                .isEqualTo("gpt-4o-2024-11-20");
    }

    @Test
    void openrouter_gets_its_headers_and_a_reasoning_object() throws Exception {
        upstreamAnswersEverywhere();

        assertThat(postMessages(request("openrouter/gemini",
                "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":20000},")).statusCode()).isEqualTo(200);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/openrouter/api/v1/chat/completions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer or-key");
        assertThat(sent.getHeader("HTTP-Referer")).isEqualTo("https://example.com/proxy");
        assertThat(sent.getHeader("X-Title")).isEqualTo("claude-code-proxy");
        JsonNode body = body(sent);
        assertThat(body.path("model").asText()).isEqualTo("google/gemini-2.5-pro");
        assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("high");
        assertThat(body.has("reasoning_effort")).isFalse();
        assertThat(body.path("max_tokens").asInt()).as("the gemini profile's limit").isEqualTo(65536);
    }

    @Test
    void deepseek_gets_thinking_and_its_reasoning_back() throws Exception {
        upstreamAnswersEverywhere();

        assertThat(postMessages("""
                {"model":"deepseek-v4-pro","max_tokens":128000,"thinking":{"type":"adaptive"},
                 "output_config":{"effort":"high"},
                 "tools":[{"name":"Bash","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}],
                 "messages":[{"role":"user","content":"list"},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"I should run ls.","signature":""},
                     {"type":"tool_use","id":"call_1","name":"Bash","input":{"command":"ls"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"a.txt"}]}]}""")
                .statusCode()).isEqualTo(200);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/deepseek/chat/completions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer ds-key");
        JsonNode body = body(sent);
        assertThat(body.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(body.path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(128000);
        JsonNode assistant = body.path("messages").get(1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("reasoning_content").asText()).isEqualTo("I should run ls.");
    }

    @Test
    void a_sub_agent_that_switches_thinking_off_sends_no_effort() throws Exception {
        upstreamAnswersEverywhere();

        assertThat(postMessages(request("deepseek-v4-pro",
                "\"thinking\":{\"type\":\"disabled\"},\"output_config\":{\"effort\":\"high\"},")).statusCode())
                .isEqualTo(200);

        JsonNode body = body(onlyRequest());
        assertThat(body.path("thinking").path("type").asText()).isEqualTo("disabled");
        assertThat(body.has("reasoning_effort")).isFalse();
    }

    @Test
    void vllm_qwen3_gets_the_thinking_switch_as_chat_template_kwargs() throws Exception {
        upstreamAnswersEverywhere();

        assertThat(postMessages(request("qwen3-coder-30b", "\"thinking\":{\"type\":\"adaptive\"},")).statusCode())
                .isEqualTo(200);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/vllm/v1/chat/completions");
        assertThat(body(sent).path("chat_template_kwargs").path("enable_thinking").asBoolean()).isTrue();
    }

    @Test
    void the_default_provider_still_serves_everything_else() throws Exception {
        upstreamAnswersEverywhere();

        assertThat(postMessages(request("claude-sonnet-4-5", "\"temperature\":0.2,")).statusCode()).isEqualTo(200);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(body(sent).path("temperature").asDouble()).isEqualTo(0.2);
        upstream.verify(0, WireMock.postRequestedFor(urlPathMatching("/(ollama|openai|openrouter|deepseek|vllm)/.*")));
    }

    @Test
    void web_search_streams_through_the_provider_of_the_model() {
        upstream.stubFor(WireMock.post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(ResponsesSse.body("web-search-with-sources"))));

        HttpResponse<String> response = postMessages(request("azure-v1",
                "\"stream\":true,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("server_tool_use");
        assertThat(onlyRequest().getUrl()).isEqualTo("/openai/v1/responses?api-version=preview");
    }
}
