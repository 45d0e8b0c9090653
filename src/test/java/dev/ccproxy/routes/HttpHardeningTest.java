package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP server refuses before any route runs, each in Anthropic's envelope, and the slow clients it does not
 * let hold a connection: here headers must arrive within 1 s and a body within 1 s of its headers.
 */
class HttpHardeningTest extends ProxyRouteTestSupport {

    private static final String VALID =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.server.headers-timeout-seconds", "1", "proxy.server.body-timeout-seconds", "1",
                "proxy.server.max-header-bytes", "16384");
    }

    @BeforeEach
    void upstreamAnswers() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));
    }

    private String head(String... extra) {
        StringBuilder head = new StringBuilder("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n");
        for (String line : extra) {
            head.append(line).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static void assertEnvelope(RawHttp.Response response, int status, String type, String message)
            throws IOException {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        JsonNode body = ProxyJson.mapper().readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(type);
        assertThat(body.path("error").path("message").asText()).contains(message);
        assertThat(response.header("x-should-retry")).isEqualTo(status == 408 ? "true" : "false");
    }

    @Test
    void a_duplicated_content_length_is_refused_in_anthropics_envelope() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort, head("Content-Length: " + VALID.length(),
                "Content-Length: " + (VALID.length() + 5)) + VALID, 5_000);

        assertEnvelope(response, 400, "invalid_request_error", "Content-Length is duplicated or invalid");
        assertThat(response.statusLines()).hasSize(1);
    }

    @Test
    void content_length_with_transfer_encoding_is_refused() throws IOException {
        String chunked = Integer.toHexString(VALID.length()) + "\r\n" + VALID + "\r\n0\r\n\r\n";
        RawHttp.Response response = RawHttp.send(proxyPort, head("Content-Length: 5",
                "Transfer-Encoding: chunked") + chunked, 5_000);

        assertEnvelope(response, 400, "invalid_request_error", "both Transfer-Encoding and Content-Length");
        assertThat(response.statusLines()).hasSize(1);
    }

    @Test
    void a_chunked_body_with_broken_framing_gets_400_not_a_bare_close() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort, head("Transfer-Encoding: chunked") + "zz\r\n"
                + VALID + "\r\n0\r\n\r\n", 5_000);

        assertEnvelope(response, 400, "invalid_request_error", "not valid chunked encoding");
    }

    @Test
    void headers_over_the_limit_get_431() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort,
                head("X-Big: " + "a".repeat(20_000), "Content-Length: " + VALID.length()) + VALID, 5_000);

        assertEnvelope(response, 431, "invalid_request_error", "proxy.server.max-header-bytes");
    }

    @Test
    void a_request_line_over_the_limit_gets_414() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort, "GET /v1/models?x=" + "a".repeat(10_000)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 5_000);

        assertEnvelope(response, 414, "invalid_request_error", "request line is longer");
    }

    @Test
    void a_line_that_is_not_http_gets_400() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort, "HELLO\r\n\r\n", 5_000);

        assertThat(response.status()).isEqualTo(400);
        assertThat(ProxyJson.mapper().readTree(response.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void a_client_that_never_finishes_its_headers_gets_408_and_the_connection_closes() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            RawHttp.Response response = RawHttp.parse(RawHttp.readAll(socket.getInputStream()));

            assertEnvelope(response, 408, "timeout_error", "proxy.server.headers-timeout-seconds");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
                    Duration.ofMillis(3_000));
        }
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_without_a_word() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
                    Duration.ofMillis(3_000));
        }
    }

    @Test
    void a_body_that_does_not_arrive_in_time_gets_408_and_the_connection_closes() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((head("Content-Length: " + VALID.length()) + VALID.substring(0, 10))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            RawHttp.Response response = RawHttp.parse(RawHttp.readAll(socket.getInputStream()));

            assertEnvelope(response, 408, "timeout_error", "proxy.server.body-timeout-seconds");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
                    Duration.ofMillis(3_000));
        }
    }

    @Test
    void an_idle_keep_alive_connection_is_closed_after_the_headers_timeout() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((head("Content-Length: " + VALID.length()) + VALID).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            // the answer, then the close, and nothing else: an idle connection asked nothing, it gets no 408
            String received = RawHttp.readAll(socket.getInputStream());

            assertThat(RawHttp.parse(received).statusLines()).containsExactly("HTTP/1.1 200 OK");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
                    Duration.ofMillis(3_000));
        }
    }

    @Test
    void h2c_is_not_served_an_upgrade_is_answered_as_http_1_1() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        HttpResponse<String> response = h2.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort
                        + "/v1/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ProxyJson.mapper().readTree(response.body()).path("type").asText()).isEqualTo("message");
    }

    @Test
    void an_http2_preface_is_refused_as_http_1_1() throws IOException {
        RawHttp.Response response = RawHttp.send(proxyPort, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 5_000);

        assertThat(response.raw()).doesNotContain("HTTP/2");
        assertEnvelope(response, 400, "invalid_request_error", "only HTTP/1.1 is served");
    }
}
