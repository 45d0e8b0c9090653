package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec check every upstream request and fixture goes through must itself catch what OpenAI would refuse. */
class OpenApiSpecTest {

    private static JsonNode json(String text) throws IOException {
        return ProxyJson.mapper().readTree(text);
    }

    @Test
    void accepts_a_valid_responses_request() throws IOException {
        assertThat(OpenApiSpec.validate(OpenApiSpec.RESPONSES_REQUEST, json("""
                {"model":"gpt-4o","input":[{"type":"message","role":"user","content":"hi"}],
                 "tools":[{"type":"web_search","filters":{"allowed_domains":["nodejs.org"]}}],
                 "include":["web_search_call.action.sources"],"max_output_tokens":100,"max_tool_calls":2}"""))).isEmpty();
    }

    @Test
    void refuses_responses_requests_openai_would_refuse() throws IOException {
        assertThat(OpenApiSpec.validate(OpenApiSpec.RESPONSES_REQUEST,
                json("{\"model\":\"gpt-4o\",\"input\":\"hi\",\"include\":[\"web_search_call.everything\"]}")))
                .as("an unknown include value").isNotEmpty();
        assertThat(OpenApiSpec.validate(OpenApiSpec.RESPONSES_REQUEST,
                json("{\"model\":\"gpt-4o\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":42}]}")))
                .as("a function_call_output whose output is a number").isNotEmpty();
        assertThat(OpenApiSpec.validate(OpenApiSpec.RESPONSES_REQUEST, json("{\"model\":\"gpt-4o\",\"input\":"
                + "[{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"Bash\",\"arguments\":{\"command\":\"ls\"}}]}")))
                .as("function_call arguments as an object instead of a JSON string").isNotEmpty();
        assertThat(OpenApiSpec.validate(OpenApiSpec.RESPONSES_REQUEST,
                json("{\"model\":\"gpt-4o\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\"}]}")))
                .as("a function tool without a name").isNotEmpty();
        assertThat(OpenApiSpec.validate(OpenApiSpec.RESPONSES_REQUEST,
                json("{\"model\":\"gpt-4o\",\"input\":\"hi\",\"max_output_tokens\":\"many\"}")))
                .as("a string where a number belongs").isNotEmpty();
    }

    @Test
    void refuses_chat_requests_openai_would_refuse() throws IOException {
        assertThat(OpenApiSpec.validate(OpenApiSpec.CHAT_REQUEST, json("{\"model\":\"gpt-4o\"}")))
                .as("no messages").isNotEmpty();
        assertThat(OpenApiSpec.validate(OpenApiSpec.CHAT_REQUEST,
                json("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}")))
                .as("an unknown role").isNotEmpty();
    }

    @Test
    void refuses_stream_events_of_the_wrong_shape() throws IOException {
        String schema = OpenApiSpec.responsesStreamEventSchema("response.output_text.delta");
        assertThat(OpenApiSpec.validate(schema, json("""
                {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,
                 "delta":"Hi","logprobs":[],"sequence_number":4}"""))).isEmpty();
        assertThat(OpenApiSpec.validate(schema, json("""
                {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,
                 "delta":42,"logprobs":[],"sequence_number":4}"""))).as("a number as the delta").isNotEmpty();
    }
}
