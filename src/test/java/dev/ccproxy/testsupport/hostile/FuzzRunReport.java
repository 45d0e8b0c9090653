package dev.ccproxy.testsupport.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz run sent and got: the statuses by kind of body, of headers and of framing (so a run shows that every
 * kind was reached, and how the proxy answered it), and each problem with what reproduces it (the seed and the case's
 * index, and the case in words).
 */
public final class FuzzRunReport {

    private final long seed;
    private final Map<String, Map<String, Integer>> statuses = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private int cases;
    private int slowUploads;

    public FuzzRunReport(long seed) {
        this.seed = seed;
    }

    public void record(int index, HostileRequest request, HostileWire.Outcome outcome, String problem) {
        cases++;
        if (request.pacing().pieces() > 1) {
            slowUploads++;
        }
        String status = outcome.response() != null ? Integer.toString(outcome.response().status())
                : outcome.timedOut() ? "timeout" : "closed";
        count("body " + request.body().kind(), status);
        count("headers " + request.headers().kind(), status);
        count("framing " + request.framing(), status);
        count("endpoint " + request.endpoint(), status);
        if (problem != null) {
            problems.add("case " + index + " (-Dfuzz.seed=" + seed + " -Dfuzz.only=" + index + "): " + problem
                    + "\n    request: " + request.describe());
        }
    }

    private void count(String kind, String status) {
        statuses.computeIfAbsent(kind, ignored -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }

    public List<String> problems() {
        return problems;
    }

    public String summary(long millis) {
        StringBuilder text = new StringBuilder("Fuzzed " + cases + " hostile requests (seed " + seed + ", "
                + slowUploads + " slow uploads) in " + millis + " ms; " + problems.size() + " problem(s)\n");
        statuses.forEach((kind, byStatus) -> text.append("  ").append(kind).append(": ").append(byStatus).append('\n'));
        problems.forEach(problem -> text.append("  PROBLEM ").append(problem).append('\n'));
        return text.toString();
    }
}
