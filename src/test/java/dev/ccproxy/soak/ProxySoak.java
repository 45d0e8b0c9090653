package dev.ccproxy.soak;

import java.nio.file.Files;
import java.util.List;

/**
 * {@code scripts/soak.sh}: a soak of {@code -Dsoak.seconds} (30 minutes unless told), its report printed and written
 * to target/soak/results.md; exits 1 when a check failed.
 */
public final class ProxySoak {

    private ProxySoak() {
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options = SoakOptions.fromSystemProperties(1800);
        List<SoakChecks.Check> failed = runAndReport(options).stream().filter(check -> !check.held()).toList();
        System.out.println("(written to " + options.out().resolve("results.md") + "; the proxy's log is proxy.log "
                + "there)");
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    /** Runs a soak, writes and prints its report; answers its checks. */
    static List<SoakChecks.Check> runAndReport(SoakOptions options) throws Exception {
        SoakResults results = SoakRun.run(options);
        List<SoakChecks.Check> checks = SoakChecks.of(results);
        String report = SoakReport.markdown(results, checks);
        Files.writeString(options.out().resolve("results.md"), report);
        System.out.println(report);
        return checks;
    }
}
