package dev.ccproxy.soak;

/**
 * The proxy at rest between phases, after the load has stopped, every upstream call has ended and the client has
 * closed its connections: what a phase left behind.
 *
 * @param resources the proxy's memory (the heap's part apart), threads and descriptors
 * @param heap      its live heap after a full collection
 * @param upstream  what the upstream had counted by then
 * @param settled   whether it came to rest in time (every upstream call over, no client connection left)
 */
record Checkpoint(ProcessResources resources, LiveHeap heap, UpstreamCounts.Snapshot upstream, boolean settled) {
}
