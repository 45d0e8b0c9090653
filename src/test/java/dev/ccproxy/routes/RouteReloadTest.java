package dev.ccproxy.routes;

import dev.ccproxy.testsupport.Hello;
import dev.ccproxy.testsupport.LogCapture;
import dev.ccproxy.testsupport.RoutesCopy;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Route reload in development ({@code camel.main.routes-reload-enabled}, with the other reload settings as
 * application.properties ships them), on a copy of {@code routes/}: a route file saved while the proxy runs takes
 * effect on the next request, and the proxy keeps serving. The limit Camel 4.18 has, which the README documents: the
 * routes made from the upstream-api template are not made again when the template's file changes.
 */
class RouteReloadTest extends ScriptedRouteTestSupport {


    private final RoutesCopy routes = RoutesCopy.of();

    @BeanInject
    CamelContext camelContext;

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("camel.main.routes-include-pattern", routes.includePattern(),
                "camel.main.routes-reload-enabled", "true",
                "camel.main.routes-reload-directory", routes.directory().toString());
    }

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        return Hello.answer(request);
    }

    @Test
    void a_saved_route_file_takes_effect_on_the_next_request() throws Exception {
        assertThat(postMessages(Hello.request("claude-opus-4-5", false)).statusCode()).isEqualTo(200);

        routes.replace("messages-api.camel.yaml", example("refuse-model", "messages-api.camel.yaml"));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> postMessages(Hello.request("claude-opus-4-5", false)).statusCode() == 403);
        assertAnthropicError(postMessages(Hello.request("claude-opus-4-5", true)), 403, "permission_error",
                "Opus models are not available");
        // and everything else still works, streamed or not
        HttpResponse<String> whole = postMessages(Hello.request("claude-sonnet-4-5", false));
        HttpResponse<String> streamed = postMessages(Hello.request("claude-sonnet-4-5", true));
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(streamed.body()).contains("event: message_stop");
        assertThat(send(HttpRequest.newBuilder(proxy("/health/ready")).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_file_that_does_not_parse_leaves_the_running_routes_alone_until_it_is_fixed() throws Exception {
        String health = routes.read("health.camel.yaml");
        try (LogCapture log = LogCapture.attach()) {
            routes.replace("health.camel.yaml", health.replace("- route:", "- route: [unclosed"));
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream().anyMatch(
                    line -> line.contains("Error reloading routes from file") && line.contains("health.camel.yaml")));
        }
        HttpResponse<String> meanwhile = send(HttpRequest.newBuilder(proxy("/health")).build());
        assertThat(meanwhile.statusCode()).isEqualTo(200);
        assertThat(meanwhile.body()).isEqualTo("{\"status\":\"ok\"}");

        routes.replace("health.camel.yaml", health.replace("{\"status\":\"ok\"}", "{\"status\":\"fixed\"}"));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(HttpRequest.newBuilder(proxy("/health")).build()).body().contains("fixed"));
        // Camel retries the broken file with every later save until it loads: the others reload again after the fix
        reloadedMarker("connectivity.camel.yaml");
    }

    @Test
    void a_file_whose_routes_cannot_be_built_takes_them_out_until_it_is_fixed() {
        String models = routes.read("models.camel.yaml");
        routes.replace("models.camel.yaml", models.replace("ref: listModels", "ref: noSuchBean"));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(HttpRequest.newBuilder(proxy("/v1/models")).build()).statusCode() == 404);
        routes.replace("models.camel.yaml", models);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(HttpRequest.newBuilder(proxy("/v1/models")).build()).statusCode() == 200);
    }

    @Test
    void the_routes_of_the_upstream_template_need_a_restart() throws Exception {
        Route before = camelContext.getRoute("chat-completions");
        routes.replace("upstream-api.camel.yaml", example("upstream-header", "upstream-api.camel.yaml"));
        reloadedMarker("connectivity.camel.yaml");

        HttpResponse<String> response = postMessages(Hello.request("claude-sonnet-4-5", false), "X-Team", "payments");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(scripted.requests().getLast().headers()).as("the template's edit").doesNotContainKey("x-team");
        assertThat(camelContext.getRoute("chat-completions")).isSameAs(before);
    }

    /**
     * Saves {@code file} with a new answer of the connectivity routes and waits until {@code GET /} gives it: every
     * save before this one has been handled by then.
     */
    private void reloadedMarker(String file) {
        String marker = "reload-" + System.nanoTime();
        routes.replace(file, routes.read(file)
                .replaceFirst("\"service\":\"[^\"]*\"", "\"service\":\"" + marker + "\""));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(HttpRequest.newBuilder(proxy("/")).build()).body().contains(marker));
    }

    private static String example(String example, String file) throws IOException {
        return Files.readString(Path.of("examples", example, file));
    }

    @AfterAll
    void removeRoutesCopy() {
        routes.close();
    }
}
