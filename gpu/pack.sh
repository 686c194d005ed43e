#!/usr/bin/env bash
# Builds the GPU bundle: a folder that runs `vision` on a Linux x86_64 machine that has PyTorch
# for Python but no Java and no network. See gpu/README.md.
#
#   gpu/pack.sh [OUT_DIR]        (default: target/gpu-bundle, relative to the repository root)
#
# Contents: jre/ (jlink runtime with only the modules needed), lib/ (thin project jars and their
# runtime dependencies, without the CPU libtorch jar and the pytorch-jni jar; PROFILE=bench leaves
# out OpenCV and plotting too),
# native/{cu128,cpu}/libdjl_torch.so (from the pytorch-jni jar), run.sh, check_symbols.py,
# bench-all.sh, results_table.py, bundle.env, MANIFEST.txt.
#
# Environment:
#   PROFILE=bench       (default) what the engine, `vision env` and the benchmarks need, at most
#                       60 MiB: no OpenCV (image decoding and augmentation) and no plotting
#                       (XChart and java.desktop: training's curves.png)
#   PROFILE=full        also OpenCV (its linux-x86_64 native only), XChart and java.desktop, for
#                       data loading and training; about 100 MiB, so no size limit by default
#   EXTRA_MODULES=a,b   Java modules to add to the runtime beyond what jdeps finds
#   SIZE_LIMIT_MIB=N    fail when the bundle is larger (default 60 for bench, 0 = none for full)
#   MVN_ARGS=...        extra Maven arguments (e.g. -o)
set -euo pipefail

die() { echo "pack.sh: $*" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-target/gpu-bundle}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
profile="${PROFILE:-bench}"
case "$profile" in
  bench)
    limit_mib="${SIZE_LIMIT_MIB:-60}"
    # artifactIds left out: OpenCV, and XChart with what it brings (it needs java.desktop).
    drop="opencv xchart VectorGraphics2D graphics2d pdfbox pdfbox-io fontbox commons-logging animated-gif-lib"
    profile_modules=""
    ;;
  full)
    limit_mib="${SIZE_LIMIT_MIB:-0}"
    drop=""
    profile_modules="java.desktop"
    ;;
  *) die "PROFILE=$profile: use bench or full" ;;
esac

for tool in mvn jlink jdeps javac jar unzip zip; do
  command -v "$tool" >/dev/null || die "$tool not found (needs a JDK 17 with jlink, Maven, zip and unzip)"
done
java_major="$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')"
[ "$java_major" = 17 ] || die "javac $java_major found; the bundle's runtime is made from a JDK 17"

if [ -e "$out" ]; then
  [ -f "$out/bundle.env" ] || [ -z "$(ls -A "$out")" ] ||
    die "$out exists and is not a GPU bundle; remove it or choose another OUT_DIR"
  rm -rf "$out"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/gpu-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/lib" "$out/native/cpu" "$out/native/cu128"

# 1. Project jars and their runtime dependencies (dependency:copy-dependencies runs on each
#    module of the reactor after its package phase, so the project jars come from target/).
echo "pack.sh: building the project jars (mvn package, no tests) ..." >&2
# shellcheck disable=SC2086
mvn -B -q -DskipTests -Dspotless.check.skip=true ${MVN_ARGS:-} package dependency:copy-dependencies \
  -pl cli -am -DincludeScope=runtime -DexcludeArtifactIds=pytorch-native-cpu \
  -DoutputDirectory="$work/deps" >&2
cli_jar="$(ls cli/target/mlpvision-cli-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)"
[ -n "$cli_jar" ] || die "cli/target/mlpvision-cli-*.jar was not built"
cp "$cli_jar" "$work/deps/"

jni_jar="$(ls "$work"/deps/pytorch-jni-*.jar 2>/dev/null | head -1 || true)"
engine_jar="$(ls "$work"/deps/pytorch-engine-*.jar 2>/dev/null | head -1 || true)"
[ -n "$jni_jar" ] || die "pytorch-jni jar not among the cli module's runtime dependencies"
[ -n "$engine_jar" ] || die "pytorch-engine jar not among the cli module's runtime dependencies"

# 2. The JNI libraries, and the versions DJL uses to name its cache folder.
for flavor in cpu cu128; do
  unzip -p "$jni_jar" "jnilib/linux-x86_64/$flavor/libdjl_torch.so" >"$out/native/$flavor/libdjl_torch.so" ||
    die "jnilib/linux-x86_64/$flavor/libdjl_torch.so not in $jni_jar"
done
props="$(unzip -p "$engine_jar" pytorch-engine.properties)"
djl_version="$(sed -n 's/^djl_version=//p' <<<"$props" | tr -d '\r')"
torch_version="$(sed -n 's/^pytorch_version=//p' <<<"$props" | tr -d '\r')"
jni_version="$(unzip -p "$jni_jar" jnilib/pytorch.properties | sed -n 's/^jni_version=//p' | tr -d '\r')"
[ -n "$djl_version" ] && [ -n "$torch_version" ] || die "cannot read versions from $engine_jar"
[ "$jni_version" = "$torch_version-$djl_version" ] ||
  die "pytorch-jni is $jni_version, pytorch-engine expects $torch_version-$djl_version"
rm "$jni_jar" # the libraries travel in native/; run.sh puts the chosen one where DJL looks first

# 3. Libraries the profile leaves out, and the project classes that refer to them (they fail with
#    NoClassDefFoundError if a command reaches them). OpenCV keeps only its linux-x86_64 native.
dropped_users=""
for j in "$work"/deps/mlpvision-*.jar; do
  while IFS= read -r cls; do
    if unzip -p "$j" "$cls" | grep -a -q -e 'org/opencv/' -e 'nu/pattern/' -e 'org/knowm/xchart/'; then
      dropped_users+="${cls%.class} "
    fi
  done < <(unzip -Z1 "$j" | grep '\.class$' || true)
done
for a in $drop; do
  rm -f "$work"/deps/"$a"-[0-9]*.jar
done
opencv_jar="$(ls "$work"/deps/opencv-*.jar 2>/dev/null | head -1 || true)"
if [ -n "$opencv_jar" ]; then
  zip -q -d "$opencv_jar" 'nu/pattern/opencv/osx/*' 'nu/pattern/opencv/windows/*' \
    'nu/pattern/opencv/linux/ARM*' 'nu/pattern/opencv/linux/x86_32/*' >/dev/null
fi
cp "$work"/deps/*.jar "$out/lib/"

# 4. Java runtime. jdeps over the project's own jars finds what our code needs; the libraries add
#    java.logging and jdk.unsupported (Guice, Guava) and java.management (DJL). Left out on
#    purpose: java.desktop (DJL's BufferedImage helpers and JNA's AWT helpers), java.sql (Jackson's
#    and Gson's optional java.sql.Date support), java.compiler (annotation types): none of them is
#    touched by the engine or the benchmarks; EXTRA_MODULES adds them back if ever needed.
mkdir -p "$work/jdeps"
for j in "$out"/lib/mlpvision-*.jar; do
  cp "$j" "$work/jdeps/"
done
for j in "$work"/jdeps/*.jar; do
  zip -q -d "$j" 'module-info.class' 'META-INF/versions/*/module-info.class' >/dev/null 2>&1 || true
done
project_modules="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 "$work"/jdeps/*.jar | tail -1)"
modules="java.base,java.logging,java.management,jdk.unsupported,$project_modules${profile_modules:+,$profile_modules}${EXTRA_MODULES:+,$EXTRA_MODULES}"
modules="$(tr ',' '\n' <<<"$modules" | sed '/^$/d' | sort -u | paste -sd, -)"
echo "pack.sh: jlink --add-modules $modules" >&2
jlink --add-modules "$modules" --compress=2 --strip-debug --no-header-files --no-man-pages \
  --output "$out/jre"
if command -v strip >/dev/null; then
  # Native symbol tables (not needed to run; a crash report then shows addresses only).
  find "$out/jre/lib" -name '*.so' -exec strip --strip-unneeded {} +
else
  echo "pack.sh: strip (binutils) not found; the runtime's native libraries keep their symbol tables" >&2
fi

# 5. The tensor smoke test (first operations on the device, each compared with the CPU).
mkdir -p "$work/smoke"
javac --release 17 -d "$work/smoke" -cp "$out/lib/*" gpu/smoke/org/mlpvision/gpu/Smoke.java
jar --create --file "$out/lib/mlpvision-gpu-smoke.jar" -C "$work/smoke" .

# 6. Scripts and metadata.
cp gpu/bundle/run.sh gpu/bundle/check_symbols.py gpu/bench-all.sh gpu/results_table.py "$out/"
chmod +x "$out/run.sh" "$out/check_symbols.py" "$out/bench-all.sh" "$out/results_table.py"
cat >"$out/bundle.env" <<EOF
# Written by gpu/pack.sh; read by run.sh.
BUNDLE_DJL_VERSION=$djl_version
BUNDLE_TORCH_VERSION=$torch_version
BUNDLE_CLASSIFIER=linux-x86_64
BUNDLE_GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo -dirty)
BUNDLE_CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
BUNDLE_JAVA_MODULES=$modules
BUNDLE_PROFILE=$profile
BUNDLE_LEFT_OUT="${drop:-none}"
EOF

total="$(du -sb "$out" | cut -f1)"
{
  echo "MLPVision GPU bundle ($(date -u +%Y-%m-%d), commit $(sed -n 's/^BUNDLE_GIT_COMMIT=//p' "$out/bundle.env"))"
  echo "profile $profile (left out: ${drop:-nothing}); DJL $djl_version, JNI built for PyTorch $torch_version"
  echo "Java modules: $modules"
  echo
  echo "bytes     path"
  (cd "$out" && du -sb jre lib native && du -ab jre/lib/modules jre/lib/server/libjvm.so \
    native/*/libdjl_torch.so lib/*.jar run.sh check_symbols.py bench-all.sh results_table.py bundle.env)
  echo "total $total bytes ($(awk -v b="$total" 'BEGIN { printf "%.2f", b / 1048576 }') MiB)"
} >"$out/MANIFEST.txt"
total="$(du -sb "$out" | cut -f1)"

if [ -n "$drop" ] && [ -n "$dropped_users" ]; then
  echo "pack.sh: note: profile $profile leaves out $drop;" >&2
  echo "         these project classes refer to them and fail if a command reaches them:" >&2
  echo "         $dropped_users" >&2
fi
echo "pack.sh: bundle $out"
echo "pack.sh: size $total bytes = $(awk -v b="$total" 'BEGIN { printf "%.2f", b / 1048576 }') MiB (jre $(du -sb "$out/jre" | cut -f1), lib $(du -sb "$out/lib" | cut -f1), native $(du -sb "$out/native" | cut -f1))"
if [ "$limit_mib" != 0 ] && [ "$total" -gt $((limit_mib * 1048576)) ]; then
  die "the bundle is larger than $limit_mib MiB"
fi
