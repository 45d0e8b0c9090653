#!/usr/bin/env bash
# Builds the jar and the test classes if needed, then runs a main class of the tests (the benchmark's, the soak's) on
# the JDK of JAVA_HOME with the test classpath: run-test-main.sh <output folder> <main class> [JVM options...].
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"
main="$2"
shift 2
mkdir -p "$out"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -B -q -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test
"$JAVA" -XX:+UseParallelGC "$@" -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" "$main"
