package dev.ccproxy.soak;

import dev.ccproxy.bench.BenchProcess;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak: the packaged proxy (started with the README's command, in its own process) in front of the fault-injecting
 * stub (another process), loaded by this JVM's client loops. A warm-up at the soak's load, then the proxy at rest
 * (the start checkpoint), the soak with the proxy's resources sampled, and the proxy at rest again (the end).
 * Loopback only, free ports.
 */
final class SoakRun {

    /**
     * The proxy's settings for the soak, beyond the README's defaults: the retries the fault plans count on, a short
     * back-off (a tenth of the requests fail upstream at least once; the default 500 ms would have the loops mostly
     * waiting), 3 s first-byte and idle timeouts and a 6 s whole-answer timeout (so that stalled faults end in
     * seconds, not minutes), a retry budget the faults cannot exhaust (the fault plans count every retry), and a ping a
     * second (so that a stalled stream gets pings from the stream timer before the same timer cuts it).
     */
    static Map<String, String> proxyEnvironment(SoakOptions options) {
        return Map.of("MAX_RETRIES", Integer.toString(options.maxRetries()),
                "PROXY_UPSTREAM_RETRY_DELAY_MILLIS", "100",
                "PROXY_UPSTREAM_FIRST_BYTE_TIMEOUT_SECONDS", "3",
                "PROXY_UPSTREAM_IDLE_TIMEOUT_SECONDS", "3",
                "REQUEST_TIMEOUT", "6",
                "PROXY_UPSTREAM_RETRY_BUDGET_MIN", "1000000",
                "PROXY_STREAMING_PING_INTERVAL_MILLIS", "1000");
    }

    /** How long the proxy may take to come to rest once the load stops: every stalled call has timed out by then. */
    private static final Duration TO_REST = Duration.ofSeconds(30);

    private final SoakOptions options;
    private final AtomicLong requestIds = new AtomicLong();
    private HeapRange heap;

    private SoakRun(SoakOptions options) {
        this.options = options;
    }

    static SoakResults run(SoakOptions options) throws Exception {
        Files.createDirectories(options.out());
        return new SoakRun(options).soak();
    }

    private SoakResults soak() throws Exception {
        Path proxyLog = options.out().resolve("proxy.log");
        try (BenchProcess stub = BenchProcess.stub(options.out().resolve("stub.log"), FaultInjector.class);
                BenchProcess proxy = BenchProcess.proxy(options.java(), options.proxyJvmOptions(),
                        options.jar(), stub.port(), proxyEnvironment(options), proxyLog)) {
            proxy.awaitHealthy(proxyLog);
            heap = HeapRange.of(proxy, options.java());
            System.out.printf("soak: warming up for %d s%n", options.warmupSeconds());
            OutcomeTally warmUp = SoakLoad.run(options, proxy.port(), 0, options.warmupSeconds(), requestIds);
            Checkpoint start = atRest(proxy, stub);
            System.out.printf("soak: %d s of load, %d client loops%n", options.seconds(), options.concurrency());
            List<SoakResults.Sample> samples = Collections.synchronizedList(new ArrayList<>());
            long began = System.nanoTime();
            OutcomeTally soak;
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .daemon().name("soak-sampler").factory());
            try {
                long firstId = requestIds.get();
                sampler.scheduleAtFixedRate(() -> samples.add(new SoakResults.Sample(
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began),
                        resources(proxy, stub), requestIds.get() - firstId)),
                        0, options.sampleSeconds(), TimeUnit.SECONDS);
                soak = SoakLoad.run(options, proxy.port(), 1, options.seconds(), requestIds);
            } finally {
                sampler.shutdownNow();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            Checkpoint end = atRest(proxy, stub);
            return new SoakResults(options, warmUp, soak, start, end, List.copyOf(samples), proxy.alive(),
                    ProxyLogErrors.in(proxyLog), seconds);
        }
    }

    /**
     * The proxy once the load has stopped: every upstream call over (stalled ones time out) and every client
     * connection gone, or {@link #TO_REST} passed; then its resources, and its live heap after a full collection.
     */
    private Checkpoint atRest(BenchProcess proxy, BenchProcess stub) throws Exception {
        boolean settled = eventually(() -> UpstreamCounts.Snapshot.read(stub.port()).open() == 0
                && resources(proxy, stub).clients() == 0);
        ProcessResources resources = resources(proxy, stub);
        LiveHeap heap = LiveHeap.of(proxy, options.java());
        return new Checkpoint(resources, heap, UpstreamCounts.Snapshot.read(stub.port()), settled);
    }

    private ProcessResources resources(BenchProcess proxy, BenchProcess stub) {
        return ProcessResources.of(proxy.pid(), heap, proxy.port(), stub.port());
    }

    private static boolean eventually(Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(TO_REST).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(condition);
            return true;
        } catch (ConditionTimeoutException notInTime) {
            return false;
        }
    }
}
