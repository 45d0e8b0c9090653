package dev.ccproxy.stream;

import java.time.Duration;

/**
 * How long a stream's upstream may stay silent: until its first event ({@code proxy.upstream.first-byte-timeout-seconds},
 * counted from the request being sent: reasoning models think for minutes first), and between two pieces after that
 * ({@code proxy.upstream.idle-timeout-seconds}).
 */
public record StreamTimeouts(Duration firstByte, Duration idle) {

    /** The shorter of the two: the timer must look at least this often. */
    public Duration shortest() {
        return firstByte.compareTo(idle) < 0 ? firstByte : idle;
    }
}
