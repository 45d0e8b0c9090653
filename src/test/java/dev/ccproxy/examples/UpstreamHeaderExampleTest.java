package dev.ccproxy.examples;

import dev.ccproxy.testsupport.Hello;
import dev.ccproxy.testsupport.ScriptedUpstream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/upstream-header: the client's {@code X-Team} header reaches the upstream through both clients (camel-http
 * for a whole answer, Vert.x's for a stream), set after the header hygiene, which still keeps every other client
 * header (the client's key above all) from the upstream.
 */
class UpstreamHeaderExampleTest extends ExampleRouteTestSupport {


    @Override
    protected String example() {
        return "upstream-header";
    }

    @ParameterizedTest(name = "stream: {0}")
    @ValueSource(booleans = {false, true})
    void the_clients_team_header_goes_upstream_and_nothing_else_of_the_client(boolean stream) {
        HttpResponse<String> response = postMessages(Hello.request("claude-sonnet-4-5", stream), "X-Team", "payments",
                "x-api-key", "sk-ant-client-key", "X-Other", "stays-here");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamCalls()).isEqualTo(1);
        ScriptedUpstream.Request sent = scripted.requests().getLast();
        assertThat(sent.header("X-Team")).isEqualTo("payments");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(sent.headers()).doesNotContainKeys("x-api-key", "x-other");
    }

    @ParameterizedTest(name = "stream: {0}")
    @ValueSource(booleans = {false, true})
    void a_request_without_the_header_sends_none(boolean stream) {
        HttpResponse<String> response = postMessages(Hello.request("claude-sonnet-4-5", stream));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(scripted.requests().getLast().headers()).doesNotContainKey("x-team");
    }
}
