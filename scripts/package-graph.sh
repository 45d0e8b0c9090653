#!/usr/bin/env bash
# Prints which package of the proxy uses which, read from the compiled classes by the JDK's jdeps: one line per
# package, the packages it uses after the colon. ArchitectureTest holds the rules this graph must keep.
#   scripts/package-graph.sh        compiles first (./mvnw compile), then prints
set -euo pipefail
cd "$(dirname "$0")/.."
JDEPS="${JAVA_HOME:+$JAVA_HOME/bin/}jdeps"
./mvnw -B -q -Daot.skip compile > target/package-graph-build.log 2>&1 \
    || { cat target/package-graph-build.log; exit 1; }
"$JDEPS" -verbose:package -e 'dev\.ccproxy.*' target/classes \
    | awk '$1 ~ /^dev\.ccproxy/ && $2 == "->" && $1 != $3 { print $1, $3 }' | sed 's/dev\.ccproxy\.//g; s/dev\.ccproxy/(root)/g' | sort -u \
    | awk '$1 != last { if (last != "") print line; last = $1; line = $1 ":" } { line = line " " $2 } END { print line }'
