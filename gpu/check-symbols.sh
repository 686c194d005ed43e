#!/usr/bin/env bash
# The compatibility check from the repository, without a bundle: takes DJL's libdjl_torch.so for
# FLAVOR (cpu or cu128) out of the pytorch-jni jar in the local Maven repository and compares its
# undefined symbols with what the libtorch in LIBDIR and its dependencies define.
#
#   gpu/check-symbols.sh LIBDIR [cpu|cu128] [check_symbols.py options, e.g. --json FILE]
#
# LIBDIR: a folder with libtorch*.so and libc10*.so, e.g. a pip torch's lib folder:
#   python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))'
# Exit status: 0 all symbols found, 1 some missing, 2 usage or input error.
set -euo pipefail

die() { echo "check-symbols.sh: error: $*" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || die "usage: gpu/check-symbols.sh LIBDIR [cpu|cu128] [--json FILE]"
libdir="$1"
shift
flavor=cu128
if [ $# -ge 1 ] && [[ "$1" != -* ]]; then
  flavor="$1"
  shift
fi
case "$flavor" in cpu | cu128) ;; *) die "flavor $flavor: cpu or cu128" ;; esac
command -v python3 >/dev/null || die "python3 not found (the check is a Python script)"
command -v unzip >/dev/null || die "unzip not found (needed to take the JNI library out of its jar)"

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1; }
djl="$(prop djl.version)"
torch="$(prop pytorch.version)"
[ -n "$djl" ] && [ -n "$torch" ] || die "djl.version / pytorch.version not found in $root/pom.xml"
jar="${M2_REPO:-$HOME/.m2/repository}/ai/djl/pytorch/pytorch-jni/$torch-$djl/pytorch-jni-$torch-$djl.jar"
[ -f "$jar" ] || die "$jar not found (mvn -B -q -DskipTests package -pl cli -am brings it)"

work="$(mktemp -d "${TMPDIR:-/tmp}/check-symbols.XXXXXX")"
trap 'rm -rf "$work"' EXIT
unzip -p "$jar" "jnilib/linux-x86_64/$flavor/libdjl_torch.so" >"$work/libdjl_torch.so" ||
  die "jnilib/linux-x86_64/$flavor/libdjl_torch.so not in $jar"
echo "check-symbols.sh: $flavor libdjl_torch.so of pytorch-jni $torch-$djl" >&2
python3 "$root/gpu/bundle/check_symbols.py" --jni "$work/libdjl_torch.so" --libdir "$libdir" "$@"
