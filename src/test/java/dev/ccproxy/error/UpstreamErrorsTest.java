package dev.ccproxy.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class UpstreamErrorsTest {

    @Test
    void retry_after_is_passed_on_as_whole_seconds() {
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("Retry-After", "7"))).isEqualTo("7");
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("retry-after", "0.2"))).isEqualTo("1");
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("retry-after-ms", "1500", "retry-after", "9")))
                .isEqualTo("2");
        String inAMinute = ZonedDateTime.now().plusSeconds(61).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Long.parseLong(UpstreamErrors.retryAfterSeconds(Map.of("Retry-After", inAMinute))))
                .isBetween(55L, 61L);
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("Retry-After", "soon"))).isNull();
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of())).isNull();
    }

    @Test
    void the_upstreams_message_is_kept_and_its_shape_dropped() {
        assertThat(UpstreamErrors.messageOf("{\"error\":{\"message\":\"bad model\",\"type\":\"x\"}}")).isEqualTo("bad model");
        assertThat(UpstreamErrors.messageOf("{\"error\":\"plain\"}")).isEqualTo("plain");
        assertThat(UpstreamErrors.messageOf("{\"detail\":\"from FastAPI\"}")).isEqualTo("from FastAPI");
        assertThat(UpstreamErrors.messageOf("<html>\n  <b>502</b>\n</html>")).isEqualTo("<html> <b>502</b> </html>");
        assertThat(UpstreamErrors.messageOf("")).isEqualTo("(no body)");
        assertThat(UpstreamErrors.messageOf("x".repeat(600))).hasSize(UpstreamErrors.MAX_MESSAGE_LENGTH + 1);
    }

    static Stream<Arguments> contextOverflows() {
        return Stream.of(
                arguments("OpenAI Chat Completions", 400, "{\"error\":{\"message\":\"This model's maximum context length "
                        + "is 128000 tokens. However, your messages resulted in 130001 tokens. Please reduce the length "
                        + "of the messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
                        + "\"code\":\"context_length_exceeded\"}}", OptionalInt.of(128000), OptionalInt.of(130001)),
                arguments("OpenAI Responses API", 400, "{\"error\":{\"message\":\"Your input exceeds the context window "
                        + "of this model. Please adjust your input and try again.\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"input\",\"code\":\"context_length_exceeded\"}}", OptionalInt.empty(),
                        OptionalInt.empty()),
                arguments("DeepSeek", 400, "{\"error\":{\"message\":\"This model's maximum context length is 131072 "
                        + "tokens. However, you requested 140000 tokens (132000 in the messages, 8000 in the completion). "
                        + "Please reduce the length of the messages or completion.\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_request_error\"}}", OptionalInt.of(131072), OptionalInt.of(132000)),
                arguments("vLLM (older)", 400, "{\"object\":\"error\",\"message\":\"This model's maximum context "
                        + "length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the "
                        + "completion). Please reduce the length of the messages or completion.\",\"type\":"
                        + "\"BadRequestError\",\"code\":400}", OptionalInt.of(4096), OptionalInt.of(4000)),
                arguments("vLLM (newer)", 400, "{\"error\":{\"message\":\"The decoder prompt (length 5000) is longer "
                        + "than the maximum model length of 4096. Make sure that `max_model_len` is no smaller than the "
                        + "number of text tokens.\",\"type\":\"BadRequestError\",\"code\":400}}", OptionalInt.of(4096),
                        OptionalInt.of(5000)),
                arguments("llama.cpp", 400, "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available "
                        + "context size, try increasing it\",\"type\":\"exceed_context_size_error\","
                        + "\"n_prompt_tokens\":5000,\"n_ctx\":4096}}", OptionalInt.of(4096), OptionalInt.of(5000)),
                arguments("Ollama", 400, "{\"error\":{\"message\":\"the input length exceeds the context length\","
                        + "\"type\":\"api_error\"}}", OptionalInt.empty(), OptionalInt.empty()),
                arguments("an Anthropic-style server", 400, "{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"invalid_request_error\",\"message\":\"prompt is too long: 210000 tokens > 200000 "
                        + "maximum\"}}", OptionalInt.of(200000), OptionalInt.of(210000)),
                arguments("a 413 saying so", 413, "context length exceeded", OptionalInt.empty(), OptionalInt.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contextOverflows")
    void a_prompt_over_the_upstreams_window_is_prompt_too_long(String upstream, int status, String body,
            OptionalInt limit, OptionalInt prompt) {
        ProxyException error = UpstreamErrors.fromStatus(status, body, Map.of());

        assertThat(error).isInstanceOf(PromptTooLongException.class);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.type()).isEqualTo(AnthropicErrorType.INVALID_REQUEST);
        assertThat(error.getMessage()).startsWith("prompt is too long");
        assertThat(((PromptTooLongException) error).upstreamLimit()).isEqualTo(limit);
        assertThat(((PromptTooLongException) error).upstreamPromptTokens()).isEqualTo(prompt);
    }

    @Test
    void other_bad_requests_stay_what_they_were() {
        ProxyException error = UpstreamErrors.fromStatus(400, "{\"error\":{\"message\":\"Invalid value for "
                + "'max_tokens': must be at most 16384\",\"code\":\"invalid_value\"}}", Map.of());

        assertThat(error).isNotInstanceOf(PromptTooLongException.class);
        assertThat(error.getMessage()).isEqualTo("Upstream error (HTTP 400): Invalid value for 'max_tokens': must be "
                + "at most 16384");
        assertThat(UpstreamErrors.fromStatus(500, "maximum context length is 4096", Map.of()))
                .isNotInstanceOf(PromptTooLongException.class);
    }
}
