package dev.ccproxy.bench;

import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.tokens.TextTokens;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.ccproxy.bench.BenchResults.micros;
import static dev.ccproxy.bench.BenchResults.ms;

/**
 * The proxy against a direct call to the same stub, in one run: {@code scripts/bench.sh} runs it whole,
 * {@code ScaleBenchmarkIT} runs it short. Three processes: the proxy (the packaged jar, started as a user starts it),
 * the stub, and this JVM as the load generator, all on the same cores (pessimistic for the proxy). Parts:
 *
 * <ol>
 *   <li>start-up: fresh proxy processes timed from their start to the first {@code /health} 200; resident memory
 *       once idle;</li>
 *   <li>non-streaming: added latency at concurrency 1 (direct and proxy rounds interleaved), throughput at 16;</li>
 *   <li>streams: one at a time (64 deltas 20 ms apart), then the sweep: each level's streams (10 deltas 500 ms apart,
 *       starts spread over 2 s) direct and through the proxy; whole, refused (529) and broken streams, first delta and
 *       gaps, the proxy's peak resident memory; the knee is the first level where a stream breaks;</li>
 *   <li>cpu: 256 streams of 100 deltas 20 ms apart, the proxy's CPU time divided by the deltas relayed;</li>
 *   <li>overload: a second proxy with {@code PROXY_SERVER_MAX_CONCURRENT_REQUESTS=64} and 160 streams at once;</li>
 *   <li>web search streams over the Responses API, one at a time and 256 at once; count_tokens.</li>
 * </ol>
 */
public final class ProxyBenchmark {

    private static final String ANTHROPIC = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,%s"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello %s\"}]}";
    private static final String OPENAI = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Say hello %s\"}],\"max_tokens\":256%s}";
    private static final String STREAM = "\"stream\":true,";
    private static final String OPENAI_STREAM = ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";

    private static final String ANTHROPIC_SEARCH = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,"
            + "\"stream\":true,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":1}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Search the web bench:64x20\"}]}";
    private static final String OPENAI_SEARCH = "{\"model\":\"gpt-4o\",\"input\":\"Search the web bench:64x20\","
            + "\"tools\":[{\"type\":\"web_search\"}],\"include\":[\"web_search_call.action.sources\"],"
            + "\"max_output_tokens\":256,\"stream\":true}";

    /** What marks a content delta and the end of an answer, upstream and through the proxy. */
    private static final String UPSTREAM_DELTA = "\" token\"";
    private static final String UPSTREAM_END = "[DONE]";
    private static final String UPSTREAM_TEXT_DELTA = "\"response.output_text.delta\"";
    private static final String UPSTREAM_COMPLETED = "\"response.completed\"";
    private static final String PROXY_DELTA = "text_delta";
    private static final String PROXY_END = "message_stop";

    private final BenchOptions options;
    private final BenchResults results = new BenchResults();
    private final StringBuilder report = new StringBuilder();

    private ProxyBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = "short".equals(System.getProperty("bench.mode")) ? BenchOptions.quick()
                : BenchOptions.full();
        run(options);
        System.out.println(Files.readString(options.out().resolve("results.md")));
        System.out.println("(written to " + options.out().resolve("results.md") + " and streams.svg; the proxy's log"
                + " is proxy.log there)");
        System.exit(0);
    }

    /** Runs the parts the options name; writes results.md (and streams.svg after a sweep) to the options' folder. */
    static BenchResults run(BenchOptions options) throws Exception {
        Files.createDirectories(options.out());
        return new ProxyBenchmark(options).measure();
    }

    private BenchResults measure() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        LoadClient client = new LoadClient(vertx);
        // two stubs, identical: one the load generator calls directly, one behind the proxy, so that neither holds
        // the other's connections (at 16k streams each is near the file descriptors a process may open)
        try (BenchProcess stub = BenchProcess.stub(options.out().resolve("stub.log"));
                BenchProcess upstream = BenchProcess.stub(options.out().resolve("upstream.log"))) {
            if (options.runs("startup")) {
                startup(upstream);
            }
            try (BenchProcess proxy = startProxy(upstream, Map.of(), "proxy.log")) {
                long healthy = proxy.awaitHealthy(options.out().resolve("proxy.log"));
                if (results.idleRssKb < 0) {
                    results.idleRssKb = idleRss(proxy);
                }
                System.out.printf("proxy up in %s%n", ms(healthy));
                warmUp(client, stub, proxy);
                if (options.runs("non-streaming")) {
                    nonStreaming(client, stub, proxy);
                }
                if (options.runs("streams")) {
                    oneStreamAtATime(client, stub, proxy);
                    sweep(client, stub, proxy);
                }
                if (options.runs("cpu")) {
                    cpuPerDelta(client, upstream, proxy);
                }
                if (options.runs("web-search")) {
                    webSearch(client, stub, proxy);
                }
                if (options.runs("count-tokens")) {
                    countTokens(client, proxy);
                }
                results.finalRssKb = proxy.rssKb();
            }
            if (options.runs("overload")) {
                overload(client, upstream);
            }
        } finally {
            client.close();
            vertx.close();
        }
        String header = "# claude-code-proxy benchmark\n\n" + String.format(Locale.ROOT, "%s, %d cores, %s. Proxy: "
                        + "`java %s-jar %s` (Java %s%s), its own process; two identical stubs (Vert.x, one event loop; one "
                        + "called directly, one behind the proxy) and the load generator (Vert.x) are three more "
                        + "processes on the same cores.%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), machine(), String.join(" ", options.proxyJvm())
                        + (options.proxyJvm().isEmpty() ? "" : " "), options.jar(), javaVersion(),
                options.proxyJvm().equals(BenchOptions.recommendedJvm(options.jar())) ? "; the README's command"
                        : options.proxyJvm().isEmpty() ? "; the JVM's defaults" : "") + "## Summary\n\n"
                + results.summary() + "\n";
        Files.writeString(options.out().resolve("results.md"), header + report);
        if (!results.levels.isEmpty()) {
            Files.writeString(options.out().resolve("streams.svg"), StreamChart.svg(results.levels, String.format(
                    Locale.ROOT, "%d deltas %d ms apart, starts spread over %.0f s; %s, %d cores, %s", options.deltas(),
                    options.gapMillis(), options.spreadMillis() / 1000.0, LocalDate.now(),
                    Runtime.getRuntime().availableProcessors(), machine())));
        }
        return results;
    }

    private BenchProcess startProxy(BenchProcess upstream, Map<String, String> env, String log) throws Exception {
        Map<String, String> all = new HashMap<>(options.proxyEnv());
        all.putAll(env);
        return BenchProcess.proxy(options.java(), options.proxyJvm(), options.jar(), upstream.port(), all,
                options.out().resolve(log));
    }

    /** Fresh processes: the time to the first {@code /health} 200, and the resident memory once idle. */
    private void startup(BenchProcess upstream) throws Exception {
        for (int i = 0; i < options.startups(); i++) {
            try (BenchProcess proxy = startProxy(upstream, Map.of(), "startup.log")) {
                results.startupNanos.add(proxy.awaitHealthy(options.out().resolve("startup.log")));
                if (i == options.startups() - 1) {
                    results.idleRssKb = idleRss(proxy);
                }
            }
        }
        report.append("## Start-up\n\n").append(String.format(Locale.ROOT, "From the process's start to the first "
                        + "`GET /health` 200: %s (each of %d fresh starts: %s). Resident memory once idle (2 s after): "
                        + "%d MiB.%n%n", ms(results.medianStartupNanos()), results.startupNanos.size(),
                String.join(", ", results.startupNanos.stream().map(BenchResults::ms).toList()),
                results.idleRssKb / 1024));
    }

    /** What start-up left behind once the process has settled, before any request. */
    private static long idleRss(BenchProcess proxy) throws InterruptedException {
        proxy.settle(2000);
        return proxy.rssKb();
    }

    private void warmUp(LoadClient client, BenchProcess stub, BenchProcess proxy) {
        double seconds = Math.max(3, options.seconds() * 1.5);
        System.out.printf("warming up for %.0f s%n", seconds * 1.3);
        client.run(proxy.port(), "/v1/messages", anthropic(false, ""), 16, seconds);
        client.streams(proxy.port(), "/v1/messages", anthropic(true, "bench:20x5"), 128, 200, PROXY_DELTA, PROXY_END);
        client.run(stub.port(), "/v1/chat/completions", openai(false, ""), 16, seconds * 0.3);
    }

    private void nonStreaming(LoadClient client, BenchProcess stub, BenchProcess proxy) {
        String anthropic = anthropic(false, "");
        String openai = openai(false, "");
        for (int users : new int[] {1, 16}) {
            List<Long> direct = new ArrayList<>();
            List<Long> viaProxy = new ArrayList<>();
            for (int round = 0; round < options.rounds(); round++) {
                direct.addAll(client.run(stub.port(), "/v1/chat/completions", openai, users, options.seconds()));
                viaProxy.addAll(client.run(proxy.port(), "/v1/messages", anthropic, users, options.seconds()));
            }
            double time = options.seconds() * options.rounds();
            long addedP50 = StreamRun.percentile(viaProxy, 50) - StreamRun.percentile(direct, 50);
            long addedP99 = StreamRun.percentile(viaProxy, 99) - StreamRun.percentile(direct, 99);
            double ratio = viaProxy.size() / (double) direct.size();
            if (users == 1) {
                results.addedP50OneNanos = addedP50;
                results.addedP99OneNanos = addedP99;
            } else {
                results.throughputRatio16 = ratio;
            }
            report.append(String.format(Locale.ROOT, "## Non-streaming, concurrency %d%n%n", users))
                    .append("| path | requests/s | p50 | p90 | p99 |\n| --- | --- | --- | --- | --- |\n")
                    .append(latencyRow("direct to stub", direct, time))
                    .append(latencyRow("through the proxy", viaProxy, time))
                    .append(String.format(Locale.ROOT, "%nAdded by the proxy: p50 %s, p99 %s; throughput ratio %.2f "
                            + "(proxy / direct).%n%n", micros(addedP50), micros(addedP99), ratio));
        }
    }

    private void oneStreamAtATime(LoadClient client, BenchProcess stub, BenchProcess proxy) {
        List<LoadClient.StreamTiming> direct = new ArrayList<>();
        List<LoadClient.StreamTiming> viaProxy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            direct.addAll(client.streams(stub.port(), "/v1/chat/completions", openai(true, "bench:64x20"), 1, 0,
                    UPSTREAM_DELTA, UPSTREAM_END));
            viaProxy.addAll(client.streams(proxy.port(), "/v1/messages", anthropic(true, "bench:64x20"), 1, 0,
                    PROXY_DELTA, PROXY_END));
        }
        report.append("## Streaming, one at a time (64 deltas, 20 ms apart, 10 streams each)\n\n")
                .append(streamTable(new StreamRun(direct, 64, 20), new StreamRun(viaProxy, 64, 20)));
    }

    /** The levels of the sweep, each direct then through the proxy, with the proxy's peak memory and CPU. */
    private void sweep(LoadClient client, BenchProcess stub, BenchProcess proxy) throws InterruptedException {
        String pacing = "bench:" + options.deltas() + "x" + options.gapMillis();
        report.append(String.format(Locale.ROOT, "## Concurrent streams%n%nEach stream: %d deltas %d ms apart; a "
                        + "level's starts are spread over %.1f s. Whole: every delta, the end of the answer, no gap over "
                        + "%d× the pacing. Refused: a 529 (admission control). Broken: anything else.%n%n"
                        + "![streams](streams.svg)%n%n| streams | path | whole | refused | broken | first delta p50 | "
                        + "first delta p99 | gap p50 | gap p99 | max gap | proxy peak RSS | proxy CPU a delta |%n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |%n",
                options.deltas(), options.gapMillis(), options.spreadMillis() / 1000.0, StreamRun.STALL_FACTOR));
        StringBuilder added = new StringBuilder();
        for (int level : options.levels()) {
            System.out.printf("sweep: %d streams%n", level);
            StreamRun direct = new StreamRun(client.streams(stub.port(), "/v1/chat/completions",
                    openai(true, pacing), level, options.spreadMillis(), UPSTREAM_DELTA, UPSTREAM_END),
                    options.deltas(), options.gapMillis());
            long cpuBefore = proxy.cpuMillis();
            proxy.startPeakRss();
            StreamRun viaProxy = new StreamRun(client.streams(proxy.port(), "/v1/messages", anthropic(true, pacing),
                    level, options.spreadMillis(), PROXY_DELTA, PROXY_END), options.deltas(), options.gapMillis());
            long peak = proxy.stopPeakRss();
            long cpu = proxy.cpuMillis() - cpuBefore;
            long relayed = viaProxy.whole() * options.deltas();
            double perDelta = relayed == 0 ? -1 : cpu * 1000.0 / relayed;
            results.levels.add(new StreamChart.Level(level, direct, viaProxy));
            results.levelPeakRssKb.add(peak);
            results.levelCpuMicrosPerDelta.add(perDelta);
            report.append(sweepRow(level, "direct", direct, "", ""))
                    .append(sweepRow(level, "proxy", viaProxy, peak / 1024 + " MiB",
                            String.format(Locale.ROOT, "%.0f µs", perDelta)));
            added.append(String.format(Locale.ROOT, "- %d streams: added first delta p50 %s, p99 %s; added gap p99 "
                            + "%s.%n", level, ms(viaProxy.firstDelta(50) - direct.firstDelta(50)),
                    ms(viaProxy.firstDelta(99) - direct.firstDelta(99)), ms(viaProxy.gap(99) - direct.gap(99))));
            if (!proxy.alive()) {
                report.append("\nThe proxy process died at this level.\n");
                break;
            }
        }
        report.append('\n').append(added).append(String.format(Locale.ROOT, "%nThe knee (the first level at which a "
                + "stream through the proxy broke): %s.%n%n", results.knee() < 0 ? "none" : results.knee()));
    }

    /** Proxy CPU time per relayed delta, with streams enough to amortise their set-up as a long answer does. */
    private void cpuPerDelta(LoadClient client, BenchProcess upstream, BenchProcess proxy) throws Exception {
        String pacing = "bench:" + options.cpuDeltas() + "x20";
        // unmeasured first, so that the JIT has compiled the path (on 2 cores its compiler threads take seconds of CPU)
        for (int i = 0; i < Integer.getInteger("bench.cpu-warmups", 5); i++) {
            client.streams(proxy.port(), "/v1/messages", anthropic(true, pacing), options.cpuStreams(), 1000,
                    PROXY_DELTA, PROXY_END);
        }
        // -Dbench.profile=cpu.jfr records this run (JFR's profile settings) into the output folder
        String profile = System.getProperty("bench.profile", "");
        if (!profile.isBlank()) {
            proxy.startRecording(options.java(), options.out().resolve(profile));
        }
        // measured three times: the median, because the machine is shared with the stubs and the load generator
        long deltas = (long) options.cpuStreams() * options.cpuDeltas();
        List<Double> perDelta = new ArrayList<>();
        List<Double> upstreamPerDelta = new ArrayList<>();
        StreamRun run = null;
        Map<String, Long> threadsBefore = proxy.cpuMillisByThread();
        for (int i = 0; i < 3; i++) {
            long before = proxy.cpuMillis();
            long upstreamBefore = upstream.cpuMillis();
            run = new StreamRun(client.streams(proxy.port(), "/v1/messages", anthropic(true, pacing),
                    options.cpuStreams(), 1000, PROXY_DELTA, PROXY_END), options.cpuDeltas(), 20);
            perDelta.add((proxy.cpuMillis() - before) * 1000.0 / deltas);
            upstreamPerDelta.add((upstream.cpuMillis() - upstreamBefore) * 1000.0 / deltas);
        }
        Map<String, Long> threadsAfter = proxy.cpuMillisByThread();
        if (!profile.isBlank()) {
            proxy.stopRecording(options.java());
        }
        results.cpuMicrosPerDelta = perDelta.stream().sorted().toList().get(1);
        results.cpuRun = run;
        report.append(String.format(Locale.ROOT, "## Proxy CPU per relayed delta%n%n%d streams × %d deltas 20 ms "
                        + "apart (starts spread over 1 s), run to warm up, then measured three times (%d whole the "
                        + "last time): the proxy process used **%.1f µs of CPU (user + system) a delta** (median; %s), "
                        + "stream set-up included. For scale, the stub behind it used %.1f µs a delta to send them (a "
                        + "timer and a write each; on loopback a write also pays for the reader's side of TCP).%n%n",
                options.cpuStreams(), options.cpuDeltas(), run.whole(), results.cpuMicrosPerDelta,
                String.join(", ", perDelta.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()),
                upstreamPerDelta.stream().sorted().toList().get(1)));
        long all = deltas * 3;
        report.append("By thread (µs a delta): ");
        List<String> parts = new ArrayList<>();
        threadsAfter.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - threadsBefore.getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> parts.add(String.format(Locale.ROOT, "%s %.1f", entry.getKey().trim(),
                        entry.getValue() * 1000.0 / all)));
        report.append(String.join(", ", parts)).append(".\n\n");
    }

    /** A second proxy with a limit of 64 requests in flight, and 160 streams at once. */
    private void overload(LoadClient client, BenchProcess upstream) throws Exception {
        int limit = 64;
        int offered = 160;
        try (BenchProcess proxy = startProxy(upstream, Map.of("PROXY_SERVER_MAX_CONCURRENT_REQUESTS",
                Integer.toString(limit)), "proxy-overload.log")) {
            proxy.awaitHealthy(options.out().resolve("proxy-overload.log"));
            client.streams(proxy.port(), "/v1/messages", anthropic(true, "bench:10x5"), limit, 100, PROXY_DELTA,
                    PROXY_END);
            StreamRun run = new StreamRun(client.streams(proxy.port(), "/v1/messages", anthropic(true,
                    "bench:10x500"), offered, 0, PROXY_DELTA, PROXY_END), 10, 500);
            results.overload = run;
            results.overloadLimit = limit;
            report.append(String.format(Locale.ROOT, "## Overload%n%nA proxy started with "
                            + "`PROXY_SERVER_MAX_CONCURRENT_REQUESTS=%d`, %d streams at once (10 deltas 500 ms apart): "
                            + "%d whole, %d refused with 529 (the slowest refusal after %s), %d broken.%n%n", limit,
                    offered, run.whole(), run.refused(), ms(run.slowestRefusalNanos()), run.broken()));
        }
    }

    private void webSearch(LoadClient client, BenchProcess stub, BenchProcess proxy) {
        client.streams(proxy.port(), "/v1/messages", ANTHROPIC_SEARCH, 32, 0, PROXY_DELTA, PROXY_END);
        List<LoadClient.StreamTiming> direct = new ArrayList<>();
        List<LoadClient.StreamTiming> viaProxy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            direct.addAll(client.streams(stub.port(), "/v1/responses", OPENAI_SEARCH, 1, 0, UPSTREAM_TEXT_DELTA,
                    UPSTREAM_COMPLETED));
            viaProxy.addAll(client.streams(proxy.port(), "/v1/messages", ANTHROPIC_SEARCH, 1, 0, PROXY_DELTA,
                    PROXY_END));
        }
        report.append("## Web search streams (Responses API)\n\nThe recorded search, then 64 text deltas 20 ms apart. "
                        + "Through the proxy the search becomes server_tool_use, web_search_tool_result and text blocks "
                        + "with citations; the first event timed is the first text delta.\n\nOne at a time:\n\n")
                .append(streamTable(new StreamRun(direct, 64, 20), new StreamRun(viaProxy, 64, 20)));
        int level = 256;
        StreamRun directMany = new StreamRun(client.streams(stub.port(), "/v1/responses", OPENAI_SEARCH, level, 0,
                UPSTREAM_TEXT_DELTA, UPSTREAM_COMPLETED), 64, 20);
        long before = proxy.cpuMillis();
        StreamRun proxyMany = new StreamRun(client.streams(proxy.port(), "/v1/messages", ANTHROPIC_SEARCH, level, 0,
                PROXY_DELTA, PROXY_END), 64, 20);
        long cpu = proxy.cpuMillis() - before;
        report.append(String.format(Locale.ROOT, "%d at once (proxy CPU %.1f s for %d deltas: %.0f µs a delta):%n%n",
                level, cpu / 1000.0, level * 64, cpu * 1000.0 / (level * 64))).append(streamTable(directMany,
                proxyMany));
    }

    private void countTokens(LoadClient client, BenchProcess proxy) throws Exception {
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
        // a cache too small to hold anything: what a never-seen request costs once warm
        RequestTokens uncachedCounter = new RequestTokens(new TextTokens(0));
        List<Long> uncached = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long t0 = System.nanoTime();
            uncachedCounter.count(MessagesRequestReader.readForCounting(body));
            uncached.add(System.nanoTime() - t0);
        }
        report.append(String.format(Locale.ROOT, "## count_tokens (Claude Code's %d KB request: %d tokens)%n%n"
                        + "In process, parsing included: the first count in this JVM %s (cold JIT, uncached); once "
                        + "warm, uncached p50 %s, p99 %s (500 counts); cached by content p50 %s, p99 %s (2000 "
                        + "counts).%n%n", body.length / 1024, count, micros(cold),
                micros(StreamRun.percentile(uncached.subList(100, uncached.size()), 50)),
                micros(StreamRun.percentile(uncached.subList(100, uncached.size()), 99)),
                micros(StreamRun.percentile(warm.subList(200, warm.size()), 50)),
                micros(StreamRun.percentile(warm.subList(200, warm.size()), 99))))
                .append("| through the proxy | requests/s | p50 | p90 | p99 |\n| --- | --- | --- | --- | --- |\n");
        String json = new String(body, StandardCharsets.UTF_8);
        client.run(proxy.port(), "/v1/messages/count_tokens", json, 4, Math.max(1, options.seconds()));
        for (int users : new int[] {1, 16}) {
            List<Long> latencies = client.run(proxy.port(), "/v1/messages/count_tokens", json, users,
                    options.seconds());
            report.append(latencyRow("concurrency " + users, latencies, options.seconds()));
        }
        report.append('\n');
    }

    private static String anthropic(boolean stream, String pacing) {
        return ANTHROPIC.formatted(stream ? STREAM : "", pacing);
    }

    private static String openai(boolean stream, String pacing) {
        return OPENAI.formatted(pacing, stream ? OPENAI_STREAM : "");
    }

    private static String streamTable(StreamRun direct, StreamRun proxy) {
        return "| path | whole | first delta p50 | first delta p99 | gap p50 | gap p99 | max gap |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n"
                + streamRow("direct to stub", direct) + streamRow("through the proxy", proxy)
                + String.format(Locale.ROOT, "%nAdded by the proxy: first delta p50 %s, p99 %s; gap p99 %s.%n%n",
                ms(proxy.firstDelta(50) - direct.firstDelta(50)), ms(proxy.firstDelta(99) - direct.firstDelta(99)),
                ms(proxy.gap(99) - direct.gap(99)));
    }

    private static String streamRow(String name, StreamRun run) {
        return String.format(Locale.ROOT, "| %s | %d / %d | %s | %s | %s | %s | %s |%n", name, run.whole(),
                run.count(), ms(run.firstDelta(50)), ms(run.firstDelta(99)), ms(run.gap(50)), ms(run.gap(99)),
                ms(run.maxGap()));
    }

    private static String sweepRow(int level, String path, StreamRun run, String rss, String cpu) {
        return String.format(Locale.ROOT, "| %d | %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s |%n", level,
                path, run.whole(), run.refused(), run.broken(), ms(run.firstDelta(50)), ms(run.firstDelta(99)),
                ms(run.gap(50)), ms(run.gap(99)), ms(run.maxGap()), rss, cpu);
    }

    private static String latencyRow(String name, List<Long> latencies, double seconds) {
        return String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s |%n", name, latencies.size() / seconds,
                micros(StreamRun.percentile(latencies, 50)), micros(StreamRun.percentile(latencies, 90)),
                micros(StreamRun.percentile(latencies, 99)));
    }

    private static String machine() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception unknown) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private String javaVersion() {
        try {
            Process version = new ProcessBuilder(options.java(), "-version").redirectErrorStream(true).start();
            String first = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("?");
            version.waitFor();
            return first.replaceAll(".*version \"([^\"]+)\".*", "$1");
        } catch (Exception unknown) {
            return "?";
        }
    }
}
