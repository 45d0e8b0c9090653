package dev.ccproxy.examples;

import dev.ccproxy.testsupport.Hello;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * examples/audit: a wire tap in messages-ingress and a route that appends one line a request to a file. The line names
 * the request the client got back (its {@code request-id}), the models and the provider; the file holds neither the
 * client's key (sent as {@code x-api-key} or {@code Authorization: Bearer}) nor the upstream's.
 */
class AuditExampleTest extends ExampleRouteTestSupport {

    private static final String CLIENT_KEY = "sk-ant-client-audit-key";

    private final Path auditDirectory = temporaryDirectory();

    @Override
    protected String example() {
        return "audit";
    }

    @Override
    protected Map<String, String> exampleSettings() {
        return Map.of("audit.directory", auditDirectory.toString(), "proxy.client.api-key", CLIENT_KEY);
    }

    @Test
    void each_request_gets_one_line_without_any_key() throws IOException {
        HttpResponse<String> whole = postMessages(Hello.request("claude-sonnet-4-5", false), "x-api-key", CLIENT_KEY);
        HttpResponse<String> streamed = postMessages(Hello.request("claude-sonnet-4-5", true),
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);

        Path file = auditDirectory.resolve("requests-" + LocalDate.now() + ".log");
        // the wire tap writes on another thread: the lines follow the answers
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file)
                && Files.readAllLines(file).size() == 2);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ .*"));
        assertThat(lines).map(line -> line.substring(line.indexOf(' ') + 1))
                .containsExactlyInAnyOrder(line(whole, false), line(streamed, true));
        assertThat(Files.readString(file)).doesNotContain(CLIENT_KEY, UPSTREAM_KEY, "Bearer", "x-api-key");
    }

    /** The line of one request, after its time stamp. */
    private static String line(HttpResponse<String> response, boolean stream) {
        String requestId = response.headers().firstValue("request-id").orElseThrow();
        return requestId + " model=claude-sonnet-4-5 provider=default upstream-model=gpt-4o stream=" + stream;
    }

    @AfterAll
    void removeAuditDirectory() throws IOException {
        for (Path file : Files.list(auditDirectory).toList()) {
            Files.delete(file);
        }
        Files.delete(auditDirectory);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("audit-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
