package dev.ccproxy.error;

import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * An upstream that stayed silent past one of the proxy's deadlines (first byte, idle gap, total); its message is what
 * the client reads in the {@code timeout_error}, so it names the setting to change.
 */
public final class UpstreamSilence extends SocketTimeoutException {

    private UpstreamSilence(String message) {
        super(message);
    }

    /** No status line, or for a stream no first event, within {@code proxy.upstream.first-byte-timeout-seconds}. */
    public static UpstreamSilence firstByte(Duration timeout) {
        return new UpstreamSilence("The upstream did not begin its answer within " + seconds(timeout)
                + " s (proxy.upstream.first-byte-timeout-seconds)");
    }

    /** A stream that had begun sent nothing for {@code proxy.upstream.idle-timeout-seconds}. */
    public static UpstreamSilence idle(Duration timeout) {
        return new UpstreamSilence("The upstream stopped sending in the middle of the answer: nothing for "
                + seconds(timeout) + " s (proxy.upstream.idle-timeout-seconds)");
    }

    /** A whole answer not complete within {@code proxy.upstream.timeout-seconds} ({@code REQUEST_TIMEOUT}). */
    public static UpstreamSilence total(Duration timeout) {
        return new UpstreamSilence("The upstream did not complete its answer within " + seconds(timeout)
                + " s (proxy.upstream.timeout-seconds, REQUEST_TIMEOUT)");
    }

    /** 300, or 1.5: as the setting would be written. */
    private static String seconds(Duration timeout) {
        return BigDecimal.valueOf(timeout.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
