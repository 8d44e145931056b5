#!/usr/bin/env bash
# Runs the whole FaceKit benchmark suite and writes machine-readable results plus a Markdown
# report. From anywhere:  benchmarks/run.sh   (about 15-20 minutes on 2 cores, plus the build)
#
#   OUT=DIR          results folder (default benchmarks/target/results/<UTC time>)
#   SKIP_BUILD=1     use the jars already built by
#                    mvn -B -ntp -q -pl benchmarks -am package -DskipTests
#   FACEKIT_DATA=DIR the shared data (default ../shared/data)
#   QUICK=1          a smoke test of the script: one short iteration, smallest sizes only
#                    (its numbers are not results)
#
# Results: jmh-*.json (JMH), detection-stages-*.json, memory-*.json, machine-before/after.txt,
# the JMH logs, and report.md (also printed), made by dev.facekit.benchmarks.Report.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-benchmarks/target/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
CP="benchmarks/target/facekit-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
export TF_CPP_MIN_LOG_LEVEL=2
# Host JVM options; JMH's forks inherit them.
JAVA=(java "-Dfacekit.bench.out=$OUT" -Djmh.ignoreLock=true -cp "$CP")

machine() {
    {
        echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' (with uncommitted changes)')"
        echo "nproc: $(nproc)"
        lscpu | grep 'Model name' | sed 's/  */ /g'
        free -g
        echo "uptime: $(uptime)"
        java -version 2>&1 | head -2
    } >"$OUT/machine-$1.txt"
}

# jmh NAME ARGS...: one JMH run, JSON to jmh-NAME.json, log to jmh-NAME.log.
jmh() {
    local name=$1
    shift
    echo "== JMH $name: $*"
    "${JAVA[@]}" org.openjdk.jmh.Main "$@" -rf json -rff "$OUT/jmh-$name.json" \
        >"$OUT/jmh-$name.log" 2>&1 || echo "JMH $name failed: see $OUT/jmh-$name.log"
    grep -E '^(Benchmark|[A-Z][A-Za-z]*Benchmark\.)' "$OUT/jmh-$name.log" || true
}

probe() {
    echo "== MemoryProbe $*"
    "${JAVA[@]}" "${PROBE_JVM[@]}" dev.facekit.benchmarks.MemoryProbe "$@" \
        >>"$OUT/memory.log" 2>&1 || echo "MemoryProbe $* failed: see $OUT/memory.log"
}

machine before
cat "$OUT/machine-before.txt"
start=$(date +%s)

# Settings: 1 fork, 2 warm-up and 3 measurement iterations; iteration times as in each class
# (1 s for decode, 2 s for detection and embedding; an iteration lasts at least one call).
COMMON=(-f 1 -wi 2 -i 3)
LOADING=()
SOAK=10000
IDENT_SIZES=10000,100000,1000000
if [ "${QUICK:-0}" = 1 ]; then
    COMMON=(-f 1 -wi 0 -i 1 -w 1 -r 1 -p size=427x240 -p batch=1)
    LOADING=(-f 1 -wi 0 -i 1 -w 1 -r 1)
    SOAK=300
    IDENT_SIZES=10000
fi
jmh decode DecodeBenchmark "${COMMON[@]}"
jmh detection 'dev.facekit.benchmarks.DetectionBenchmark' "${COMMON[@]}"
jmh throughput DetectionThroughputBenchmark "${COMMON[@]}"
jmh embedding 'dev.facekit.benchmarks.EmbeddingBenchmark' "${COMMON[@]}"
jmh vggface VggFaceEmbeddingBenchmark "${COMMON[@]}"
# Matching: iterations of 1 s (a query over the largest gallery takes about a second at most).
MATCH=(-f 1 -wi 2 -i 3 -w 1 -r 1)
if [ "${QUICK:-0}" = 1 ]; then
    MATCH=(-f 1 -wi 0 -i 1 -w 1 -r 1)
fi
jmh verification VerificationBenchmark "${MATCH[@]}"
jmh ident-128 IdentificationBenchmark "${MATCH[@]}" -p dimension=128 -p size=$IDENT_SIZES
jmh ident-2048 IdentificationBenchmark "${MATCH[@]}" -p dimension=2048 -p size=10000,100000
# 1M x 2,048 floats are 8 GB per fork (gallery, or the array of the memory pass): only with room.
avail_gb=$(awk '/MemAvailable/ {print int($2 / 1048576)}' /proc/meminfo)
if [ "${QUICK:-0}" = 1 ]; then
    echo "== QUICK: 1M x 2048 identification left out"
elif [ "$avail_gb" -ge 11 ]; then
    # Each fork fills 8 GB: the shipped search and the two SIMD passes only.
    jmh ident-2048-1m 'IdentificationBenchmark\.(identify|memoryPassVector|memoryPassParallel)$' \
        "${MATCH[@]}" -p dimension=2048 -p size=1000000
else
    echo "== 1M x 2048 identification skipped: MemAvailable ${avail_gb} GB < 11 GB" \
        | tee "$OUT/ident-2048-1m-skipped.txt"
fi
# Forks as in the classes: cold loads and first calls 3 forks of one shot; warm loads 1 fork.
jmh loading 'ModelLoadingBenchmark|FirstCallBenchmark' "${LOADING[@]}"

PROBE_JVM=(-Xmx4g)
probe detect 4000x3000
probe embed compact 32
probe embed resnet50 32
PROBE_JVM=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch)
probe soak 427x240 "$SOAK"

machine after
echo "suite: $(( ($(date +%s) - start) / 60 )) min"
echo "suite minutes: $(( ($(date +%s) - start) / 60 ))" >>"$OUT/machine-after.txt"
"${JAVA[@]}" dev.facekit.benchmarks.Report "$OUT"
