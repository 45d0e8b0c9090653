package dev.ccproxy.testsupport;

import org.apache.camel.test.AvailablePortFinder;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code target/claude-code-proxy.jar} as a real process, configured only the way users configure it: a working
 * directory, environment variables and the JVM's command line. No system properties of the test's, no test hooks; its
 * output goes to a log file.
 */
public final class LaunchedProxy implements AutoCloseable {

    public static final Path JAR = Path.of("target/claude-code-proxy.jar").toAbsolutePath();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final Path log;

    private LaunchedProxy(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code java -Xmx256m -jar target/claude-code-proxy.jar} in {@code workDir}, with only {@code env} (and PATH). */
    public static LaunchedProxy start(Path workDir, Map<String, String> env) throws IOException {
        return start(List.of(java(), "-Xmx256m", "-jar", JAR.toString()), workDir, env);
    }

    /**
     * {@code command} as given in {@code workDir}, in a clean environment: only {@code env}, plus PATH (and a free
     * {@code PROXY_MANAGEMENT_PORT} when {@code env} has none, so that proxies started side by side never share one).
     */
    public static LaunchedProxy start(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        assertThat(JAR).as("run ./mvnw package first").exists();
        Path log = Files.createTempFile("proxy-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> !key.equals("PATH"));
        builder.environment().putAll(env);
        // the management server (metrics) on a free port of its own, unless the caller names one
        builder.environment().putIfAbsent("PROXY_MANAGEMENT_PORT",
                Integer.toString(AvailablePortFinder.getNextAvailable()));
        return new LaunchedProxy(builder.start(), log);
    }

    /** The JVM running the tests: the one the jar is built and measured with. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until {@code GET /health} answers 200 on {@code port}; fails at once, with the log, if the process ends. */
    public void awaitHealthy(int port) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreException(ConnectException.class).untilAsserted(() -> {
                    assertThat(process.isAlive()).as("proxy process alive; log:%n%s", output()).isTrue();
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).isEqualTo(200);
                });
    }

    public Process process() {
        return process;
    }

    /** Everything the process printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
