package dev.ccproxy.soak;

import dev.ccproxy.bench.BenchOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one soak does; every field can be set with a system property ({@code -Dsoak.seconds=300}).
 *
 * @param seconds       the measured load ({@code soak.seconds}: 1800 from {@code scripts/soak.sh}, 60 in the build)
 * @param warmupSeconds the same load before it, unmeasured (30 s, as the benchmark protocol asks): the JIT, the
 *                      pools and the heap settle
 * @param concurrency   client loops, each sending its next request once the last one ended
 * @param seed          the seed of the loops' request sequences: the same seed plans the same requests
 * @param mix           the shares of hang-ups, faults and web searches
 * @param thinkMillis   each loop's pause between two requests (keeps the load generator off the proxy's cores)
 * @param sampleSeconds resources are sampled this often during the load
 * @param maxRetries    the proxy's {@code MAX_RETRIES}, which decides which faults are retried away
 * @param proxyJvm      JVM options for the proxy beyond the README's command's ({@code -Dsoak.proxy-jvm="-XX:…"})
 * @param java          the {@code java} that runs the proxy
 * @param jar           the proxy's packaged jar
 * @param out           where results.md and the processes' logs go
 */
record SoakOptions(long seconds, long warmupSeconds, int concurrency, long seed, RequestPlan.Mix mix,
        long thinkMillis, long sampleSeconds, int maxRetries, List<String> proxyJvm, String java, String jar,
        Path out) {

    /** The proxy's JVM options: the README's command's, then any the run adds. */
    List<String> proxyJvmOptions() {
        List<String> all = new ArrayList<>(BenchOptions.recommendedJvm(jar));
        all.addAll(proxyJvm);
        return all;
    }

    static SoakOptions fromSystemProperties(long defaultSeconds) {
        long seconds = Long.getLong("soak.seconds", defaultSeconds);
        return new SoakOptions(seconds, Long.getLong("soak.warmup-seconds", 30),
                Integer.getInteger("soak.concurrency", 32), Long.getLong("soak.seed", 12),
                new RequestPlan.Mix(Double.parseDouble(System.getProperty("soak.cut-share", "0.05")),
                        Double.parseDouble(System.getProperty("soak.fault-share", "0.10")),
                        Double.parseDouble(System.getProperty("soak.web-search-share", "0.10"))),
                Long.getLong("soak.think-millis", 10),
                // about sixty samples whatever the length, none closer than 5 s
                Long.getLong("soak.sample-seconds", Math.max(5, seconds / 60)),
                Integer.getInteger("soak.max-retries", 2),
                Arrays.stream(System.getProperty("soak.proxy-jvm", "").split(" ")).filter(option -> !option.isBlank())
                        .toList(),
                System.getProperty("soak.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                System.getProperty("soak.jar", "target/claude-code-proxy.jar"),
                Path.of(System.getProperty("soak.out", "target/soak")));
    }
}
