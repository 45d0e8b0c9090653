#!/usr/bin/env bash
# Measures the proxy against a direct call to the same stub, in one run, and writes target/bench/results.md.
# Options go to the JVM: scripts/bench.sh -Dbench.seconds=5 -Dbench.rounds=6 -Dbench.streams=1024
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
./mvnw -B -q -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
java -Xmx1g "$@" -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
    dev.ccproxy.bench.ProxyBenchmark
