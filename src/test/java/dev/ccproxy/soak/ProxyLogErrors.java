package dev.ccproxy.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ERROR lines of the proxy's log ("12:00:00.000 ERROR [thread] logger - message"). Every failure the soak injects
 * is an upstream failure the proxy logs as a warning; an ERROR is the proxy's own trouble: an exception nobody
 * answered, or Netty reporting a buffer that was never released ({@code LEAK:}, logged at ERROR).
 *
 * @param count how many
 * @param first the first few, whole
 */
record ProxyLogErrors(long count, List<String> first) {

    private static final int KEPT = 10;

    static ProxyLogErrors in(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> errors = lines.filter(ProxyLogErrors::isError).toList();
            return new ProxyLogErrors(errors.size(), errors.subList(0, Math.min(KEPT, errors.size())));
        }
    }

    private static boolean isError(String line) {
        String[] fields = line.split("\\s+", 3);
        return fields.length >= 2 && fields[1].equals("ERROR") || line.contains("LEAK:");
    }
}
