package dev.ccproxy.examples;

import dev.ccproxy.testsupport.Hello;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/refuse-model: a step of one's own in messages-ingress. Opus is refused with Anthropic's 403
 * {@code permission_error} before any upstream call; every other model is served as before, streamed or not.
 */
class RefuseModelExampleTest extends ExampleRouteTestSupport {


    @Override
    protected String example() {
        return "refuse-model";
    }

    @Test
    void opus_is_refused_before_any_upstream_call() throws Exception {
        for (String model : new String[] {"claude-opus-4-5", "Claude-Opus-5-5"}) {
            for (boolean stream : new boolean[] {false, true}) {
                assertAnthropicError(postMessages(Hello.request(model, stream)), 403, "permission_error",
                        "Opus models are not available on this proxy");
            }
        }
        assertThat(upstreamCalls()).isZero();
    }

    @Test
    void other_models_are_served_as_before() {
        HttpResponse<String> whole = postMessages(Hello.request("claude-sonnet-4-5", false));
        HttpResponse<String> streamed = postMessages(Hello.request("claude-haiku-4-5", true));

        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(whole.body()).contains("\"type\":\"message\"");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("event: message_stop");
        assertThat(upstreamCalls()).isEqualTo(2);
    }
}
