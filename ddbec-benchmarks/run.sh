#!/usr/bin/env bash
# Runs the ddbec benchmarks (JMH) and renders docs/performance.md from the results.
#
# Usage: ddbec-benchmarks/run.sh [quick|full|smoke] [extra JMH options...]
#
#   quick  (default) about 36 minutes on 2 cores, plus a build if needed. The target cells of
#          issue 18 -- ddbec and its raw-crypto floor, encrypt and decrypt, static and wrapped AES:
#          every item shape at 1 thread, the typical item at 2 threads; and at 1 thread the floor
#          followed by building the item's SDK values -- run 2 forks, 6 x 1 s
#          warmup, 5 x 1 s measurement, so that their ratios (ddbec / floor, 2 threads / 1
#          thread) get intervals tight enough to judge. The official client in the same cells,
#          the typical item with the other providers, the helper clients (typical item, 1 and 2
#          threads) and the asynchronous clients (typical item, 64 requests in flight, 1 thread)
#          run 1 fork, 2 x 1 s warmup (3 x 2 s for helper and async clients), 3 x 2 s.
#          Then the same floor and scaling ratios measured interleaved (CpuPerItem,
#          ScalingPerItem: about 8 minutes), whose intervals are tight enough to decide.
#   full   every shape × provider × benchmark at 1 and 2 threads, 2 forks, 4 × 2 s warmup,
#          5 × 2 s measurement, then the interleaved measurements: about 88 minutes on 2 cores.
#   smoke  checks that every benchmark runs (one 1 s iteration each, no warmup, 1 thread, plus
#          the typical item with static and wrapped AES at 2 threads), about 3 minutes; its
#          numbers mean nothing, so it renders into results/smoke/performance.md and leaves docs/
#          alone.
#
# Every run uses -prof gc (allocation per operation) and writes JMH JSON (-rf json) plus the
# console log per JMH invocation into ddbec-benchmarks/results/<profile>/ (emptied first), with
# run-info.properties (commit, CPU, load average before and after). Then the report renderer
# (dev.ddbec.benchmarks.report.PerformanceReport, in the same jar) replaces the generated section
# of docs/performance.md and writes docs/performance-N-thread(s).png.
#
# Builds ddbec-benchmarks/target/benchmarks.jar first when it is missing or older than the sources
# of ddbec-api, ddbec-core, ddbec-testing or ddbec-benchmarks (tests are not run by that build).
# The helper-client and most-recent benchmarks run against a moto server (DynamoDB) started from
# the project's Python venv, which this script creates or refreshes first (scripts/python-env.sh).
#
# Environment:
#   DDBEC_BENCH_THREADS   thread counts to run, among "1 2" (default "1 2")
#   DDBEC_BENCH_NO_BUILD  1: never build; fail if the jar is missing
#   JAVA                  java launcher (default: java on PATH)
# Extra arguments are passed to every JMH invocation after the profile's own options, e.g.
# -jvmArgsAppend "-XX:+UseParallelGC". JMH merges repeated -p options: "-p shape=SMALL" adds the
# small item to every run rather than replacing the profile's choice.
#
# Numbers are only worth reading from a quiet machine: the script warns when the load average is
# high and records it. The report leads with ratios measured in the same run.
set -euo pipefail

log() { echo "[run.sh] $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${module}/.." && pwd)"
jar="${module}/target/benchmarks.jar"
java="${JAVA:-java}"

profile="quick"
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  set -- help
fi
if [[ $# -gt 0 && "$1" != -* ]]; then
  profile="$1"
  shift
fi
case "${profile}" in
  quick | full | smoke) ;;
  -h | --help | help)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
    exit 0
    ;;
  *) die "unknown profile '${profile}' (quick, full or smoke; --help for more)" ;;
esac
extra=("$@")
threads="${DDBEC_BENCH_THREADS:-1 2}"

command -v "${java}" > /dev/null 2>&1 || die "'${java}' not found; install Java 17 or set JAVA"

# --- build ------------------------------------------------------------------------------------
needs_build() {
  [[ -f "${jar}" ]] || return 0
  local newer
  newer="$(find "${root}/pom.xml" "${root}/ddbec-api/pom.xml" "${root}/ddbec-api/src/main" \
    "${root}/ddbec-core/pom.xml" "${root}/ddbec-core/src/main" \
    "${root}/ddbec-testing/pom.xml" "${root}/ddbec-testing/src/main" \
    "${module}/pom.xml" "${module}/src/main" -type f -newer "${jar}" -print -quit 2> /dev/null)"
  [[ -n "${newer}" ]]
}
if needs_build; then
  [[ "${DDBEC_BENCH_NO_BUILD:-0}" == 1 ]] && die "${jar} is missing or stale and DDBEC_BENCH_NO_BUILD=1"
  command -v mvn > /dev/null 2>&1 || die "mvn not found (Maven 3.8+ builds the benchmark jar)"
  log "building ${jar#"${root}"/} (mvn package, tests not run)"
  (cd "${root}" && mvn -B -q -pl ddbec-benchmarks -am package \
    -DskipTests -Dddbec.fuzz.skip=true -Djacoco.skip=true)
fi
[[ -f "${jar}" ]] || die "${jar} was not built"

# --- moto -------------------------------------------------------------------------------------
# The DynamoDB of the helper-client and most-recent benchmarks (dev.ddbec.testing.MotoServer, one
# server per benchmark JVM, stopped with it).
venv_python="$("${root}/scripts/python-env.sh" | tail -1)" || die "cannot create the Python venv"
DDBEC_VENV="$(cd "$(dirname "${venv_python}")/.." && pwd)"
export DDBEC_VENV

# --- profile ----------------------------------------------------------------------------------
# Helper-client runs warm up longer: the client side's code path is long to compile, and request
# latency against the moto server keeps falling for a few hundred requests.
case "${profile}" in
  quick)
    timing=(-f 1 -wi 2 -w 1s -i 3 -r 2s)
    # Six warm-up seconds: with 2 benchmark threads on 2 cores the JIT's compiler threads get no
    # core of their own, and ddbec's item path reached full speed only after about 5 s (2 s of
    # warm-up measured a still-compiling encrypt: 2 threads ÷ 1 thread 1.06 ± 1.03).
    target_timing=(-f 2 -wi 6 -w 1s -i 5 -r 1s)
    helper_timing=(-f 1 -wi 3 -w 2s -i 3 -r 2s)
    ;;
  full)
    timing=(-f 2 -wi 4 -w 2s -i 5 -r 2s)
    target_timing=("${timing[@]}")
    helper_timing=(-f 2 -wi 5 -w 2s -i 5 -r 2s)
    ;;
  smoke)
    timing=(-f 1 -wi 0 -i 1 -r 1s)
    target_timing=("${timing[@]}")
    helper_timing=("${timing[@]}")
    ;;
esac
item_and_floor='\.(ItemEncryptionBenchmark|CryptoFloorBenchmark)\.'
ddbec_and_floor='\.(ItemEncryptionBenchmark\.ddbec|CryptoFloorBenchmark\.(encrypt|decrypt)$)'
sdk_floor='\.CryptoFloorBenchmark\.(encrypt|decrypt)ToSdkItem$'
official='\.ItemEncryptionBenchmark\.official'
helper='\.HelperClientBenchmark\.'
async='\.AsyncClientBenchmark\.'
aes_providers='-p provider=STATIC,WRAPPED_AES'

# name, thread count, timing (std, target or helper), then JMH selection and parameters. A
# benchmark parameter left out means every value: new helper clients (ClientKind) are picked up.
# The quick profile names its providers: a new ProviderKind joins t1-typical-others.
runs=()
plan() { runs+=("$*"); }
case "${profile}" in
  quick)
    plan "t1-targets 1 target ${ddbec_and_floor} ${aes_providers}"
    plan "t1-sdk-floor 1 target ${sdk_floor} ${aes_providers}"
    plan "t1-official 1 std ${official} ${aes_providers}"
    plan "t1-typical-others 1 std ${item_and_floor} -p shape=TYPICAL -p provider=WRAPPED_RSA,MOST_RECENT"
    plan "t1-helper 1 helper ${helper} -p shape=TYPICAL"
    plan "t1-async 1 helper ${async} -p shape=TYPICAL"
    plan "t2-targets 2 target ${ddbec_and_floor} -p shape=TYPICAL ${aes_providers}"
    plan "t2-official 2 std ${official} -p shape=TYPICAL ${aes_providers}"
    plan "t2-helper 2 helper ${helper} -p shape=TYPICAL"
    plan "t1-observer 1 target \.ObserverBenchmark\."
    ;;
  full)
    plan "t1-all 1 std ${item_and_floor}"
    plan "t1-helper 1 helper ${helper}"
    plan "t1-async 1 helper ${async}"
    plan "t2-all 2 std ${item_and_floor}"
    plan "t2-helper 2 helper ${helper}"
    ;;
  smoke)
    plan "t1-all 1 std ${item_and_floor}"
    plan "t1-helper 1 helper ${helper} -p shape=TYPICAL"
    plan "t1-async 1 helper ${async} -p shape=TYPICAL"
    plan "t2-typical-aes 2 std ${item_and_floor} -p shape=TYPICAL ${aes_providers}"
    ;;
esac

# --- run --------------------------------------------------------------------------------------
results="${module}/results/${profile}"
mkdir -p "${results}"
rm -f "${results}"/*.json "${results}"/*.log "${results}"/*.md "${results}/run-info.properties"

cpus="$(nproc 2> /dev/null || echo '?')"
load() { cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo '?'; }
load_before="$(load)"
if [[ "${cpus}" != '?' && "${load_before}" != '?' ]] &&
  awk -v l="${load_before%% *}" -v c="${cpus}" 'BEGIN { exit !(l > 0.5 * c) }'; then
  log "WARNING: load average ${load_before} on ${cpus} CPUs: the machine is busy and the"
  log "         numbers will be noisy. Prefer a quiet machine for anything you publish."
fi
{
  echo "profile=${profile}"
  echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit=$(git -C "${root}" rev-parse --short HEAD 2> /dev/null || echo '?')$(
    git -C "${root}" diff --quiet HEAD 2> /dev/null || echo ' (uncommitted changes)'
  )"
  echo "cpus=${cpus} x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2> /dev/null | head -1)"
  echo "java=$("${java}" -version 2>&1 | head -1)"
  echo "load average before=${load_before}"
} > "${results}/run-info.properties"

started=${SECONDS}
for spec in "${runs[@]}"; do
  read -r -a words <<< "${spec}"
  name="${words[0]}"
  t="${words[1]}"
  kind="${words[2]}"
  selection=("${words[@]:3}")
  if [[ " ${threads} " != *" ${t} "* ]]; then
    log "skipping ${name} (${t} threads not in DDBEC_BENCH_THREADS='${threads}')"
    continue
  fi
  case "${kind}" in
    target) run_timing=("${target_timing[@]}") ;;
    helper) run_timing=("${helper_timing[@]}") ;;
    *) run_timing=("${timing[@]}") ;;
  esac
  log "JMH ${name}: ${selection[*]} -t ${t}"
  if ! "${java}" -jar "${jar}" "${selection[@]}" -t "${t}" "${run_timing[@]}" \
    -prof gc -foe true -rf json -rff "${results}/${name}.json" ${extra[@]+"${extra[@]}"} \
    2>&1 | tee "${results}/${name}.log"; then
    die "JMH ${name} failed; see ${results#"${root}"/}/${name}.log"
  fi
done
# --- interleaved measurements -----------------------------------------------------------------
# The floor and scaling ratios once more, measured in short alternating blocks in one JVM (each
# ratio within a round, so drift cancels; docs/performance.md, "CPU time per item, interleaved" and
# "Scaling, interleaved"): CpuPerItem about 2 min, ScalingPerItem about 6 min. Their Markdown goes
# into the report as it is. Not in smoke (unit tests cover the harnesses).
includes=()
if [[ "${profile}" != smoke ]]; then
  for program in CpuPerItem:1 ScalingPerItem:2; do
    name="${program%%:*}"
    if [[ " ${threads} " != *" ${program##*:} "* ]]; then
      log "skipping ${name} (${program##*:} threads not in DDBEC_BENCH_THREADS='${threads}')"
      continue
    fi
    log "${name} (interleaved)"
    "${java}" -Xms2g -Xmx2g -cp "${jar}" "dev.ddbec.benchmarks.${name}" \
      > "${results}/interleaved-${name}.md" 2> "${results}/interleaved-${name}.log" ||
      die "${name} failed; see ${results#"${root}"/}/interleaved-${name}.log"
    includes+=(--include "${results}/interleaved-${name}.md")
  done
fi
echo "load average after=$(load)" >> "${results}/run-info.properties"
echo "duration=$(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s" \
  >> "${results}/run-info.properties"

# --- render -----------------------------------------------------------------------------------
shopt -s nullglob
jsons=("${results}"/*.json)
[[ ${#jsons[@]} -gt 0 ]] || die "no results in ${results}"
if [[ "${profile}" == smoke ]]; then
  doc="${results}/performance.md"
  printf '# Smoke run (numbers mean nothing)\n\n<!-- BEGIN RESULTS -->\n<!-- END RESULTS -->\n' \
    > "${doc}"
else
  doc="${root}/docs/performance.md"
fi
"${java}" -cp "${jar}" dev.ddbec.benchmarks.report.PerformanceReport \
  --doc "${doc}" --images "$(dirname "${doc}")" --profile "${profile}" \
  --run-info "${results}/run-info.properties" ${includes[@]+"${includes[@]}"} "${jsons[@]}"
log "done in $(((SECONDS - started) / 60)) min: ${doc#"${root}"/}, results in ${results#"${root}"/}/"
