#!/usr/bin/env bash
# Soaks the packaged proxy: mixed streamed and whole requests, planned hang-ups and injected upstream faults for
# SOAK_SECONDS (30 minutes unless told), then checks that nothing was lost and that the proxy's threads, descriptors
# and memory came back; writes target/soak/results.md and exits 1 when a check failed. Options go to the soak's JVM:
#   SOAK_SECONDS=300 scripts/soak.sh                      five minutes
#   scripts/soak.sh -Dsoak.seconds=60 -Dsoak.seed=7       the build's length (SoakIT), another request sequence
#   scripts/soak.sh -Dsoak.concurrency=64 -Dsoak.fault-share=0.3 -Dsoak.cut-share=0.1
# Loopback only. The proxy runs on the JDK of JAVA_HOME, started with the README's command.
exec "$(dirname "$0")/run-test-main.sh" target/soak dev.ccproxy.soak.ProxySoak -Xmx1g \
    "-Dsoak.seconds=${SOAK_SECONDS:-1800}" "$@"
