package dev.ccproxy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures a benchmark run produced, for the report's summary and for {@code ScaleBenchmarkIT}'s thresholds. A
 * figure that was not measured stays at -1 (or empty).
 */
final class BenchResults {

    /** Time from the proxy process's start to its first {@code /health} 200, each fresh start. */
    final List<Long> startupNanos = new ArrayList<>();
    long idleRssKb = -1;
    long finalRssKb = -1;

    long addedP50OneNanos = -1;
    long addedP99OneNanos = -1;
    double throughputRatio16 = -1;

    final List<StreamChart.Level> levels = new ArrayList<>();
    final List<Long> levelPeakRssKb = new ArrayList<>();
    final List<Double> levelCpuMicrosPerDelta = new ArrayList<>();

    double cpuMicrosPerDelta = -1;
    StreamRun cpuRun;

    StreamRun overload;
    int overloadLimit;

    /** The first level at which a stream through the proxy broke (not whole and not a clean 529); -1 if none did. */
    int knee() {
        for (StreamChart.Level level : levels) {
            if (level.proxy().broken() > 0) {
                return level.streams();
            }
        }
        return -1;
    }

    StreamChart.Level level(int streams) {
        return levels.stream().filter(level -> level.streams() == streams).findFirst().orElse(null);
    }

    long peakRssKb(int streams) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).streams() == streams) {
                return levelPeakRssKb.get(i);
            }
        }
        return -1;
    }

    long medianStartupNanos() {
        return StreamRun.percentile(startupNanos, 50);
    }

    /** The summary table: each target of the issue beside what this run measured. */
    String summary() {
        StringBuilder table = new StringBuilder("| target | measured |\n| --- | --- |\n");
        StreamChart.Level target = level(4096);
        if (target != null) {
            table.append(row("4,096 streams: all whole", target.proxy().whole() + " / " + target.proxy().count()
                    + " whole, " + target.proxy().refused() + " refused (529), " + target.proxy().broken() + " broken"));
            table.append(row("4,096 streams: added first delta p99 ≤ 100 ms",
                    ms(target.proxy().firstDelta(99) - target.direct().firstDelta(99))));
            table.append(row("4,096 streams: added gap p99 ≤ 50 ms",
                    ms(target.proxy().gap(99) - target.direct().gap(99))));
            table.append(row("4,096 streams: proxy resident memory ≤ 512 MiB at the peak",
                    peakRssKb(4096) / 1024 + " MiB"));
        }
        if (!levels.isEmpty()) {
            table.append(row("the first count at which a stream breaks (the knee)", knee() < 0
                    ? "none up to " + levels.get(levels.size() - 1).streams() : String.valueOf(knee())));
        }
        if (cpuMicrosPerDelta >= 0) {
            table.append(row("proxy CPU per relayed delta ≤ 25 µs",
                    String.format(Locale.ROOT, "%.1f µs", cpuMicrosPerDelta)));
        }
        if (addedP50OneNanos != -1) {
            table.append(row("non-streaming, concurrency 1: added p50 ≤ 0.25 ms, p99 ≤ 1 ms",
                    micros(addedP50OneNanos) + ", " + micros(addedP99OneNanos)));
        }
        if (throughputRatio16 >= 0) {
            table.append(row("non-streaming, concurrency 16: ≥ 0.25× the stub's direct throughput",
                    String.format(Locale.ROOT, "%.2f×", throughputRatio16)));
        }
        if (!startupNanos.isEmpty()) {
            table.append(row("start-up to the first /health 200 ≤ 1.5 s", ms(medianStartupNanos()) + " (median of "
                    + startupNanos.size() + ")"));
        }
        if (idleRssKb >= 0) {
            table.append(row("idle resident memory ≤ 150 MiB", idleRssKb / 1024 + " MiB"));
        }
        if (overload != null) {
            table.append(row("overload (limit " + overloadLimit + ", " + overload.count() + " streams at once): ≥ "
                    + overloadLimit + " whole, every other a 529 within 250 ms", overload.whole() + " whole, "
                    + overload.refused() + " refused (slowest " + ms(overload.slowestRefusalNanos()) + "), "
                    + overload.broken() + " broken"));
        }
        return table.toString();
    }

    private static String row(String target, String measured) {
        return "| " + target + " | " + measured + " |\n";
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%d µs", nanos / 1000);
    }
}
