package dev.ccproxy.bench;

import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.tokens.TextTokens;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The proxy against a direct call to the same stub, in one run: {@code scripts/bench.sh} runs it. The proxy is the
 * packaged jar in its own process; the stub and the load generator share this JVM (all on the same cores, which is
 * pessimistic for the proxy). Scenarios follow the published gateway benchmarks (design/gateway-benchmarks.md):
 *
 * <ol>
 *   <li>added latency at concurrency 1, non-streaming, zero-delay stub (direct and proxy rounds interleaved);</li>
 *   <li>throughput at concurrency 16, non-streaming;</li>
 *   <li>streaming: 64 deltas 20 ms apart; added time to the first delta and added inter-delta gap;</li>
 *   <li>sustained streams: 512 at once; a stream counts when every delta arrives and no gap exceeds 10× the pacing;</li>
 *   <li>web search streams over the Responses API (the recorded search, 64 text deltas 20 ms apart): one at a time,
 *       and 256 at once;</li>
 *   <li>count_tokens on Claude Code's real 55 KB request: in-process (the first, uncached count and the cached ones)
 *       and through the proxy at concurrency 1 and 16;</li>
 *   <li>the proxy's resident memory, idle and after the load.</li>
 * </ol>
 */
public final class ProxyBenchmark {

    private static final String ANTHROPIC = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,%s"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
    private static final String OPENAI = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
            + "\"max_tokens\":256%s}";

    private static final String ANTHROPIC_SEARCH = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,"
            + "\"stream\":true,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":1}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Search the web\"}]}";
    private static final String OPENAI_SEARCH = "{\"model\":\"gpt-4o\",\"input\":\"Search the web\","
            + "\"tools\":[{\"type\":\"web_search\"}],\"include\":[\"web_search_call.action.sources\"],"
            + "\"max_output_tokens\":256,\"stream\":true}";
    private static final String UPSTREAM_TEXT_DELTA = "\"response.output_text.delta\"";

    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double warmup = Double.parseDouble(System.getProperty("bench.warmup", "15"));
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "3"));
        int rounds = Integer.getInteger("bench.rounds", 4);
        int streams = Integer.getInteger("bench.streams", 512);
        int deltas = 64;
        long gap = 20;
        Path out = Path.of("target/bench");
        Files.createDirectories(out);

        // the stub and the load generator each get their own event loop
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Vertx stubVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        BenchmarkStub stub = new BenchmarkStub(stubVertx, deltas, gap);
        int proxyPort = freePort();
        Process proxy = startProxy(stub.port(), proxyPort, out.resolve("proxy.log"));
        StringBuilder report = new StringBuilder();
        try {
            awaitHealthy(proxyPort, proxy);
            long idleRss = rssKb(proxy);
            LoadClient client = new LoadClient(vertx, 1024);
            String anthropic = ANTHROPIC.formatted("");
            String openai = OPENAI.formatted("");
            String anthropicStream = ANTHROPIC.formatted("\"stream\":true,");
            String openaiStream = OPENAI.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");

            System.out.printf("warming up for %.0f s%n", warmup);
            client.run(proxyPort, "/v1/messages", anthropic, 16, warmup * 0.7);
            System.out.println("warm-up: streams");
            client.streams(proxyPort, "/v1/messages", anthropicStream, 64, "text_delta");
            System.out.println("warm-up: direct");
            client.run(stub.port(), "/v1/chat/completions", openai, 16, warmup * 0.3);
            System.out.println("measuring");

            report.append("# claude-code-proxy benchmark\n\n")
                    .append("Proxy: `java -Xmx512m -XX:+UseParallelGC -jar target/claude-code-proxy.jar` (its own ")
                    .append("process). Stub and load generator: one Vert.x JVM. All on the same machine: ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n");

            // -Dbench.only=non-streaming|streams|web-search|count-tokens runs that part alone
            String only = System.getProperty("bench.only", "");
            // 1 and 2: non-streaming, interleaved rounds
            boolean nonStreaming = only.isEmpty() || only.equals("non-streaming");
            for (int users : nonStreaming ? new int[] {1, 16} : new int[0]) {
                List<Long> direct = new ArrayList<>();
                List<Long> viaProxy = new ArrayList<>();
                long proxyConnections = 0;
                for (int round = 0; round < rounds; round++) {
                    direct.addAll(client.run(stub.port(), "/v1/chat/completions", openai, users, seconds));
                    long before = stub.connections();
                    viaProxy.addAll(client.run(proxyPort, "/v1/messages", anthropic, users, seconds));
                    proxyConnections += stub.connections() - before;
                }
                String reuse = String.format(Locale.ROOT, "The proxy opened %d new upstream connections for %d "
                        + "requests (keep-alive).%n%n", proxyConnections, viaProxy.size());
                double time = seconds * rounds;
                report.append(String.format(Locale.ROOT, "## Non-streaming, concurrency %d%n%n", users))
                        .append("| path | requests/s | p50 | p90 | p99 |\n| --- | --- | --- | --- | --- |\n")
                        .append(row("direct to stub", direct, time))
                        .append(row("through the proxy", viaProxy, time))
                        .append(String.format(Locale.ROOT, "%nAdded by the proxy: p50 %s, p99 %s; throughput ratio "
                                        + "%.2f (proxy / direct).%n%n",
                                micros(percentile(viaProxy, 50) - percentile(direct, 50)),
                                micros(percentile(viaProxy, 99) - percentile(direct, 99)),
                                viaProxy.size() / (double) direct.size()))
                        .append(reuse);
            }

            if (only.isEmpty() || only.equals("streams")) {
                streamingScenarios(report, client, stub, proxy, proxyPort, anthropicStream, openaiStream, streams,
                        deltas, gap);
            }
            if (only.isEmpty() || only.equals("web-search")) {
                webSearchScenarios(report, client, stub, proxy, proxyPort, deltas, gap);
            }
            if (only.isEmpty() || only.equals("count-tokens")) {
                countTokensScenarios(report, client, proxyPort, seconds);
            }

            long loadedRss = rssKb(proxy);
            report.append(String.format(Locale.ROOT, "## Proxy memory%n%nResident: %d MiB idle after start-up, %d MiB "
                    + "after the runs above.%n", idleRss / 1024, loadedRss / 1024));
            client.close();
        } finally {
            proxy.destroy();
            proxy.waitFor(10, TimeUnit.SECONDS);
            stub.close();
            vertx.close();
            stubVertx.close();
        }
        Files.writeString(out.resolve("results.md"), report);
        System.out.println(report);
        System.out.println("(written to target/bench/results.md; the proxy's log is target/bench/proxy.log)");
    }

    /** 3 and 4: Chat Completions streams, one at a time, then a sweep of streams at once up to {@code streams}. */
    private static void streamingScenarios(StringBuilder report, LoadClient client, BenchmarkStub stub, Process proxy,
            int proxyPort, String anthropicStream, String openaiStream, int streams, int deltas, long gap)
            throws IOException {
        // 3: streaming at concurrency 1
        List<LoadClient.StreamTiming> directOne = new ArrayList<>();
        List<LoadClient.StreamTiming> proxyOne = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            directOne.addAll(client.streams(stub.port(), "/v1/chat/completions", openaiStream, 1, "\" token\""));
            proxyOne.addAll(client.streams(proxyPort, "/v1/messages", anthropicStream, 1, "text_delta"));
        }
        report.append("## Streaming, one at a time (64 deltas, 20 ms apart, 10 streams each)\n\n")
                .append(streamTable(directOne, proxyOne, deltas, gap));

        // 4: sustained streams, a sweep up to the target (a stream is whole when no gap exceeds 10x the pacing)
        report.append("## Sustained streams\n\n").append("Streams started at once, 64 deltas 20 ms apart each. ")
                .append("Proxy CPU is the proxy process's user + system time during its run.\n\n");
        for (int level = 64; level <= streams; level *= 2) {
            List<LoadClient.StreamTiming> directMany = client.streams(stub.port(), "/v1/chat/completions",
                    openaiStream, level, "\" token\"");
            long cpuBefore = cpuMillis(proxy);
            List<LoadClient.StreamTiming> proxyMany = client.streams(proxyPort, "/v1/messages", anthropicStream,
                    level, "text_delta");
            long cpu = cpuMillis(proxy) - cpuBefore;
            report.append(String.format(Locale.ROOT, "### %d at once (proxy CPU %.1f s for %d deltas: %.0f µs a "
                            + "delta)%n%n", level, cpu / 1000.0, level * deltas, cpu * 1000.0 / (level * deltas)))
                    .append(streamTable(directMany, proxyMany, deltas, gap));
            if (level < streams && level * 2 > streams) {
                level = streams / 2;
            }
        }
    }

    /** 6: count_tokens: the counter alone (cold, then cached), then through the proxy. */
    private static void countTokensScenarios(StringBuilder report, LoadClient client, int proxyPort, double seconds)
            throws IOException {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/claude-code/plain-text.json"));
        RequestTokens counter = new RequestTokens(new TextTokens(64L * 1024 * 1024));
        long start = System.nanoTime();
        int count = counter.count(MessagesRequestReader.readForCounting(body));
        long cold = System.nanoTime() - start;
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long t0 = System.nanoTime();
            counter.count(MessagesRequestReader.readForCounting(body));
            warm.add(System.nanoTime() - t0);
        }
        // the same request with a cache too small to hold anything: what a never-seen request costs once warm
        RequestTokens uncachedCounter = new RequestTokens(new TextTokens(0));
        List<Long> uncached = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long t0 = System.nanoTime();
            uncachedCounter.count(MessagesRequestReader.readForCounting(body));
            uncached.add(System.nanoTime() - t0);
        }
        report.append(String.format(Locale.ROOT, "## count_tokens (Claude Code's %d KB request: %d tokens)%n%n"
                        + "In process, parsing included: the first count in this JVM %s (cold JIT, uncached); "
                        + "once warm, uncached p50 %s, p99 %s (500 counts); cached by content p50 %s, p99 %s "
                        + "(2000 counts).%n%n", body.length / 1024, count, micros(cold),
                micros(percentile(uncached.subList(100, uncached.size()), 50)),
                micros(percentile(uncached.subList(100, uncached.size()), 99)),
                micros(percentile(warm.subList(200, warm.size()), 50)),
                micros(percentile(warm.subList(200, warm.size()), 99))))
                .append("| through the proxy | requests/s | p50 | p90 | p99 |\n| --- | --- | --- | --- | --- |\n");
        String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        client.run(proxyPort, "/v1/messages/count_tokens", json, 4, Math.max(2, seconds));
        for (int users : new int[] {1, 16}) {
            List<Long> latencies = client.run(proxyPort, "/v1/messages/count_tokens", json, users, seconds);
            report.append(row("concurrency " + users, latencies, seconds));
        }
        report.append('\n');
    }

    /** 5: web search streams over the Responses API, one at a time and 256 at once. */
    private static void webSearchScenarios(StringBuilder report, LoadClient client, BenchmarkStub stub,
            Process proxy, int proxyPort, int deltas, long gap) throws IOException {
        client.streams(proxyPort, "/v1/messages", ANTHROPIC_SEARCH, 32, "text_delta");
        List<LoadClient.StreamTiming> directOne = new ArrayList<>();
        List<LoadClient.StreamTiming> proxyOne = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            directOne.addAll(client.streams(stub.port(), "/v1/responses", OPENAI_SEARCH, 1, UPSTREAM_TEXT_DELTA));
            proxyOne.addAll(client.streams(proxyPort, "/v1/messages", ANTHROPIC_SEARCH, 1, "text_delta"));
        }
        report.append("## Web search streams (Responses API), one at a time (the recorded search, then 64 text ")
                .append("deltas 20 ms apart; 10 streams each)\n\n")
                .append("Through the proxy the search becomes server_tool_use, web_search_tool_result and text blocks ")
                .append("with citations; the first event timed is the first text delta.\n\n")
                .append(streamTable(directOne, proxyOne, deltas, gap));
        int level = 256;
        List<LoadClient.StreamTiming> directMany = client.streams(stub.port(), "/v1/responses", OPENAI_SEARCH, level,
                UPSTREAM_TEXT_DELTA);
        long cpuBefore = cpuMillis(proxy);
        List<LoadClient.StreamTiming> proxyMany = client.streams(proxyPort, "/v1/messages", ANTHROPIC_SEARCH, level,
                "text_delta");
        long cpu = cpuMillis(proxy) - cpuBefore;
        report.append(String.format(Locale.ROOT, "### %d web search streams at once (proxy CPU %.1f s for %d deltas: "
                        + "%.0f µs a delta)%n%n", level, cpu / 1000.0, level * deltas, cpu * 1000.0 / (level * deltas)))
                .append(streamTable(directMany, proxyMany, deltas, gap));
    }

    private static String streamTable(List<LoadClient.StreamTiming> direct, List<LoadClient.StreamTiming> proxy,
            int deltas, long gapMillis) {
        return "| path | streams whole | first delta p50 | first delta p99 | gap p50 | gap p99 | max gap |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n"
                + streamRow("direct to stub", direct, deltas, gapMillis)
                + streamRow("through the proxy", proxy, deltas, gapMillis)
                + String.format(Locale.ROOT, "%nAdded by the proxy: first delta p50 %s, p99 %s; gap p99 %s.%n%n",
                micros(percentile(firsts(proxy), 50) - percentile(firsts(direct), 50)),
                micros(percentile(firsts(proxy), 99) - percentile(firsts(direct), 99)),
                micros(percentile(gaps(proxy), 99) - percentile(gaps(direct), 99)));
    }

    private static String streamRow(String name, List<LoadClient.StreamTiming> timings, int deltas, long gapMillis) {
        long limit = TimeUnit.MILLISECONDS.toNanos(gapMillis * 10);
        long whole = timings.stream().filter(t -> t.complete() && t.events() == deltas
                && t.gapsNanos().stream().allMatch(gap -> gap <= limit)).count();
        List<Long> gaps = gaps(timings);
        return String.format(Locale.ROOT, "| %s | %d / %d | %s | %s | %s | %s | %s |%n", name, whole, timings.size(),
                millis(percentile(firsts(timings), 50)), millis(percentile(firsts(timings), 99)),
                millis(percentile(gaps, 50)), millis(percentile(gaps, 99)),
                millis(gaps.stream().mapToLong(Long::longValue).max().orElse(0)));
    }

    private static List<Long> firsts(List<LoadClient.StreamTiming> timings) {
        return timings.stream().map(LoadClient.StreamTiming::firstEventNanos).filter(t -> t >= 0).toList();
    }

    private static List<Long> gaps(List<LoadClient.StreamTiming> timings) {
        return timings.stream().flatMap(t -> t.gapsNanos().stream()).toList();
    }

    private static String row(String name, List<Long> latencies, double seconds) {
        return String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s |%n", name, latencies.size() / seconds,
                micros(percentile(latencies, 50)), micros(percentile(latencies, 90)), micros(percentile(latencies, 99)));
    }

    private static long percentile(List<Long> values, double percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100 * sorted.size()) - 1));
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%d µs", nanos / 1000);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static Process startProxy(int stubPort, int proxyPort, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseParallelGC"));
        // -Dbench.proxy-jvm="-XX:StartFlightRecording=filename=p.jfr,settings=profile,dumponexit=true" adds JVM options
        for (String option : System.getProperty("bench.proxy-jvm", "").split(" ")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", "target/claude-code-proxy.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPENAI_BASE_URL", "http://127.0.0.1:" + stubPort + "/v1");
        builder.environment().put("OPENAI_API_KEY", "sk-bench");
        builder.environment().put("PORT", Integer.toString(proxyPort));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().remove("ANTHROPIC_API_KEY");
        // -Dbench.proxy-env=LOG_LEVEL=WARN,MAX_RETRIES=0 runs the proxy with other settings
        for (String setting : System.getProperty("bench.proxy-env", "").split(",")) {
            if (setting.contains("=")) {
                builder.environment().put(setting.substring(0, setting.indexOf('=')),
                        setting.substring(setting.indexOf('=') + 1));
            }
        }
        return builder.start();
    }

    private static void awaitHealthy(int port, Process proxy) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && proxy.isAlive()) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            proxy.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("the proxy did not start; see target/bench/proxy.log");
    }

    private static long rssKb(Process process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** User + system CPU time of a process so far, from /proc (Linux). */
    private static long cpuMillis(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / 100;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
