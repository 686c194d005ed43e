#!/usr/bin/env bash
# Runs `vision` from this bundle on the machine's own libtorch (the one Python's torch uses).
#
#   ./run.sh [RUN_OPTIONS] [VISION_ARGS...]     e.g.  ./run.sh env
#
# RUN_OPTIONS (before the vision arguments):
#   --check         only the compatibility check of libdjl_torch.so against the libtorch; exit 0
#                   when every symbol is found, 1 when some are missing
#   --smoke [DEV]   first tensor operations (create, copy, matmul, conv2d, softmax, backward) on
#                   the default device or DEV (cpu, gpu0), each compared with the CPU
#   --cpu           use the CPU JNI library and the CPU even when a GPU is there
#   --force         run even when the check finds missing symbols (to see which call fails)
#   --help-run      this text
#
# Environment (all optional):
#   PYTHON=python3            the Python whose torch is used
#   PYTORCH_LIBRARY_PATH=DIR  a folder with libtorch*.so and libc10*.so, instead of asking Python
#   PYTORCH_FLAVOR=cpu|cu128  instead of choosing from the torch build and the GPUs visible
#   VISION_JNI=FILE           a libdjl_torch.so to use instead of native/<flavor>/libdjl_torch.so
#   DJL_CACHE_DIR=DIR         writable cache (default: cache/ in the bundle, else $TMPDIR)
#   VISION_JAVA_OPTS=...      JVM options (default -Xmx8g)
#   RUN_QUIET=1               no run.sh: lines on stderr unless something is wrong
#
# Exit status: vision's own, or 2 (something missing: Python, torch, libtorch folder, bundle
# file), or 3 (the check found missing symbols and --force was not given).
set -euo pipefail

B="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { [ "${RUN_QUIET:-0}" = 1 ] || echo "run.sh: $*" >&2; }
warn() { echo "run.sh: warning: $*" >&2; }
die() {
  local code="$1"
  shift
  echo "run.sh: error: $*" >&2
  exit "$code"
}
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

[ -f "$B/bundle.env" ] || die 2 "$B/bundle.env missing: this script runs from a bundle made by gpu/pack.sh"
# shellcheck source=/dev/null
. "$B/bundle.env"
[ -x "$B/jre/bin/java" ] || die 2 "$B/jre/bin/java missing: the bundle is incomplete"

mode=run
force=0
want_cpu=0
smoke_device=()
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check; shift ;;
    --smoke)
      mode=smoke
      shift
      if [ $# -gt 0 ]; then smoke_device=("$1"); shift; fi
      ;;
    --cpu) want_cpu=1; shift ;;
    --force) force=1; shift ;;
    --help-run) usage; exit 0 ;;
    --) shift; break ;;
    *) break ;;
  esac
done

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] ||
  die 2 "this bundle is for Linux x86_64; this machine is $(uname -s)-$(uname -m)"

py="${PYTHON:-python3}"
have_py=0
command -v "$py" >/dev/null 2>&1 && have_py=1

# 1. The libtorch folder.
torch_desc="given by hand (PYTORCH_LIBRARY_PATH)"
torch_cuda=unknown
if [ -n "${PYTORCH_LIBRARY_PATH:-}" ]; then
  libdir="$PYTORCH_LIBRARY_PATH"
else
  [ "$have_py" = 1 ] ||
    die 2 "$py not found: it is needed to find the torch library folder (set PYTHON=/path/to/python3, or PYTORCH_LIBRARY_PATH=<folder with libtorch.so>)"
  info="$("$py" - 2>&1 <<'EOF' || true
import os, sys
try:
    import torch
except Exception as e:
    print("ERROR\t%s: %s" % (type(e).__name__, e))
    sys.exit(0)
print("LIBDIR\t" + os.path.join(os.path.dirname(torch.__file__), "lib"))
print("VERSION\t" + str(torch.__version__))
print("CUDA\t" + str(torch.version.cuda))
EOF
)"
  err="$(sed -n 's/^ERROR\t//p' <<<"$info")"
  [ -z "$err" ] || die 2 "$(command -v "$py") cannot import torch: $err (set PYTHON to a Python that has torch, or PYTORCH_LIBRARY_PATH)"
  libdir="$(sed -n 's/^LIBDIR\t//p' <<<"$info")"
  [ -n "$libdir" ] || die 2 "asking $py for the torch library folder failed: $info"
  torch_cuda="$(sed -n 's/^CUDA\t//p' <<<"$info")"
  torch_desc="torch $(sed -n 's/^VERSION\t//p' <<<"$info") (CUDA $torch_cuda) from $(command -v "$py")"
fi
[ -d "$libdir" ] || die 2 "the torch library folder $libdir does not exist"
libdir="$(cd "$libdir" && pwd)"
[ -e "$libdir/libc10.so" ] || die 2 "no libc10.so in $libdir: not a libtorch folder"
[ -e "$libdir/libtorch.so" ] || [ -e "$libdir/libtorch_cpu.so" ] ||
  die 2 "no libtorch.so or libtorch_cpu.so in $libdir: not a libtorch folder"

# 2. The flavor (which JNI library): cu128 when this torch has CUDA and a GPU is visible.
gpu_visible=no
if command -v nvidia-smi >/dev/null 2>&1; then
  gpus="$(nvidia-smi -L 2>/dev/null | grep -c '^GPU ' || true)"
  [ "${gpus:-0}" -gt 0 ] && gpu_visible="yes ($gpus by nvidia-smi)"
elif ls /dev/nvidia[0-9]* >/dev/null 2>&1; then
  gpu_visible="yes (/dev/nvidia*; no nvidia-smi)"
fi
if [ -n "${PYTORCH_FLAVOR:-}" ]; then
  flavor="$PYTORCH_FLAVOR"
  why="set by hand"
elif [ "$want_cpu" = 1 ]; then
  flavor=cpu
  why="--cpu"
elif [ ! -e "$libdir/libtorch_cuda.so" ]; then
  flavor=cpu
  why="no libtorch_cuda.so in the torch folder"
elif [ "$torch_cuda" = None ]; then
  flavor=cpu
  why="torch.version.cuda is None"
elif [ "$gpu_visible" = no ]; then
  flavor=cpu
  why="no GPU visible (nvidia-smi -L lists none, or no /dev/nvidia*)"
else
  flavor=cu128
  why="CUDA torch, GPU visible: $gpu_visible"
fi
case "$flavor" in
  cpu | cu128) ;;
  *) die 2 "PYTORCH_FLAVOR=$flavor: this bundle has JNI libraries for cpu and cu128 only" ;;
esac
if [ "$want_cpu" = 1 ] && [ "$flavor" != cpu ]; then
  die 2 "--cpu given, but PYTORCH_FLAVOR=$flavor is set"
fi

# 3. The JNI library, placed where DJL looks before it would extract or download one:
#    <engine cache>/pytorch/<torch version>-<flavor>-<classifier>/<djl version>-libdjl_torch.so.
jni="${VISION_JNI:-$B/native/$flavor/libdjl_torch.so}"
[ -f "$jni" ] || die 2 "JNI library $jni not found"
if [ -z "${DJL_CACHE_DIR:-}" ]; then
  if [ -w "$B" ]; then
    DJL_CACHE_DIR="$B/cache"
  else
    DJL_CACHE_DIR="${TMPDIR:-/tmp}/mlpvision-gpu-cache-$(id -u)"
  fi
fi
ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$DJL_CACHE_DIR}"
export DJL_CACHE_DIR ENGINE_CACHE_DIR
jni_dir="$ENGINE_CACHE_DIR/pytorch/$BUNDLE_TORCH_VERSION-$flavor-$BUNDLE_CLASSIFIER"
mkdir -p "$jni_dir" "$DJL_CACHE_DIR/jna" || die 2 "cannot create the cache folder $jni_dir (set DJL_CACHE_DIR to a writable folder)"
jni_used="$jni_dir/$BUNDLE_DJL_VERSION-libdjl_torch.so"
if ! cmp -s "$jni" "$jni_used"; then
  cp "$jni" "$jni_used.tmp.$$" && mv -f "$jni_used.tmp.$$" "$jni_used"
fi
# DJL first looks in the libtorch folder itself; a JNI library there wins over ours.
for f in "$BUNDLE_DJL_VERSION-libdjl_torch.so" libdjl_torch.so; do
  if [ -f "$libdir/$f" ]; then
    if cmp -s "$libdir/$f" "$jni"; then
      say "note: DJL will load $libdir/$f (identical to $jni)"
    else
      warn "DJL will load $libdir/$f, not $jni (it is found first); checking that one"
    fi
    jni_used="$libdir/$f"
    break
  fi
done

if [ -n "${PYTORCH_VERSION:-}" ]; then
  warn "ignoring PYTORCH_VERSION=$PYTORCH_VERSION (it would make DJL download a JNI library)"
  unset PYTORCH_VERSION
fi
export PYTORCH_LIBRARY_PATH="$libdir" PYTORCH_FLAVOR="$flavor"
say "libtorch: $libdir, $torch_desc"
say "flavor: $flavor ($why); JNI: $jni_used (built for PyTorch $BUNDLE_TORCH_VERSION, DJL $BUNDLE_DJL_VERSION)"
say "cache: $DJL_CACHE_DIR"

# 4. Compatibility check, before anything loads.
cudart_dir=""
if [ "$have_py" = 0 ]; then
  warn "$py not found: the symbol check is skipped (it is a Python script; set PYTHON=...)"
  [ "$mode" = check ] && die 2 "--check needs Python"
else
  key="$( (ls -lLn --time-style=+%s "$jni_used" "$libdir"/libtorch*.so* "$libdir"/libc10*.so* 2>/dev/null || true) | cksum | cut -d' ' -f1)"
  stamp="$jni_dir/check-$key.ok"
  if [ "$mode" != check ] && [ -f "$stamp" ]; then
    say "check: OK (cached: $stamp)"
    cudart_dir="$(sed -n 's/^cudart_dir=//p' "$stamp")"
  else
    report="$jni_dir/check-$key.json"
    set +e
    if [ "$mode" = check ]; then
      "$py" "$B/check_symbols.py" --jni "$jni_used" --libdir "$libdir" --json "$report"
    else
      check_out="$("$py" "$B/check_symbols.py" --jni "$jni_used" --libdir "$libdir" --json "$report" --quiet 2>&1)"
    fi
    rc=$?
    if [ "$mode" != check ] && { [ "$rc" != 0 ] || [ "${RUN_QUIET:-0}" != 1 ]; }; then
      printf '%s\n' "$check_out" >&2
    fi
    set -e
    [ "$rc" -le 1 ] || die 2 "the symbol check could not run (status $rc)"
    if [ "$mode" = check ]; then
      exit "$rc"
    fi
    if [ "$rc" = 1 ]; then
      if [ "$force" = 1 ]; then
        warn "symbols are missing (above); running anyway (--force): a call that needs one ends the process ('symbol lookup error'), and a changed class layout can crash or give wrong results"
      else
        hint="--force shows which call fails; see the routes above"
        [ "$flavor" = cpu ] || hint="--cpu tries the CPU JNI; $hint"
        die 3 "libdjl_torch.so ($flavor) does not match this libtorch (report above, JSON in $report); $hint"
      fi
    else
      cudart_dir="$("$py" -c 'import json, os, sys
r = json.load(open(sys.argv[1]))
print(next((os.path.dirname(s["path"]) for s in r["searched"] if s["soname"].startswith("libcudart.so")), ""))' "$report")"
      printf 'checked=%s\njni=%s\nlibdir=%s\ncudart_dir=%s\n' "$(date -u +%FT%TZ)" "$jni_used" "$libdir" "$cudart_dir" >"$stamp"
    fi
  fi
fi

# 5. Java. DJL counts GPUs through libcudart (JNA); a pip torch keeps it beside its CUDA
#    libraries, outside the loader's default path, so JNA is told where the check found it.
java_opts=(-Dai.djl.offline=true "-Djna.tmpdir=$DJL_CACHE_DIR/jna" "-XX:ErrorFile=$DJL_CACHE_DIR/hs_err_pid%p.log")
[ -n "$cudart_dir" ] && java_opts+=("-Djna.library.path=$cudart_dir")
# shellcheck disable=SC2206
user_opts=(${VISION_JAVA_OPTS:--Xmx8g})
if [ "$mode" = smoke ]; then
  exec "$B/jre/bin/java" "${user_opts[@]}" "${java_opts[@]}" -cp "$B/lib/*" org.mlpvision.gpu.Smoke "${smoke_device[@]}"
fi
exec "$B/jre/bin/java" "${user_opts[@]}" "${java_opts[@]}" -cp "$B/lib/*" org.mlpvision.cli.VisionMain "$@"
