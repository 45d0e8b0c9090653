package dev.ccproxy.soak;

import dev.ccproxy.soak.OutcomeClassifier.Outcome;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import static dev.ccproxy.soak.SoakChecks.mib;

/** A soak's results as markdown: the checks first, then the requests, the faults, the resources and the samples. */
final class SoakReport {

    private SoakReport() {
    }

    static String markdown(SoakResults results, List<SoakChecks.Check> checks) {
        SoakOptions options = results.options();
        StringBuilder out = new StringBuilder("# claude-code-proxy soak\n\n");
        out.append(String.format(Locale.ROOT, "%s, %d cores. Proxy: `java %s -jar %s` with %s, its own process; the "
                        + "fault-injecting stub another; %d client loops in this JVM (%d ms between requests), seed %d: "
                        + "%.0f%% hang-ups, %.0f%% injected faults, the rest plain (half streamed, %.0f%% of streams web "
                        + "searches). Warm-up %d s, soak %.0f s.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), String.join(" ", options.proxyJvmOptions()),
                options.jar(), SoakRun.proxyEnvironment(options), options.concurrency(), options.thinkMillis(),
                options.seed(), options.mix().cutShare() * 100, options.mix().faultShare() * 100,
                options.mix().webSearchShare() * 100, options.warmupSeconds(), results.seconds()));
        out.append("## Checks\n\n| rule | measured | held |\n| --- | --- | --- |\n");
        checks.forEach(check -> out.append("| ").append(check.rule()).append(" | ").append(check.measured())
                .append(" | ").append(check.held() ? "yes" : "**NO**").append(" |\n"));
        requests(results, out);
        faults(results, out);
        resources(results, out);
        samples(results, out);
        List<String> unexplained = new java.util.ArrayList<>(results.warmUp().unexplainedExamples());
        unexplained.addAll(results.soak().unexplainedExamples());
        if (!unexplained.isEmpty()) {
            out.append("\n## Unexplained endings (the first ones)\n\n");
            unexplained.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        if (!results.logErrors().first().isEmpty()) {
            out.append("\n## ERROR lines of the proxy's log (the first ones)\n\n");
            results.logErrors().first().forEach(line -> out.append("    ").append(line).append('\n'));
        }
        return out.toString();
    }

    private static void requests(SoakResults results, StringBuilder out) {
        OutcomeTally soak = results.soak();
        out.append(String.format(Locale.ROOT, "%n## Requests%n%n%d requests in the soak (%.1f a second; %s), %d in "
                        + "the warm-up.%n%n| outcome | soak | warm-up |%n| --- | --- | --- |%n", soak.requests(),
                soak.requests() / results.seconds(), soak.byKind().toString().replaceAll("[{}]", ""),
                results.warmUp().requests()));
        for (Outcome outcome : Outcome.values()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", describe(outcome), soak.count(outcome),
                    results.warmUp().count(outcome)));
        }
        UpstreamCounts.Snapshot upstream = results.end().upstream();
        out.append(String.format(Locale.ROOT, "%nThe upstream, warm-up and soak: %d calls (retries included), %d "
                        + "closed by the proxy when its client hung up, %d stalled calls ended by the proxy's timeout, "
                        + "%d open at the end.%n", upstream.calls(), upstream.cancelledByProxy(),
                upstream.stallsEndedByProxy(), upstream.open()));
    }

    private static void faults(SoakResults results, StringBuilder out) {
        int maxRetries = results.options().maxRetries();
        out.append(String.format(Locale.ROOT, "%n## Injected faults (warm-up and soak; `MAX_RETRIES=%d`)%n%n"
                + "| fault | requests | whole (retried away) | surfaced | unexplained | expected | upstream attempts "
                + "struck |%n| --- | --- | --- | --- | --- | --- | --- |%n", maxRetries));
        for (UpstreamFault fault : UpstreamFault.values()) {
            String expected = fault.retriedAway(maxRetries) ? "whole"
                    : fault.status() == 200 ? "`event: error` " + fault.errorType()
                    : fault.status() + " " + fault.errorType();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %d |%n", fault.marker(),
                    results.injected(fault), both(results, fault, Outcome.FAULT_RETRIED_AWAY),
                    both(results, fault, Outcome.FAULT_SURFACED), both(results, fault, Outcome.UNEXPLAINED), expected,
                    results.end().upstream().faults().getOrDefault(fault, 0L)));
        }
    }

    private static void resources(SoakResults results, StringBuilder out) {
        ProcessResources start = results.start().resources();
        ProcessResources end = results.end().resources();
        out.append("\n## The proxy's resources\n\nStart: at rest after the warm-up; end: at rest after the soak (load "
                + "stopped, upstream calls over, client connections closed); max: the highest sample under load.\n\n"
                + "| | start | max under load | end |\n| --- | --- | --- | --- |\n");
        out.append(String.format(Locale.ROOT, "| resident memory | %d MiB | %d MiB | %d MiB |%n", start.rssKb() / 1024,
                results.max(ProcessResources::rssKb) / 1024, end.rssKb() / 1024));
        out.append(String.format(Locale.ROOT, "| platform threads | %d | %d | %d |%n", start.threads(),
                results.max(ProcessResources::threads), end.threads()));
        out.append(String.format(Locale.ROOT, "| open descriptors (upstream / client connections / others) | %d (%d / "
                        + "%d / %d) | %d | %d (%d / %d / %d) |%n", start.fds(), start.upstream(), start.clients(),
                start.others(), results.max(ProcessResources::fds), end.fds(), end.upstream(), end.clients(), end.others()));
        out.append(String.format(Locale.ROOT, "| … the Java heap's pages | %d MiB | %d MiB | %d MiB |%n",
                start.heapKb() / 1024, results.max(ProcessResources::heapKb) / 1024, end.heapKb() / 1024));
        out.append(String.format(Locale.ROOT, "| … the rest (code, metaspace, stacks, buffers) | %d MiB | %d MiB | %d "
                + "MiB |%n", start.outsideHeapKb() / 1024, results.max(ProcessResources::outsideHeapKb) / 1024,
                end.outsideHeapKb() / 1024));
        out.append(String.format(Locale.ROOT, "| live heap after a full collection | %s | | %s |%n",
                mib(results.start().heap().bytes()), mib(results.end().heap().bytes())));
        out.append(String.format(Locale.ROOT, "%nResident memory under load, the trend over the second half of the "
                        + "soak (least squares over the samples): %+.2f MiB a minute in all, %+.2f MiB a minute outside "
                        + "the heap. Live heap, the classes that grew most: %s.%n",
                slopeMibPerMinute(results.samples(), ProcessResources::rssKb),
                slopeMibPerMinute(results.samples(), ProcessResources::outsideHeapKb),
                String.join(", ", results.end().heap().grewMostSince(results.start().heap(), 5))));
    }

    private static void samples(SoakResults results, StringBuilder out) {
        out.append("\n## Samples under load\n\n| second | requests | resident MiB | of which heap | threads | descriptors "
                + "| upstream connections | client connections |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (SoakResults.Sample sample : results.samples()) {
            ProcessResources resources = sample.resources();
            out.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d |%n", sample.second(),
                    sample.requests(), resources.rssKb() / 1024, resources.heapKb() / 1024, resources.threads(),
                    resources.fds(),
                    resources.upstream(), resources.clients()));
        }
    }

    /** The trend of a memory figure (KiB) over the second half of the samples, in MiB a minute. */
    static double slopeMibPerMinute(List<SoakResults.Sample> samples, ToLongFunction<ProcessResources> kb) {
        List<SoakResults.Sample> half = samples.subList(samples.size() / 2, samples.size());
        if (half.size() < 2) {
            return 0;
        }
        double meanX = half.stream().mapToDouble(SoakResults.Sample::second).average().orElse(0);
        double meanY = half.stream().mapToDouble(sample -> kb.applyAsLong(sample.resources())).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (SoakResults.Sample sample : half) {
            covariance += (sample.second() - meanX) * (kb.applyAsLong(sample.resources()) - meanY);
            variance += (sample.second() - meanX) * (sample.second() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * 60 / 1024;
    }

    private static long both(SoakResults results, UpstreamFault fault, Outcome outcome) {
        return results.warmUp().count(fault, outcome) + results.soak().count(fault, outcome);
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case WHOLE -> "whole answer";
            case FAULT_RETRIED_AWAY -> "injected fault, retried away: whole answer";
            case FAULT_SURFACED -> "injected fault, surfaced as its Anthropic error";
            case CUT -> "cut by the client (planned hang-up)";
            case UNEXPLAINED -> "unexplained";
        };
    }
}
