package dev.ccproxy.examples;

import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.Hello;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/model-to-provider: a model goes to another provider by configuration alone (application.yaml beside
 * application.properties), on the routes as they are. Only the provider's address is the test's: the example names a
 * local Ollama.
 */
class ModelToProviderExampleTest extends ScriptedRouteTestSupport {

    private final ScriptedUpstream ollama = stub();

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("ccproxy.yaml", "examples/model-to-provider/application.yaml",
                "proxy.providers.ollama.base-url", ollama.baseUrl());
    }

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        return Hello.answer(request);
    }

    @Test
    void haiku_goes_to_the_other_provider_and_the_rest_stays() throws IOException {
        HttpResponse<String> haiku = postMessages(Hello.request("claude-haiku-4-5", false));
        HttpResponse<String> sonnet = postMessages(Hello.request("claude-sonnet-4-5", false));

        assertThat(haiku.statusCode()).as(haiku.body()).isEqualTo(200);
        assertThat(sonnet.statusCode()).as(sonnet.body()).isEqualTo(200);
        assertThat(ollama.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(model(request)).isEqualTo("qwen2.5-coder:7b");
        });
        assertThat(upstreamCalls()).isEqualTo(1);
        assertThat(model(scripted.requests().getLast())).isEqualTo("gpt-4o");
        if (OpenApiSpec.available()) {
            OpenApiSpec.assertValid(OpenApiSpec.CHAT_REQUEST, ollama.requests().getFirst().body());
        }
    }

    private static String model(ScriptedUpstream.Request request) throws IOException {
        return ProxyJson.mapper().readTree(request.body()).path("model").asText();
    }

    @AfterAll
    void stopOllama() throws IOException {
        ollama.close();
    }

    private ScriptedUpstream stub() {
        try {
            return new ScriptedUpstream(this::reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
