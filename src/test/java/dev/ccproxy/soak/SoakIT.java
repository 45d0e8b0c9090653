package dev.ccproxy.soak;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak, a minute of it ({@code -Dsoak.seconds} for longer): mixed streamed and whole requests, planned hang-ups
 * and injected upstream faults against the packaged jar; nothing lost, nothing unexplained, the proxy's threads,
 * descriptors and memory back where they were ({@link SoakChecks}). Results: target/soak/results.md.
 */
class SoakIT {

    @Test
    void a_minute_of_faults_and_hang_ups_loses_nothing_and_leaks_nothing() throws Exception {
        List<SoakChecks.Check> checks = ProxySoak.runAndReport(SoakOptions.fromSystemProperties(60));

        assertThat(checks).as("soak checks (target/soak/results.md)").allSatisfy(check ->
                assertThat(check.held()).as(check.rule() + ": " + check.measured()).isTrue());
    }
}
