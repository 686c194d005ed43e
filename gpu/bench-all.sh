#!/usr/bin/env bash
# Runs the benchmark commands on the GPU and then on the CPU through the bundle's run.sh, and
# writes RESULTS.md (one table: a row per benchmark, a GPU and a CPU column) from their JSON.
#
#   bench-all.sh [--out DIR] [--cpu-only] [--gpu-only] [--quick]
#
# In a bundle it uses ./run.sh beside it; from the repository (gpu/bench-all.sh) it uses
# target/gpu-bundle/run.sh (BUNDLE=DIR picks another). DIR (default: bench-results-<time> in the
# current folder) receives RESULTS.md, out/<id>.<pass>.out (stdout: the JSON), log/<id>.<pass>.log (stderr), runs.tsv.
#
# --quick replaces the benchmark sizes by small ones (to test this script, not to measure).
# A subcommand that this build of vision does not have is skipped with a note. The GPU pass is
# the engine's default device under run.sh's own flavor choice (cu128 when torch has CUDA and a
# GPU is visible); the CPU pass is run.sh --cpu (the CPU JNI on the same libtorch).
# BENCH_TIMEOUT (seconds per command, default 1800) bounds each run. BENCH_REPEATS=N runs the
# benchmarks with 1 warm-up and N timed repeats instead of their defaults (backbone 3+10, ops and
# coco-eval their own), to fit a time limit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "bench-all.sh: error: $*" >&2; exit 2; }
note() { echo "bench-all.sh: $*" >&2; }

if [ -f "$here/run.sh" ] && [ -f "$here/bundle.env" ]; then
  bundle="$here"
else
  bundle="${BUNDLE:-$(cd "$here/.." && pwd)/target/gpu-bundle}"
  [ -f "$bundle/run.sh" ] || die "no bundle at $bundle: run gpu/pack.sh first (or set BUNDLE=DIR)"
fi
run="$bundle/run.sh"
[ -f "$bundle/results_table.py" ] || die "$bundle/results_table.py missing"
py="${PYTHON:-python3}"
command -v "$py" >/dev/null || die "$py not found (needed to write the table; set PYTHON=...)"

out=""
passes=(gpu cpu)
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --cpu-only) passes=(cpu); shift ;;
    --gpu-only) passes=(gpu); shift ;;
    --quick) quick=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
out="${out:-$PWD/bench-results-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out/out" "$out/log"
out="$(cd "$out" && pwd)"
timeout_s="${BENCH_TIMEOUT:-1800}"
tsv="$out/runs.tsv"
printf 'id\tlabel\tpass\tstatus\tseconds\toutput\tnote\n' >"$tsv"

# The benchmarks: id | label | vision arguments (the JSON goes to stdout). Sizes from issue #5.
benchmarks() {
  local b224=64 b800=2 hw224=224x224 hw800=800x1216 reps="" ops="" coco=""
  if [ -n "${BENCH_REPEATS:-}" ]; then
    reps=" --warmup 1 --repeats $BENCH_REPEATS" ops="$reps" coco=" --repeats $BENCH_REPEATS"
  fi
  if [ "$quick" = 1 ]; then
    b224=2 b800=1 hw224=64x64 hw800=96x128 reps=" --warmup 1 --repeats 2"
    ops=" --warmup 1 --repeats 2" coco=" --images 100 --repeats 1"
  fi
  cat <<EOF
backbone-hire-cls-fwd|Hire-MLP-Tiny ${hw224} b${b224} forward|bench backbone --model hire_mlp_tiny --input ${hw224} --batch ${b224}${reps} --json
backbone-hire-cls-bwd|Hire-MLP-Tiny ${hw224} b${b224} forward+backward|bench backbone --model hire_mlp_tiny --input ${hw224} --batch ${b224} --backward${reps} --json
backbone-as-cls-fwd|AS-MLP-Tiny ${hw224} b${b224} forward|bench backbone --model as_mlp_tiny --input ${hw224} --batch ${b224}${reps} --json
backbone-as-cls-bwd|AS-MLP-Tiny ${hw224} b${b224} forward+backward|bench backbone --model as_mlp_tiny --input ${hw224} --batch ${b224} --backward${reps} --json
backbone-hire-dense-fwd|Hire-MLP-Tiny dense ${hw800} b${b800} forward|bench backbone --model hire_mlp_tiny --dense --input ${hw800} --batch ${b800}${reps} --json
backbone-hire-dense-bwd|Hire-MLP-Tiny dense ${hw800} b${b800} forward+backward|bench backbone --model hire_mlp_tiny --dense --input ${hw800} --batch ${b800} --backward${reps} --json
backbone-as-dense-fwd|AS-MLP-Tiny dense ${hw800} b${b800} forward|bench backbone --model as_mlp_tiny --dense --input ${hw800} --batch ${b800}${reps} --json
backbone-as-dense-bwd|AS-MLP-Tiny dense ${hw800} b${b800} forward+backward|bench backbone --model as_mlp_tiny --dense --input ${hw800} --batch ${b800} --backward${reps} --json
ops|tensor ops (vision bench ops)|bench ops${ops} --json
coco-eval|COCO evaluation (vision bench coco-eval)|bench coco-eval${coco} --json
EOF
}
[ -z "${BENCH_LIST:-}" ] || [ -f "$BENCH_LIST" ] || die "BENCH_LIST=$BENCH_LIST not found"
bench_lines() { if [ -n "${BENCH_LIST:-}" ]; then grep -v '^#' "$BENCH_LIST" | sed '/^$/d'; else benchmarks; fi; }

# Machine description.
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host=$(uname -n)"
  echo "kernel=$(uname -sr)"
  if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv,noheader 2>/dev/null |
      sed 's/^/gpu=/' || true
    nvidia-smi 2>/dev/null | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/driver_cuda=\1/p' | head -1 || true
  else
    echo "gpu=none (no nvidia-smi)"
  fi
  if command -v lscpu >/dev/null 2>&1; then
    lscpu | sed -n 's/^Model name: *\(.*\)/cpu=\1/p' | head -1
  fi
  echo "cpu_count=$(nproc 2>/dev/null || echo '?')"
  echo "memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
  cat "$bundle/bundle.env" | grep -v '^#'
} >"$out/machine.txt"

# run_one ID PASS LABEL ARGS... : runs one command, keeps stdout as JSON and stderr as log.
run_one() {
  local id="$1" pass="$2" label="$3"
  shift 3
  local flag=()
  [ "$pass" = cpu ] && flag=(--cpu)
  local json="$out/out/$id.$pass.out" log="$out/log/$id.$pass.log" t0 t1 rc
  note "[$pass] $label: run.sh ${flag[*]} $*"
  t0="$(date +%s.%N)"
  set +e
  timeout "$timeout_s" "$run" "${flag[@]}" "$@" >"$json" 2>"$log"
  rc=$?
  set -e
  t1="$(date +%s.%N)"
  local secs status note_text=""
  secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  if [ "$rc" = 0 ]; then
    status=ok
  else
    status=failed
    [ "$rc" = 124 ] && note_text="timed out after ${timeout_s}s; " || true
    note_text+="exit $rc: $(grep -m1 '^run.sh: error:' "$log" || grep -m1 -i -e exception -e 'error' -e unmatched -e unknown "$log" || tail -1 "$log")"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$label" "$pass" "$status" "$secs" "out/$id.$pass.out" \
    "$(tr '\t\n' '  ' <<<"$note_text")" >>"$tsv"
  return "$rc"
}

skip() { printf '%s\t%s\t%s\tskipped\t\t\t%s\n' "$1" "$2" "$3" "$4" >>"$tsv"; }

# Which subcommands exist: read from the help listings (`vision --help` lists the groups,
# `vision GROUP --help` their subcommands); picocli exits 0 on --help even for unknown words.
declare -A help_text=()
listing() {
  local key="${1:-top}"
  if [ -z "${help_text[$key]+x}" ]; then
    # shellcheck disable=SC2086
    help_text[$key]="$(RUN_QUIET=1 "$run" --cpu $1 --help 2>/dev/null || true)"
  fi
  printf '%s\n' "${help_text[$key]}"
}
lists() { sed -n '/^Commands:/,$p' | grep -q -E "^ +$1([ ,]|$)"; }
has_sub() {
  local group="${1%% *}" sub="${1#* }"
  listing "" | lists "$group" && listing "$group" | lists "$sub"
}

for pass in "${passes[@]}"; do
  flag=()
  [ "$pass" = cpu ] && flag=(--cpu)
  note "=== $pass pass"
  if ! run_one env "$pass" "vision env" env --json; then
    note "[$pass] vision env failed (log/env.$pass.log); benchmarks of this pass skipped"
    if grep -q 'does not match this libtorch' "$out/log/env.$pass.log"; then
      # The precise failure report: missing symbols, and which call fails when forced.
      "$run" "${flag[@]}" --check >"$out/log/check.$pass.txt" 2>&1 || true
      set +e
      timeout 600 "$run" "${flag[@]}" --force --smoke >"$out/log/smoke-forced.$pass.log" 2>&1
      echo "exit status $?" >>"$out/log/smoke-forced.$pass.log"
      hs="$(grep -A1 'error report file' "$out/log/smoke-forced.$pass.log" | sed -n 's/^# *\(\/.*hs_err_pid[0-9]*\.log\).*/\1/p' | head -1)"
      [ -n "$hs" ] && [ -f "$hs" ] && cp "$hs" "$out/log/hs_err.$pass.log"
      set -e
    fi
    while IFS='|' read -r id label args; do
      skip "$id" "$label" "$pass" "vision env failed in this pass"
    done < <(bench_lines)
    continue
  fi
  if [ "$pass" = gpu ] && ! grep -q '"default_device" *: *"gpu' "$out/out/env.gpu.out"; then
    note "[gpu] the default device is not a GPU (out/env.gpu.out); GPU benchmarks skipped"
    while IFS='|' read -r id label args; do
      skip "$id" "$label" gpu "no GPU: the engine's default device is $(sed -n 's/.*"default_device" *: *"\([^"]*\)".*/\1/p' "$out/out/env.gpu.out")"
    done < <(bench_lines)
    continue
  fi
  run_one smoke "$pass" "first tensor operations (run.sh --smoke)" --smoke || true
  while IFS='|' read -r id label args; do
    # shellcheck disable=SC2206
    words=($args)
    sub="${words[0]} ${words[1]}"
    if ! has_sub "$sub"; then
      skip "$id" "$label" "$pass" "this vision has no '$sub' command"
      continue
    fi
    # shellcheck disable=SC2086
    run_one "$id" "$pass" "$label" $args || true
  done < <(bench_lines)
done

"$py" "$bundle/results_table.py" "$out" >"$out/RESULTS.md"
note "table: $out/RESULTS.md"
cat "$out/RESULTS.md"
