package dev.ccproxy.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.LaunchedProxy;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.SseClient;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts {@code target/claude-code-proxy.jar} as a real process, configured only the way users configure it: the
 * seed's environment variables, a {@code .env} file, the working directory. No system properties, no test hooks.
 */
class JarLaunchIT {

    private static final String HELLO =
            "{\"model\":\"%s\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static WireMockServer upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private LaunchedProxy proxy;

    @BeforeAll
    static void startUpstream() {
        upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop();
    }

    @AfterEach
    void stopProxy() throws InterruptedException {
        if (proxy != null) {
            proxy.close();
        }
        upstream.resetAll();
    }

    @Test
    void outside_a_checkout_it_runs_on_the_seed_variables_and_a_dotenv_file(@TempDir Path workDir) throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(answer())));
        Files.writeString(workDir.resolve(".env"), """
                # a .env file beside the jar's working directory
                BIG_MODEL=big-from-dotenv
                MIDDLE_MODEL=middle-from-dotenv
                LOG_LEVEL=WARNING
                """);
        int port = AvailablePortFinder.getNextAvailable();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("OPENAI_BASE_URL", upstream.baseUrl() + "/v1/");
        env.put("OPENAI_API_KEY", "sk-from-env");
        env.put("MIDDLE_MODEL", "middle-from-env");
        env.put("CUSTOM_HEADER_X_TEAM_NAME", "platform");
        proxy = LaunchedProxy.start(workDir, env);
        proxy.awaitHealthy(port);

        assertThat(post(port, "claude-opus-5-5").statusCode()).isEqualTo(200);
        assertThat(post(port, "claude-sonnet-5-5").statusCode()).isEqualTo(200);

        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(WireMock.matchingJsonPath("$.model", equalTo("big-from-dotenv")))
                .withHeader("Authorization", equalTo("Bearer sk-from-env"))
                .withHeader("X-TEAM-NAME", equalTo("platform")));
        // the real environment wins over .env
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(WireMock.matchingJsonPath("$.model", equalTo("middle-from-env"))));
        String output = proxy.output();
        // the open proxy says why it stays on loopback; LOG_LEVEL=WARNING (the seed's Python name) silences INFO
        // from the moment the settings are read (Camel's first two start-up lines come before that)
        assertThat(output).contains("listening on 127.0.0.1 only").doesNotContain("Routes startup");
    }

    @Test
    void log_format_json_writes_one_json_document_a_line_with_the_request_ids(@TempDir Path workDir)
            throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(answer())
                .withHeader("x-request-id", "req-upstream-json")));
        int port = AvailablePortFinder.getNextAvailable();
        proxy = LaunchedProxy.start(workDir, Map.of("PORT", Integer.toString(port),
                "OPENAI_BASE_URL", upstream.baseUrl() + "/v1", "OPENAI_API_KEY", "sk-json-canary", "LOG_FORMAT", "json"));
        proxy.awaitHealthy(port);
        HttpResponse<String> answered = post(port, "claude-sonnet-5-5");
        assertThat(answered.statusCode()).isEqualTo(200);
        String requestId = answered.headers().firstValue("request-id").orElseThrow();

        // the access line is written as the exchange completes, just after the answer went out
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.output().contains("dev.ccproxy.access"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : proxy.output().lines().toList()) {
            if (line.startsWith("WARNING:")) {
                // the JVM's own warnings (native access) go to stderr before logging starts
                continue;
            }
            lines.add(ProxyJson.mapper().readTree(line));
        }
        assertThat(lines).as("every line is a JSON document").hasSizeGreaterThan(5)
                .allSatisfy(line -> assertThat(line.path("@timestamp").isTextual()).isTrue());
        JsonNode access = lines.stream().filter(line -> line.path("log.logger").asText().equals("dev.ccproxy.access"))
                .findFirst().orElseThrow();
        assertThat(access.path("requestId").asText()).isEqualTo(requestId);
        assertThat(access.path("upstreamRequestId").asText()).isEqualTo("req-upstream-json");
        assertThat(access.path("status").asText()).isEqualTo("200");
        assertThat(access.path("route").asText()).isEqualTo("messages");
        assertThat(access.path("upstream_model").asText()).isNotBlank();
        assertThat(proxy.output()).doesNotContain("sk-json-canary");
    }

    @Test
    void in_a_checkout_the_routes_and_yaml_on_disk_win_and_a_client_key_opens_all_interfaces(@TempDir Path checkout)
            throws Exception {
        // a checkout: application.properties and routes/ beside each other, with one route edited
        Files.copy(Path.of("application.properties"), checkout.resolve("application.properties"));
        Files.createDirectories(checkout.resolve("routes"));
        try (var routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.toList()) {
                Files.copy(route, checkout.resolve("routes").resolve(route.getFileName()));
            }
        }
        Path health = checkout.resolve("routes/health.camel.yaml");
        Files.writeString(health, Files.readString(health).replace("{\"status\":\"ok\"}", "{\"status\":\"edited\"}"));
        // and an application.yaml beside application.properties: haiku on a second provider, its key from the env
        Files.writeString(checkout.resolve("application.yaml"), """
                proxy:
                  providers:
                    second:
                      base-url: %s/second/v1
                      api-key: "{{env:SECOND_PROVIDER_KEY}}"
                  models:
                    map:
                      - match: "claude-haiku-*"
                        provider: second
                        model: model-from-yaml
                """.formatted(upstream.baseUrl()));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/second/v1/chat/completions")).willReturn(okJson(answer())));
        int port = AvailablePortFinder.getNextAvailable();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("OPENAI_BASE_URL", upstream.baseUrl() + "/v1");
        env.put("ANTHROPIC_API_KEY", "client-key");
        env.put("SECOND_PROVIDER_KEY", "sk-second");
        proxy = LaunchedProxy.start(checkout, env);
        proxy.awaitHealthy(port);

        HttpResponse<String> healthAnswer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("Content-Type", "application/json").header("x-api-key", "client-key")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO.formatted("claude-haiku-5-5"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(healthAnswer.body()).isEqualTo("{\"status\":\"edited\"}");
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        upstream.verify(postRequestedFor(urlEqualTo("/second/v1/chat/completions"))
                .withRequestBody(WireMock.matchingJsonPath("$.model", equalTo("model-from-yaml")))
                .withHeader("Authorization", equalTo("Bearer sk-second")));
        assertThat(proxy.output()).contains("HttpServer started on 0.0.0.0:" + port);
    }

    @Test
    void an_explicit_host_always_wins(@TempDir Path workDir) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        proxy = LaunchedProxy.start(workDir, Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1",
                "ANTHROPIC_API_KEY", "k", "OPENAI_BASE_URL", upstream.baseUrl() + "/v1"));
        proxy.awaitHealthy(port);
        assertThat(proxy.output()).contains("HttpServer started on 127.0.0.1:" + port);
    }

    @Test
    void a_broken_application_yaml_stops_the_start_saying_where(@TempDir Path workDir) throws Exception {
        Files.writeString(workDir.resolve("application.yaml"), "proxy:\n  models:\n    big: [unclosed\n");
        proxy = LaunchedProxy.start(workDir, Map.of("PORT", Integer.toString(AvailablePortFinder.getNextAvailable())));

        assertThat(proxy.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the proxy gave up").isTrue();
        assertThat(proxy.process().exitValue()).isNotZero();
        // the YAML parser's own words, with the file and the position, not a later "property not found"
        assertThat(proxy.output()).containsPattern("Cannot read \\S*application\\.yaml")
                .contains("line 3, column 10");
    }

    @Test
    void sigterm_drains_the_streams_in_flight_then_ends_them_and_exits(@TempDir Path workDir) throws Exception {
        try (ScriptedUpstream scripted = new ScriptedUpstream(request -> new ScriptedUpstream.Sse(List.of(
                ScriptedUpstream.Step.data(Duration.ZERO, Chunks.role()),
                ScriptedUpstream.Step.data(Duration.ZERO, Chunks.text("Working")),
                ScriptedUpstream.Step.data(Duration.ofSeconds(30), Chunks.text(" too late")))))) {
            int port = AvailablePortFinder.getNextAvailable();
            proxy = LaunchedProxy.start(workDir, Map.of("PORT", Integer.toString(port),
                    "OPENAI_BASE_URL", scripted.baseUrl(), "PROXY_SERVER_DRAIN_SECONDS", "2"));
            proxy.awaitHealthy(port);
            URI messages = URI.create("http://127.0.0.1:" + port + "/v1/messages");
            String streamed = HELLO.formatted("claude-sonnet-5-5").replace("{\"model\"", "{\"stream\":true,\"model\"");
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<SseClient.Result> inFlight = clients.submit(() -> SseClient.stream(messages, streamed));
                await().atMost(Duration.ofSeconds(10)).until(() -> scripted.requests().size() == 1);

                long signalled = System.nanoTime();
                proxy.process().destroy();

                await().atMost(Duration.ofSeconds(1)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 503);
                HttpResponse<String> refused = post(port, "claude-sonnet-5-5");
                assertThat(refused.statusCode()).isEqualTo(529);
                assertThat(refused.body()).contains("overloaded_error", "shutting down");

                SseClient.Result ended = inFlight.get(15, java.util.concurrent.TimeUnit.SECONDS);
                AnthropicStreamInvariants.assertValid(ended.wire());
                assertThat(ended.wire().getLast().name()).isEqualTo("error");
                assertThat(ended.wire().getLast().data().path("error").path("type").asText())
                        .isEqualTo("overloaded_error");
                assertThat(proxy.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the proxy exited")
                        .isTrue();
                Duration exitedAfter = Duration.ofNanos(System.nanoTime() - signalled);
                assertThat(exitedAfter).as("exit after SIGTERM with a 2 s drain")
                        .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(7));
                assertThat(scripted.closesByProxy()).as("the stream's upstream call was cut").isEqualTo(1);
                assertThat(proxy.output()).contains("Shutting down: readiness is 503",
                        "1 request(s) still in flight after the drain time");
            }
        }
    }

    private HttpResponse<String> post(int port, String model) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages?beta=true"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(HELLO.formatted(model))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String answer() throws IOException {
        return Files.readString(Path.of("src/test/resources/golden/chat-to-anthropic/text-only/upstream.json"));
    }
}
