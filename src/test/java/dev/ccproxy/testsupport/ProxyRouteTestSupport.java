package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.ProxyBeans;
import dev.ccproxy.json.ProxyJson;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the real application (its YAML routes and {@code application.properties}) against a WireMock upstream on a
 * free port, and calls it over real HTTP. Each test class gets its own upstream and proxy port, set as system
 * properties (which win over the properties file and the environment) before Camel starts, and removed after.
 *
 * <p>After every test, each request the upstream received is validated against OpenAI's published spec.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@CamelMainTest(configurationClasses = ProxyBeans.class, propertyPlaceholderLocations = {"file:application.properties"})
public abstract class ProxyRouteTestSupport {

    public static final String UPSTREAM_KEY = "sk-upstream-test-key";

    protected WireMockServer upstream;
    protected int proxyPort;
    /** Camel's management server: {@code GET /observe/metrics}. */
    protected int managementPort;
    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> applied = new LinkedHashMap<>();

    /** This class's settings, on top of (or replacing) the defaults below. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startUpstreamAndConfigureProxy() {
        upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        proxyPort = AvailablePortFinder.getNextAvailable();
        applied.put("proxy.upstream.base-url", upstream.baseUrl() + "/v1");
        applied.put("proxy.server.port", Integer.toString(proxyPort));
        managementPort = AvailablePortFinder.getNextAvailable();
        applied.put("proxy.management.port", Integer.toString(managementPort));
        applied.put("proxy.server.host", "127.0.0.1");
        applied.put("proxy.client.api-key", "");
        applied.put("proxy.upstream.api-key", UPSTREAM_KEY);
        applied.put("proxy.upstream.azure-api-version", "");
        applied.put("proxy.upstream.max-retries", "2");
        applied.put("proxy.upstream.retry-delay-millis", "10");
        applied.put("proxy.upstream.max-retry-delay-millis", "40");
        // route tests retry many failures within seconds: only RetryBudgetRouteTest runs out of budget
        applied.put("proxy.upstream.retry-budget-min", "1000");
        applied.put("proxy.upstream.timeout-seconds", "30");
        applied.put("proxy.models.big", "gpt-4o");
        applied.put("proxy.models.middle", "gpt-4o");
        applied.put("proxy.models.small", "gpt-4o-mini");
        applied.put("proxy.tokens.max-limit", "");
        applied.put("proxy.tokens.min-limit", "");
        applied.putAll(settings());
        applied.forEach(System::setProperty);
    }

    @AfterAll
    void stopUpstreamAndForgetSettings() {
        applied.keySet().forEach(System::clearProperty);
        upstream.stop();
    }

    @BeforeEach
    void resetUpstream() {
        upstream.resetAll();
    }

    /**
     * Each test starts on a ready proxy (readiness includes the token tables, which load beside the start-up), so that
     * no test's timings include the load.
     */
    @BeforeEach
    void awaitReadiness() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> send(HttpRequest.newBuilder(proxy("/health/ready"))
                .build()).statusCode() == 200);
    }

    @AfterEach
    void everyUpstreamRequestSatisfiesOpenAiSpec() {
        if (!OpenApiSpec.available()) {
            return;
        }
        for (ServeEvent event : upstream.getAllServeEvents()) {
            String path = event.getRequest().getUrl();
            if (path.contains("/chat/completions")) {
                OpenApiSpec.assertValid(OpenApiSpec.CHAT_REQUEST, event.getRequest().getBodyAsString());
            } else if (path.contains("/responses")) {
                OpenApiSpec.assertValid(OpenApiSpec.RESPONSES_REQUEST, event.getRequest().getBodyAsString());
            }
        }
    }

    /** The body of the one request the upstream got, at {@code path}; fails when there were others anywhere. */
    protected JsonNode onlyUpstreamRequest(String path) {
        List<LoggedRequest> all = upstream.findAll(RequestPatternBuilder.allRequests());
        assertThat(all).as("upstream requests").hasSize(1);
        assertThat(all.get(0).getUrl()).startsWith(path);
        try {
            return ProxyJson.mapper().readTree(all.get(0).getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upstream fails once at {@code path} with {@code status}, then answers {@code answer} (JSON). */
    protected void upstreamFailsOnceThenAnswers(String path, int status, String answer) {
        upstream.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.aResponse().withStatus(status)
                        .withBody("{\"error\":{\"message\":\"busy\"}}"))
                .willSetStateTo("recovered"));
        upstream.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(WireMock.okJson(answer)));
    }

    protected URI proxy(String path) {
        return URI.create("http://127.0.0.1:" + proxyPort + path);
    }

    protected HttpResponse<String> postMessages(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy("/v1/messages?beta=true"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("content-type");
        }
        if (!contentType) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String resource(String path) {
        try {
            return Files.readString(Path.of("src/test/resources").resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An upstream answer from the golden cases (each validated against OpenAI's spec there). */
    public static String upstreamAnswer(String goldenCase) {
        return resource("golden/chat-to-anthropic/" + goldenCase + "/upstream.json");
    }

    /** A Responses API answer from the golden cases (each validated against OpenAI's spec there). */
    public static String responsesAnswer(String goldenCase) {
        return resource("golden/responses-to-anthropic/" + goldenCase + "/upstream.json");
    }

    /** The headers Claude Code sent with a captured request, minus the ones the HTTP client sets itself. */
    public static String[] claudeCodeHeaders(String capture) {
        return resource("claude-code/" + capture + ".headers.txt").lines()
                .skip(1)
                .filter(line -> line.contains(": "))
                .filter(line -> !line.matches("(?i)^(host|content-length|connection|accept-encoding): .*"))
                .flatMap(line -> java.util.stream.Stream.of(line.substring(0, line.indexOf(": ")),
                        line.substring(line.indexOf(": ") + 2)))
                .toArray(String[]::new);
    }
}
