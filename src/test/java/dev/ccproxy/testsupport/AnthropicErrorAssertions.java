package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What every error answer of the proxy must be: Anthropic's envelope, JSON, nothing of Java, Camel or the upstream. */
public final class AnthropicErrorAssertions {

    private AnthropicErrorAssertions() {
    }

    /** Asserts the status, the envelope, the error type and a fragment of the message; returns the body. */
    public static JsonNode assertAnthropicError(HttpResponse<String> response, int status, String type,
            String messageFragment) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/json"));
        return assertEnvelope(response.body(), type, messageFragment);
    }

    /** The same, for an answer read off a raw socket ({@link RawHttp}): one status line, then the same checks. */
    public static JsonNode assertAnthropicError(RawHttp.Response response, int status, String type,
            String messageFragment) throws IOException {
        assertThat(response.statusLines()).as("status lines of %s", response.raw()).hasSize(1);
        assertThat(response.status()).as("status of %s", response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.raw()).startsWith("application/json");
        return assertEnvelope(response.body(), type, messageFragment);
    }

    private static JsonNode assertEnvelope(String text, String type, String messageFragment) throws IOException {
        JsonNode body = ProxyJson.mapper().readTree(text);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(type);
        assertThat(body.path("error").path("message").asText()).contains(messageFragment);
        assertThat(text).doesNotContain("Exception", "\tat ", "org.apache", "dev.ccproxy", "detail\":");
        return body;
    }
}
