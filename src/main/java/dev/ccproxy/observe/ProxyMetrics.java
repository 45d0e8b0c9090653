package dev.ccproxy.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;

/**
 * The proxy's own meters, in the registry Camel scrapes ({@code /observe/metrics} on the management port). Names follow
 * Prometheus's conventions once Micrometer renders them: {@code ccproxy_requests_total},
 * {@code ccproxy_request_duration_seconds_bucket}, … (the README lists them all).
 *
 * <p>A request's meters are looked up once per distinct set of labels and kept (a map lookup per request, not a
 * registration); model labels are bounded ({@link BoundedLabels}).
 */
public final class ProxyMetrics {

    /** Requests whose answer took this long: from a cached answer to a long reasoning stream. */
    private static final Duration[] DURATION_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30, 60, 120, 300, 600);
    /** The upstream's first byte (a stream's first event): reasoning models think for minutes. */
    private static final Duration[] FIRST_BYTE_BUCKETS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
            60, 120, 300);
    /** The proxy's own part: tenths of a millisecond when all is well. */
    private static final Duration[] OVERHEAD_BUCKETS = seconds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
            0.025, 0.05, 0.1, 0.25, 1);

    private final MeterRegistry registry;
    private final BoundedLabels models;
    private final Map<Labels, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final AtomicInteger activeStreams = new AtomicInteger();
    /**
     * What the function meters read: Micrometer holds them weakly, and a method reference nothing else holds would be
     * collected (the meter then reads NaN).
     */
    private final List<Object> sources = new CopyOnWriteArrayList<>();

    /** @param maxModels how many distinct model names each model label may take */
    public ProxyMetrics(MeterRegistry registry, int maxModels) {
        this.registry = registry;
        this.models = new BoundedLabels(maxModels);
        Gauge.builder("ccproxy.streams.active", activeStreams, AtomicInteger::get)
                .description("Streams being relayed to clients now").register(registry);
    }

    /** The admission limit: requests that call an upstream in flight now, the limit, and the ones refused with 529. */
    public void admission(IntSupplier inFlight, int limit, LongSupplier refusedOverloaded, LongSupplier refusedDraining) {
        sources.add(inFlight);
        Gauge.builder("ccproxy.admission.in.flight", inFlight, IntSupplier::getAsInt)
                .description("Requests that call an upstream in flight now (proxy.server.max-concurrent-requests "
                        + "bounds them)").register(registry);
        Gauge.builder("ccproxy.admission.limit", () -> limit)
                .description("proxy.server.max-concurrent-requests as applied").register(registry);
        refusals("overloaded", refusedOverloaded);
        refusals("draining", refusedDraining);
    }

    private void refusals(String reason, LongSupplier count) {
        sources.add(count);
        FunctionCounter.builder("ccproxy.refusals", count, LongSupplier::getAsLong)
                .description("Requests refused with 529 overloaded_error before any route ran")
                .tag("reason", reason).register(registry);
    }

    /** Errors the HTTP layer answered itself, before any route ran, by status ({@code others}: any other status). */
    public void httpLayerErrors(int[] statuses, IntToLongFunction count, LongSupplier others) {
        for (int status : statuses) {
            LongSupplier one = () -> count.applyAsLong(status);
            sources.add(one);
            httpErrors(Integer.toString(status), one);
        }
        sources.add(others);
        httpErrors("other", others);
    }

    private void httpErrors(String status, LongSupplier count) {
        FunctionCounter.builder("ccproxy.http.errors", count, LongSupplier::getAsLong)
                .description("Errors the HTTP server answered before any route ran (malformed, oversized or slow "
                        + "requests, unknown paths and methods, 529 at the admission limit)")
                .tag("status", status).register(registry);
    }

    /** Retries the retry budget refused (the failure went to the client instead). */
    public void retryBudget(LongSupplier exhausted) {
        sources.add(exhausted);
        FunctionCounter.builder("ccproxy.upstream.retry.budget.exhausted", exhausted, LongSupplier::getAsLong)
                .description("Retries not made because the retry budget was spent").register(registry);
    }

    public void streamOpened() {
        activeStreams.incrementAndGet();
    }

    public void streamClosed() {
        activeStreams.decrementAndGet();
    }

    /** A request has ended: counts it, its time, its tokens, its retries and its client's leaving. */
    public void requestEnded(RequestRecord record, RequestRecord.Outcome outcome, long elapsedNanos) {
        Labels labels = new Labels(record.route(), models.of(record.requestedModel()),
                models.of(record.upstreamModel()), label(record.provider()), label(record.api()),
                record.requestedModel() != null && record.stream(), record.status(), outcome);
        RequestMeters meters = requestMeters.computeIfAbsent(labels, RequestMeters::new);
        meters.requests.increment();
        meters.duration.record(elapsedNanos, TimeUnit.NANOSECONDS);
        if (record.attempts() > 0) {
            meters.overhead.record(Math.max(0, elapsedNanos - record.upstreamNanos()), TimeUnit.NANOSECONDS);
            if (record.firstByteNanos() >= 0) {
                meters.firstByte.record(record.firstByteNanos(), TimeUnit.NANOSECONDS);
            }
            if (record.attempts() > 1) {
                meters.retries.increment(record.attempts() - 1);
            }
        }
        RequestRecord.Tokens tokens = record.tokens();
        if (tokens != null) {
            meters.inputTokens.increment(tokens.input());
            meters.outputTokens.increment(tokens.output());
            meters.cacheReadTokens.increment(tokens.cacheRead());
            meters.cacheCreationTokens.increment(tokens.cacheCreation());
        }
        if (outcome == RequestRecord.Outcome.CLIENT_GONE) {
            meters.disconnects.increment();
        }
    }

    private static String label(String value) {
        return value == null ? BoundedLabels.NONE : value;
    }

    /** Everything a request's meters are labelled with. */
    private record Labels(String route, String model, String upstreamModel, String provider, String api,
            boolean stream, int status, RequestRecord.Outcome outcome) {
    }

    /** One set of labels' meters; each narrower meter is shared by every set that agrees on its labels. */
    private final class RequestMeters {

        final Counter requests;
        final Timer duration;
        final Timer firstByte;
        final Timer overhead;
        final Counter retries;
        final Counter disconnects;
        final Counter inputTokens;
        final Counter outputTokens;
        final Counter cacheReadTokens;
        final Counter cacheCreationTokens;

        RequestMeters(Labels labels) {
            String stream = Boolean.toString(labels.stream());
            Tags route = Tags.of("route", labels.route(), "api", labels.api(), "provider", labels.provider(),
                    "stream", stream);
            requests = Counter.builder("ccproxy.requests").description("API requests answered, by what served them")
                    .tags(route).tags("model", labels.model(), "upstream_model", labels.upstreamModel(),
                            "status", Integer.toString(labels.status()), "outcome", labels.outcome().label())
                    .register(registry);
            duration = Timer.builder("ccproxy.request.duration")
                    .description("Time from a request's arrival to its last byte (a stream: its last event)")
                    .tags(route).tag("outcome", labels.outcome().label())
                    .serviceLevelObjectives(DURATION_BUCKETS).register(registry);
            firstByte = Timer.builder("ccproxy.upstream.first.byte")
                    .description("Time from sending the upstream request to its first byte: a whole answer's status "
                            + "line, a stream's first event (the last attempt)")
                    .tags(route).serviceLevelObjectives(FIRST_BYTE_BUCKETS).register(registry);
            overhead = Timer.builder("ccproxy.overhead")
                    .description("The proxy's own time: the request's time minus the time waiting on the upstream "
                            + "(its attempts and the waits between them)")
                    .tags(route).serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry);
            Tags upstream = Tags.of("provider", labels.provider(), "api", labels.api());
            retries = Counter.builder("ccproxy.upstream.retries").description("Upstream calls made again after a "
                    + "failure").tags(upstream).register(registry);
            disconnects = Counter.builder("ccproxy.client.disconnects")
                    .description("Requests whose client left before the answer was complete")
                    .tags("route", labels.route(), "stream", stream).register(registry);
            Tags tokens = upstream.and("upstream_model", labels.upstreamModel());
            inputTokens = tokens("input", tokens);
            outputTokens = tokens("output", tokens);
            cacheReadTokens = tokens("cache_read", tokens);
            cacheCreationTokens = tokens("cache_creation", tokens);
        }

        private Counter tokens(String type, Tags tags) {
            return Counter.builder("ccproxy.tokens").description("Tokens as the answers' usage reported them")
                    .tags(tags).tag("type", type).register(registry);
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }
}
