package dev.ccproxy.soak;

import dev.ccproxy.bench.BenchProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's heap lies in its address space ({@code jcmd <pid> GC.heap_info}: reserved once, at start), so that
 * its resident memory can be split in two: the heap's pages and the rest (code, metaspace, thread stacks, the
 * network's direct buffers, the allocator's arenas, the mapped AOT cache), from {@code /proc/<pid>/smaps}. The split
 * matters for a soak: the heap's resident part grows while the collector sizes its generations for the load (up to
 * {@code -Xmx}) and is not given back, which is no leak; a leak of native memory shows in the rest, a leak of objects in
 * the live heap ({@link LiveHeap}).
 *
 * @param low  the lowest address of the heap
 * @param high the end of its highest space
 */
record HeapRange(long low, long high) {

    /** "[0x00000000c0000000, 0x00000000eab00000, 0x00000000eab00000)": a space's bottom, top and end. */
    private static final Pattern SPACE = Pattern.compile("\\[(0x[0-9a-f]+), (0x[0-9a-f]+), (0x[0-9a-f]+)\\)");
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ");

    static HeapRange of(BenchProcess process, String java) throws Exception {
        long low = Long.MAX_VALUE;
        long high = 0;
        Matcher space = SPACE.matcher(process.jcmd(java, "GC.heap_info"));
        while (space.find()) {
            low = Math.min(low, Long.decode(space.group(1)));
            high = Math.max(high, Long.decode(space.group(3)));
        }
        if (high == 0) {
            throw new IllegalStateException("GC.heap_info named no heap space");
        }
        return new HeapRange(low, high);
    }

    /** The resident KiB of the process's mappings within the heap. */
    long residentKb(long pid) throws IOException {
        long resident = 0;
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            Matcher mapping = MAPPING.matcher(line);
            if (mapping.find()) {
                inside = Long.parseUnsignedLong(mapping.group(1), 16) >= low
                        && Long.parseUnsignedLong(mapping.group(2), 16) <= high;
            } else if (inside && line.startsWith("Rss:")) {
                resident += Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return resident;
    }
}
