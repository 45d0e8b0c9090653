#!/usr/bin/env bash
# Measures the proxy against a direct call to the same stub, in one run, and writes target/bench/results.md and
# target/bench/streams.svg. Options go to the benchmark's JVM, for example:
#   scripts/bench.sh -Dbench.only=streams -Dbench.levels=1024,4096     one part, other stream counts
#   scripts/bench.sh -Dbench.mode=short                                 the short run the build makes
#   scripts/bench.sh "-Dbench.proxy-jvm=-XX:StartFlightRecording=filename=/tmp/proxy.jfr,settings=profile"
# The proxy runs on the JDK of JAVA_HOME (the README's), started as `java -jar target/claude-code-proxy.jar`.
exec "$(dirname "$0")/run-test-main.sh" target/bench dev.ccproxy.bench.ProxyBenchmark -Xmx2g "$@"
