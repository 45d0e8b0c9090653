package dev.ccproxy.soak;

import java.util.List;
import java.util.Random;

/**
 * One request of the soak, decided before it is sent: streamed or not, through the Responses API (a web search) or
 * Chat Completions, how many deltas the upstream sends how far apart ({@code bench:<deltas>x<millis>}, which the stub
 * reads), the fault the upstream injects (or none), and whether the client hangs up on purpose: after
 * {@code cutAfterDeltas} text deltas of a stream, or {@code cutAfterMillis} into a whole answer that takes far longer.
 */
record RequestPlan(boolean stream, boolean webSearch, int deltas, long gapMillis, UpstreamFault fault,
        int cutAfterDeltas, long cutAfterMillis) {

    /** The share of requests of each kind; the rest are plain requests, half of them streamed. */
    record Mix(double cutShare, double faultShare, double webSearchShare) {
    }

    private static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,%s"
            + "\"metadata\":{\"user_id\":\"soak-%d\"},%s\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";
    private static final String WEB_SEARCH_TOOL = "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":"
            + "\"web_search\",\"max_uses\":1}],";

    /** The next request of a client loop, from its own seeded sequence. */
    static RequestPlan draw(Random random, Mix mix) {
        double roll = random.nextDouble();
        if (roll < mix.cutShare()) {
            // three in four hang up a stream early in a second-long answer; the rest a whole answer of two seconds
            return random.nextInt(4) > 0 ? new RequestPlan(true, false, 50, 20, null, 1 + random.nextInt(5), 0)
                    : new RequestPlan(false, false, 20, 100, null, 0, 200);
        }
        int deltas = 10 + random.nextInt(31);
        boolean stream = random.nextBoolean();
        if (roll < mix.cutShare() + mix.faultShare()) {
            List<UpstreamFault> faults = UpstreamFault.forRequest(stream);
            return new RequestPlan(stream, false, deltas, 10, faults.get(random.nextInt(faults.size())), 0, 0);
        }
        boolean webSearch = stream && random.nextDouble() < mix.webSearchShare();
        return new RequestPlan(stream, webSearch, deltas, stream ? 10 : 5, null, 0, 0);
    }

    boolean cut() {
        return cutAfterDeltas > 0 || cutAfterMillis > 0;
    }

    /** The Anthropic request; {@code id} makes its {@code metadata.user_id} (and so its upstream call) unique. */
    String body(long id) {
        String text = (webSearch ? "Search the web" : "Say hello") + " bench:" + deltas + "x" + gapMillis
                + (fault == null ? "" : " " + fault.marker());
        return MESSAGE.formatted(stream ? "\"stream\":true," : "", id, webSearch ? WEB_SEARCH_TOOL : "", text);
    }

    /** A short name for reports: "stream", "whole", "web search". */
    String kind() {
        return webSearch ? "web search" : stream ? "stream" : "whole";
    }
}
