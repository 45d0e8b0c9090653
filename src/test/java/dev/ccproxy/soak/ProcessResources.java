package dev.ccproxy.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process's resources as Linux reports them: resident memory and platform threads ({@code /proc/<pid>/status}:
 * {@code VmRSS}, {@code Threads}), the Java heap's part of that memory ({@link HeapRange}), and its open file
 * descriptors ({@code /proc/<pid>/fd}), the TCP sockets among them
 * sorted by the other end ({@code /proc/<pid>/net/tcp}, {@code tcp6}): connections to the upstream (kept alive in the
 * proxy's pools, so they may outlive a phase, up to the pools' bounds), connections from clients, and the rest
 * (listening sockets, files, pipes, epoll).
 *
 * @param rssKb    resident memory, KiB
 * @param heapKb   of which the Java heap's pages, KiB
 * @param threads  platform threads (virtual threads are not the kernel's)
 * @param fds      every open descriptor
 * @param upstream descriptors of connections to the upstream's port
 * @param clients  descriptors of connections accepted on the proxy's port
 */
record ProcessResources(long rssKb, long heapKb, int threads, int fds, int upstream, int clients) {

    private static final String LISTENING = "0A";

    /** Resident memory outside the heap, KiB. */
    long outsideHeapKb() {
        return rssKb - heapKb;
    }

    /** Descriptors that are neither upstream nor client connections: they do not come and go with requests. */
    int others() {
        return fds - upstream - clients;
    }

    static ProcessResources of(long pid, HeapRange heap, int proxyPort, int upstreamPort) {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rssKb = -1;
        int threads = -1;
        try {
            long heapKb = heap.residentKb(pid);
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            Map<String, String[]> sockets = tcpSockets(proc);
            int fds = 0;
            int upstream = 0;
            int clients = 0;
            try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
                for (Path descriptor : descriptors.toList()) {
                    fds++;
                    String[] socket = sockets.get(target(descriptor));
                    if (socket == null) {
                        continue;
                    }
                    if (port(socket[2]) == upstreamPort) {
                        upstream++;
                    } else if (port(socket[1]) == proxyPort && !socket[3].equals(LISTENING)) {
                        clients++;
                    }
                }
            }
            return new ProcessResources(rssKb, heapKb, threads, fds, upstream, clients);
        } catch (IOException gone) {
            return new ProcessResources(rssKb, -1, threads, -1, -1, -1);
        }
    }

    /** "socket:[inode]" for a socket; the link's target, or "" once the descriptor has been closed. */
    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    /** The TCP sockets of the process's network namespace by "socket:[inode]": the line's fields. */
    private static Map<String, String[]> tcpSockets(Path proc) throws IOException {
        Map<String, String[]> byInode = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = proc.resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                // sl, local address:port, remote address:port, state, queues, timer, retransmits, uid, timeout, inode
                byInode.put("socket:[" + fields[9] + "]", fields);
            }
        }
        return byInode;
    }

    private static int port(String addressAndPort) {
        return Integer.parseInt(addressAndPort.substring(addressAndPort.lastIndexOf(':') + 1), 16);
    }
}
