package dev.ccproxy.routes;

import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 512 streams at once, each lasting about six seconds upstream. All 512 must be open upstream at the same moment, and
 * every client must get its first text long before any stream could finish: both fail as soon as streams queue for a
 * worker thread or an upstream connection (Vert.x's default is 20 workers, camel-http's 20 connections per route).
 */
class ConcurrentStreamsTest extends ScriptedRouteTestSupport {

    private static final int STREAMS = 512;
    private static final Duration GAP = Duration.ofMillis(250);
    private static final int PIECES = 20;

    private static final ScriptedUpstream.Sse ANSWER = ScriptedUpstream.sse(GAP, Chunks.answer(
            java.util.stream.IntStream.range(0, PIECES).mapToObj(i -> " " + i).toArray(String[]::new)));

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        return ANSWER;
    }

    @Test
    void serves_512_concurrent_streams_without_queueing() throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}";
        ExecutorService clients = Executors.newFixedThreadPool(STREAMS);
        // warm up (class loading, JIT) so that the measurement is of the proxy, not of a cold JVM
        List<Future<SseClient.Result>> warmUp = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            warmUp.add(clients.submit(() -> SseClient.stream(proxy("/v1/messages"), body)));
        }
        for (Future<SseClient.Result> future : warmUp) {
            assertThat(future.get(60, TimeUnit.SECONDS).response().statusCode()).isEqualTo(200);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SseClient.Result>> results = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            results.add(clients.submit(() -> {
                go.await();
                return SseClient.stream(proxy("/v1/messages"), body);
            }));
        }
        long start = System.nanoTime();
        go.countDown();

        List<Long> firstText = new ArrayList<>();
        for (Future<SseClient.Result> future : results) {
            SseClient.Result result = future.get(60, TimeUnit.SECONDS);
            assertThat(result.response().statusCode()).isEqualTo(200);
            AnthropicStreamInvariants.assertValid(result.wire());
            assertThat(result.named("content_block_delta")).hasSize(PIECES);
            firstText.add(result.named("content_block_delta").get(0).atMillis());
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        clients.shutdown();

        long slowestFirst = firstText.stream().mapToLong(Long::longValue).max().orElseThrow();
        long upstreamDuration = GAP.toMillis() * (PIECES + 4);
        List<Long> sorted = firstText.stream().sorted().toList();
        List<Long> arrivals = scripted.requests().stream().skip(64).map(r -> (r.receivedNanos() - start) / 1_000_000)
                .sorted().toList();
        System.out.printf("upstream received the requests: p50 %d ms, p90 %d ms, max %d ms%n",
                arrivals.get(arrivals.size() / 2), arrivals.get(arrivals.size() * 9 / 10),
                arrivals.get(arrivals.size() - 1));
        System.out.printf("%d streams: first text p50 %d ms, p90 %d ms, max %d ms; all done in %d ms (one stream takes "
                + "%d ms upstream)%n", STREAMS, sorted.get(STREAMS / 2), sorted.get(STREAMS * 9 / 10), slowestFirst, wall,
                upstreamDuration);
        assertThat(scripted.mostActiveStreams()).as("upstream streams open at the same time").isEqualTo(STREAMS);
        assertThat(slowestFirst).as("every stream starts long before one could end").isLessThan(upstreamDuration - 1500);
        assertThat(wall).as("the streams ran side by side").isLessThan(upstreamDuration * 3);
    }
}
