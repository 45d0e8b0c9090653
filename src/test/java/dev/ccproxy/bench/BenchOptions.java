package dev.ccproxy.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one benchmark run measures and how hard. {@link #full()} is {@code scripts/bench.sh}: the scenarios at
 * their sizes; {@link #quick()} is the short run the build's {@code ScaleBenchmarkIT} makes to catch regressions.
 * Any field can be set with a system property ({@code -Dbench.levels=1024,4096}, {@code -Dbench.only=streams}).
 *
 * @param parts        which parts run: startup, non-streaming, streams, cpu, overload, web-search, count-tokens
 * @param levels       stream counts of the sweep (each run direct and through the proxy)
 * @param deltas       content deltas a sweep stream gets
 * @param gapMillis    the stub's pacing between them
 * @param spreadMillis the window the starts of a level are spread over
 * @param seconds      one round of non-streaming load
 * @param rounds       rounds of it (direct and proxy interleaved)
 * @param startups     fresh proxy processes timed from start to the first {@code /health} 200
 * @param cpuStreams   streams of the CPU-per-delta run (each {@code cpuDeltas}, 20 ms apart)
 * @param cpuDeltas    their deltas
 * @param java         the {@code java} that runs the proxy (and the stub)
 * @param jar          the proxy's jar (another build's, to compare)
 * @param proxyJvm     JVM options before {@code -jar}: the README's command's by default ({@link #recommendedJvm})
 * @param proxyEnv     more environment for the proxy ({@code -Dbench.proxy-env=LOG_LEVEL=WARN,MAX_RETRIES=0})
 * @param out          where results.md, streams.svg and the logs go
 */
public record BenchOptions(Set<String> parts, List<Integer> levels, int deltas, long gapMillis, long spreadMillis,
        double seconds, int rounds, int startups, int cpuStreams, int cpuDeltas, String java, String jar,
        List<String> proxyJvm,
        Map<String, String> proxyEnv, Path out) {

    static final List<String> ALL_PARTS = List.of("startup", "non-streaming", "streams", "cpu", "overload",
            "web-search", "count-tokens");

    /** The scenarios at full size. */
    static BenchOptions full() {
        return fromSystemProperties(ALL_PARTS, List.of(1024, 2048, 4096, 8192, 16384), 3, 4, 3, 256, 100,
                Path.of("target/bench"));
    }

    /** A short run for the build: the same scenarios, smaller, so that a regression shows within a minute or two. */
    static BenchOptions quick() {
        return fromSystemProperties(List.of("startup", "non-streaming", "streams", "cpu", "overload"),
                List.of(256, 1024), 1.5, 2, 1, 128, 50, Path.of("target/bench-quick"));
    }

    private static BenchOptions fromSystemProperties(List<String> defaultParts, List<Integer> levels, double seconds,
            int rounds, int startups, int cpuStreams, int cpuDeltas, Path out) {
        String only = System.getProperty("bench.only", "");
        Set<String> parts = only.isBlank() ? Set.copyOf(defaultParts)
                : Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet());
        String levelList = System.getProperty("bench.levels", "");
        List<Integer> chosenLevels = levelList.isBlank() ? levels
                : Arrays.stream(levelList.split(",")).map(String::trim).map(Integer::parseInt).toList();
        // the README's command by default; -Dbench.proxy-jvm=none for a bare `java -jar`, or other options
        String jar = System.getProperty("bench.jar", "target/claude-code-proxy.jar");
        String jvmOptions = System.getProperty("bench.proxy-jvm", String.join(" ", recommendedJvm(jar)));
        List<String> jvm = new ArrayList<>();
        for (String option : jvmOptions.split(" ")) {
            if (!option.isBlank() && !option.equals("none")) {
                jvm.add(option);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String setting : System.getProperty("bench.proxy-env", "").split(",")) {
            if (setting.contains("=")) {
                env.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        String java = System.getProperty("bench.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new BenchOptions(parts, chosenLevels, Integer.getInteger("bench.deltas", 10),
                Long.getLong("bench.gap", 500), Long.getLong("bench.spread", 2000),
                Double.parseDouble(System.getProperty("bench.seconds", Double.toString(seconds))),
                Integer.getInteger("bench.rounds", rounds), Integer.getInteger("bench.startups", startups),
                Integer.getInteger("bench.cpu-streams", cpuStreams), Integer.getInteger("bench.cpu-deltas", cpuDeltas),
                java, jar, List.copyOf(jvm), Map.copyOf(env), Path.of(System.getProperty("bench.out", out.toString())));
    }

    /** What the README's run command adds to `java -jar` (pom.xml, exec-maven-plugin): keep the two the same. */
    public static List<String> recommendedJvm(String jar) {
        return List.of("-XX:+UseParallelGC", "-Xmx1g", "-XX:AOTCache=" + jar.replaceFirst("\\.jar$", ".aot"));
    }

    boolean runs(String part) {
        return parts.contains(part);
    }
}
