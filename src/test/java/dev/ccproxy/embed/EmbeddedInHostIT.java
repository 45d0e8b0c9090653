package dev.ccproxy.embed;

import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Hello;
import dev.ccproxy.testsupport.LaunchedProxy;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.testsupport.PrometheusScrape;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.SseClient;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The library jar ({@code claude-code-proxy-camel.jar}, classifier {@code camel}) inside another Camel Main
 * application, in a process of its own: {@link HostApplication} with its own settings and routes
 * ({@code src/test/host-app/}), on a class path of the library jar, its runtime dependencies ({@code target/lib}) and
 * the host's classes; not the runnable jar. The host's endpoint and the proxy's answer on the same port, and the
 * host's properties win over the proxy's defaults.
 */
class EmbeddedInHostIT {

    private static final Path LIBRARY = Path.of("target/claude-code-proxy-camel.jar").toAbsolutePath();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void the_library_jar_carries_the_proxy_in_its_own_folder_and_nothing_of_an_application() throws IOException {
        assertThat(LIBRARY).as("run ./mvnw package first").exists();
        try (JarFile jar = new JarFile(LIBRARY.toFile())) {
            List<String> entries = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(entries).contains("dev/ccproxy/ClaudeCodeProxy.class", "dev/ccproxy/ProxyBeans.class",
                    "claude-code-proxy/application.properties", "claude-code-proxy/model-profiles.properties",
                    "claude-code-proxy/routes/messages-api.camel.yaml",
                    "claude-code-proxy/routes/upstream-api.camel.yaml",
                    "META-INF/services/org/apache/camel/platform-http-server");
            // the host's names stay the host's
            assertThat(entries).doesNotContain("application.properties", "log4j2.properties", "log4j2-json.properties",
                    "model-profiles.properties").noneMatch(name -> name.startsWith("routes/"));
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isNull();
            assertThat(manifest.getMainAttributes().getValue("Class-Path")).isNull();
        }
    }

    @Test
    void a_host_application_serves_its_own_routes_and_the_proxys_on_one_port(@TempDir Path workDir)
            throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        int managementPort = AvailablePortFinder.getNextAvailable();
        try (ScriptedUpstream upstream = new ScriptedUpstream(Hello::answer)) {
            LaunchedProxy host = startHost(workDir, upstream, port, managementPort);
            try {
                host.awaitHealthy(port);
                servesBoth(host, upstream, port);
                // the host turned Camel's metrics on (its management server): the proxy's meters are among them
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(PrometheusScrape.of(
                        uri(managementPort, "/observe/metrics")).sum("ccproxy_requests_total")).isEqualTo(2));
            } finally {
                host.close();
            }
        }
    }

    private void servesBoth(LaunchedProxy host, ScriptedUpstream upstream, int port) throws Exception {
        HttpResponse<String> hello = http.send(HttpRequest.newBuilder(uri(port, "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> whole = post(port, Hello.request("claude-opus-4-5", false));
        SseClient.Result streamed = SseClient.stream(uri(port, "/v1/messages"),
                Hello.request("claude-haiku-4-5", true));

        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello from the host");
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(ProxyJson.mapper().readTree(whole.body()).path("content").get(0).path("text").asText())
                .isEqualTo("Hello! How can I help you today?");
        assertThat(streamed.response().statusCode()).isEqualTo(200);
        AnthropicStreamInvariants.assertValid(streamed.wire());
        assertThat(streamed.named("content_block_delta")).singleElement()
                .satisfies(delta -> assertThat(delta.event().data().path("delta").path("text").asText())
                        .isEqualTo("Hi"));
        // the host's proxy.models.big beat the proxy's default (gpt-4o); haiku keeps the proxy's (gpt-4o-mini)
        assertThat(upstream.requests()).hasSize(2);
        assertThat(model(upstream.requests().get(0))).isEqualTo("host-big-model");
        assertThat(model(upstream.requests().get(1))).isEqualTo("gpt-4o-mini");
        for (ScriptedUpstream.Request request : upstream.requests()) {
            if (OpenApiSpec.available()) {
                OpenApiSpec.assertValid(OpenApiSpec.CHAT_REQUEST, request.body());
            }
        }
        // readiness covers the host's routes as well as the proxy's; an unknown path gets the proxy's 404
        assertThat(http.send(HttpRequest.newBuilder(uri(port, "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertAnthropicError(http.send(HttpRequest.newBuilder(uri(port, "/no-such-path")).build(),
                HttpResponse.BodyHandlers.ofString()), 404, "not_found_error", "/no-such-path");
        // the host's name, the proxy's server (its limits apply to the host's routes too)
        assertThat(host.output()).contains("Apache Camel 4.18.0 (host-app) started",
                "Vert.x HttpServer started on 127.0.0.1:" + port + " (HTTP/1.1)",
                "Started hello (platform-http:///hello)",
                "Started messages-ingress (platform-http:///v1/messages)");
    }

    /** The host as a process of its own, as {@code java -cp … HostApplication}, configured by its environment. */
    private static LaunchedProxy startHost(Path workDir, ScriptedUpstream upstream, int port, int managementPort)
            throws IOException {
        assertThat(LIBRARY).as("run ./mvnw package first").exists();
        String classPath = String.join(File.pathSeparator, LIBRARY.toString(),
                Path.of("target/lib").toAbsolutePath() + File.separator + "*",
                Path.of("target/test-classes").toAbsolutePath().toString(),
                Path.of("src/test/host-app").toAbsolutePath().toString());
        return LaunchedProxy.start(List.of(LaunchedProxy.java(), "-Xmx256m", "-cp", classPath,
                        HostApplication.class.getName()), workDir, Map.of("HOST_PORT", Integer.toString(port),
                "HOST_MANAGEMENT_PORT", Integer.toString(managementPort), "OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", "sk-host-upstream"));
    }

    private HttpResponse<String> post(int port, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, "/v1/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String model(ScriptedUpstream.Request request) throws IOException {
        return ProxyJson.mapper().readTree(request.body()).path("model").asText();
    }
}
