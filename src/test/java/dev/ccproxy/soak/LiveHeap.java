package dev.ccproxy.soak;

import dev.ccproxy.bench.BenchProcess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's live heap: what survives a full collection, by class ({@code jcmd <pid> GC.class_histogram}, which
 * collects first). Resident memory says little about a leak (the heap grows to its working set and the parallel
 * collector keeps what it took); the live set does: a request that leaves an object behind makes it grow with the
 * number of requests, and the classes that grew name the leak.
 *
 * @param bytes   live bytes in all
 * @param byClass live bytes by class name
 */
record LiveHeap(long bytes, Map<String, Long> byClass) {

    /** The arrays the collector fills dead space with, to keep the heap walkable: listed, but not live objects. */
    private static final String FILLER = "[Ljdk.internal.vm.FillerElement;";

    static LiveHeap of(BenchProcess process, String java) throws Exception {
        Map<String, Long> byClass = new HashMap<>();
        for (String line : process.jcmd(java, "GC.class_histogram").lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            // "  12:   4096   131072  java.lang.String (java.base@25)"
            if (fields.length >= 4 && fields[0].endsWith(":") && fields[2].matches("\\d+")
                    && !fields[3].equals(FILLER)) {
                byClass.merge(fields[3], Long.parseLong(fields[2]), Long::sum);
            }
        }
        return new LiveHeap(byClass.values().stream().mapToLong(Long::longValue).sum(), byClass);
    }

    /** The classes whose live bytes grew most (by a KiB or more) since {@code before}: "name +N KiB", largest first. */
    List<String> grewMostSince(LiveHeap before, int count) {
        List<String> grown = new ArrayList<>();
        byClass.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.byClass.getOrDefault(entry.getKey(),
                        0L)))
                .filter(entry -> entry.getValue() >= 1024)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(count)
                .forEach(entry -> grown.add(entry.getKey() + " +" + entry.getValue() / 1024 + " KiB"));
        return grown;
    }
}
