#!/usr/bin/env python3
"""Compatibility check: does a libdjl_torch.so find every symbol it needs in a libtorch folder?

The JNI library's undefined dynamic symbols are compared with the symbols defined by the
libraries it will be linked against at run time: its NEEDED libraries (libc10*.so, libtorch*.so
from the torch folder) and their NEEDED libraries in turn (CUDA runtime, libstdc++, libc, ...),
found the way the dynamic loader finds them (the torch folder first, because DJL loads those
libraries by path before the JNI, then each library's RUNPATH/RPATH with $ORIGIN, then
LD_LIBRARY_PATH, /etc/ld.so.conf and the default folders).

Names are compared as the dynamic linker compares them: the exact (mangled) name, plus the
symbol version when the reference carries one (memcpy@GLIBC_2.14). Missing ones are printed
demangled (c++filt, when present) with the mangled name beside them. Weak undefined references
are optional for the linker and are listed apart.

Symbols are read with `nm -D` when binutils are installed, otherwise with the small ELF reader in
this file (Python is all the target machine is guaranteed to have); `--reader` picks one.

Exit status: 0 all found, 1 symbols or NEEDED libraries missing, 2 usage or input error.
"""
import argparse
import glob
import json
import mmap
import os
import re
import shutil
import struct
import subprocess
import sys

SYSTEM_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
               "/lib", "/usr/lib"]
CUDA_LIB = re.compile(r"^lib(cuda|cudart|cublas|cudnn|cufft|cufile|curand|cusparse|cusolver|cupti|nv|nccl)")
SYSTEM_VERSION_PREFIXES = ("GLIBC_", "GLIBCXX_", "CXXABI_", "GCC_")


ROUTES = """  This libdjl_torch.so was built by DJL 0.35.1 for PyTorch 2.7.1 ({jni}); the machine's
  libtorch does not provide what it links against. Routes that would fix it:
   1. Use a PyTorch 2.7.1 build for this run: a venv with the torch 2.7.1 wheel (cu128 for
      the GPU, cpu otherwise; copy the wheel over when there is no network), then
      PYTHON=<venv>/bin/python3 run.sh ...  or  PYTORCH_LIBRARY_PATH=<venv torch>/lib run.sh ...
   2. Build libdjl_torch.so from DJL 0.35.1's engines/pytorch/pytorch-native sources against
      this machine's libtorch (headers and CMake files ship in the wheel:
      python3 -c 'import torch.utils; print(torch.utils.cmake_prefix_path)'), then
      VISION_JNI=<built libdjl_torch.so> run.sh ...  (source changes may be needed where the
      C++ API changed between 2.7 and this version).
   3. Move the project to a DJL release whose pytorch-jni is built for this machine's PyTorch
      version (pom.xml: djl.version and pytorch.version), and pack the bundle again.
  Symbol presence is necessary, not sufficient: a library that passes this check can still
  fail at the first tensor operation when class layouts changed (run.sh --smoke tests that)."""


class ElfError(Exception):
    pass


# ----------------------------------------------------------------------------------------------
# ELF reading (64-bit little-endian, i.e. linux-x86_64 and linux-aarch64)
# ----------------------------------------------------------------------------------------------
class Elf:
    SHT_DYNAMIC, SHT_DYNSYM = 6, 11
    SHT_GNU_VERDEF, SHT_GNU_VERNEED, SHT_GNU_VERSYM = 0x6FFFFFFD, 0x6FFFFFFE, 0x6FFFFFFF
    DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH = 1, 14, 15, 29

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            try:
                self.m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError as e:
                raise ElfError(f"{path}: cannot map ({e})")
        m = self.m
        if m[:4] != b"\x7fELF":
            raise ElfError(f"{path}: not an ELF file")
        if m[4] != 2 or m[5] != 1:
            raise ElfError(f"{path}: only 64-bit little-endian ELF is supported")
        shoff, = struct.unpack_from("<Q", m, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", m, 0x3A)
        self.sections = []
        for i in range(shnum):
            (name, typ, flags, addr, off, size, link, info, align,
             entsize) = struct.unpack_from("<IIQQQQIIQQ", m, shoff + i * shentsize)
            self.sections.append(dict(type=typ, offset=off, size=size, link=link, info=info,
                                      entsize=entsize))

    def _str(self, sec_index, off):
        sec = self.sections[sec_index]
        start = sec["offset"] + off
        end = self.m.find(b"\0", start, sec["offset"] + sec["size"])
        return self.m[start:end].decode("utf-8", "replace")

    def _first(self, typ):
        for s in self.sections:
            if s["type"] == typ:
                return s
        return None

    def dynamic(self):
        """(needed list, soname, rpath list, runpath list)."""
        needed, soname, rpath, runpath = [], None, [], []
        for idx, s in enumerate(self.sections):
            if s["type"] != self.SHT_DYNAMIC:
                continue
            for off in range(s["offset"], s["offset"] + s["size"], 16):
                tag, val = struct.unpack_from("<qQ", self.m, off)
                if tag == 0:
                    break
                if tag == self.DT_NEEDED:
                    needed.append(self._str(s["link"], val))
                elif tag == self.DT_SONAME:
                    soname = self._str(s["link"], val)
                elif tag == self.DT_RPATH:
                    rpath += [p for p in self._str(s["link"], val).split(":") if p]
                elif tag == self.DT_RUNPATH:
                    runpath += [p for p in self._str(s["link"], val).split(":") if p]
        return needed, soname, rpath, runpath

    def _version_names(self):
        names = {}
        for s in self.sections:
            if s["type"] == self.SHT_GNU_VERDEF:
                off = s["offset"]
                for _ in range(s["info"]):
                    (vd_version, vd_flags, vd_ndx, vd_cnt, vd_hash, vd_aux,
                     vd_next) = struct.unpack_from("<HHHHIII", self.m, off)
                    if vd_cnt and not (vd_flags & 1):  # VER_FLG_BASE names the file itself
                        vda_name, = struct.unpack_from("<I", self.m, off + vd_aux)
                        names[vd_ndx] = self._str(s["link"], vda_name)
                    if not vd_next:
                        break
                    off += vd_next
            elif s["type"] == self.SHT_GNU_VERNEED:
                off = s["offset"]
                for _ in range(s["info"]):
                    vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from(
                        "<HHIII", self.m, off)
                    aoff = off + vn_aux
                    for _ in range(vn_cnt):
                        vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from(
                            "<IHHII", self.m, aoff)
                        names[vna_other] = self._str(s["link"], vna_name)
                        if not vna_next:
                            break
                        aoff += vna_next
                    if not vn_next:
                        break
                    off += vn_next
        return names

    def symbols(self):
        """(undefined, weak_undefined, defined) as sets of names in nm's notation.

        Undefined references carry '@VER' when versioned; definitions carry '@@VER' (default
        version) or '@VER' (hidden version), like `nm -D` prints them.
        """
        dynsym = self._first(self.SHT_DYNSYM)
        if dynsym is None:
            return set(), set(), set()
        versym = self._first(self.SHT_GNU_VERSYM)
        vnames = self._version_names()
        undefined, weak_undefined, defined = set(), set(), set()
        count = dynsym["size"] // 24
        for i in range(1, count):
            st_name, st_info, st_other, st_shndx, st_value, st_size = struct.unpack_from(
                "<IBBHQQ", self.m, dynsym["offset"] + i * 24)
            bind = st_info >> 4
            if bind == 0:  # STB_LOCAL
                continue
            name = self._str(dynsym["link"], st_name)
            if not name:
                continue
            ver = None
            hidden = False
            if versym is not None:
                v, = struct.unpack_from("<H", self.m, versym["offset"] + i * 2)
                hidden = bool(v & 0x8000)
                ver = vnames.get(v & 0x7FFF)
            if st_shndx == 0:
                full = f"{name}@{ver}" if ver else name
                (weak_undefined if bind == 2 else undefined).add(full)
            else:
                if ver and ver != name:  # nm prints a version's own symbol bare
                    defined.add(f"{name}{'@' if hidden else '@@'}{ver}")
                else:
                    defined.add(name)
        return undefined, weak_undefined, defined


# ----------------------------------------------------------------------------------------------
# nm reading
# ----------------------------------------------------------------------------------------------
def nm_symbols(nm, path):
    def run(flag):
        out = subprocess.run([nm, "-D", flag, path], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        if out.returncode != 0:
            if "no symbols" in out.stderr:
                return []
            raise ElfError(f"{nm} -D {flag} {path} failed: {out.stderr.strip()}")
        return out.stdout.splitlines()

    undefined, weak_undefined, defined = set(), set(), set()
    for line in run("--undefined-only"):
        parts = line.split()
        if len(parts) < 2:
            continue
        typ, name = parts[-2], parts[-1]
        (weak_undefined if typ in ("w", "v") else undefined).add(name)
    for line in run("--defined-only"):
        parts = line.split()
        if len(parts) < 3:
            continue
        typ, name = parts[-2], parts[-1]
        if typ.islower() and typ not in ("u", "v", "w", "i"):
            continue  # local
        defined.add(name)
    return undefined, weak_undefined, defined


# ----------------------------------------------------------------------------------------------
# Library resolution (what the dynamic loader would link)
# ----------------------------------------------------------------------------------------------
def ld_so_conf_dirs(conf="/etc/ld.so.conf", seen=None):
    seen = seen if seen is not None else set()
    dirs = []
    if conf in seen or not os.path.isfile(conf):
        return dirs
    seen.add(conf)
    with open(conf, errors="replace") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("include"):
                pattern = line.split(None, 1)[1]
                if not os.path.isabs(pattern):
                    pattern = os.path.join(os.path.dirname(conf), pattern)
                for c in sorted(glob.glob(pattern)):
                    dirs += ld_so_conf_dirs(c, seen)
            else:
                dirs.append(line)
    return dirs


def expand_origin(paths, origin):
    return [p.replace("$ORIGIN", origin).replace("${ORIGIN}", origin) for p in paths]


def resolve_closure(jni_path, libdir, read):
    """Breadth-first NEEDED closure. Returns (ordered list of (soname, path), missing list of
    (soname, needed_by))."""
    env_dirs = [p for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p]
    conf_dirs = ld_so_conf_dirs()
    resolved = {}  # soname -> path
    order = []
    missing = []
    queue = [(jni_path, "JNI")]
    seen_paths = set()
    while queue:
        path, _ = queue.pop(0)
        real = os.path.realpath(path)
        if real in seen_paths:
            continue
        seen_paths.add(real)
        needed, soname, rpath, runpath = read(path)
        origin = os.path.dirname(real)
        for name in needed:
            if name in resolved:
                continue
            # DJL loads every library of the torch folder by path before the JNI, so the
            # folder wins; then what ld.so would search for this object.
            dirs = [libdir]
            if not runpath:
                dirs += expand_origin(rpath, origin)
            dirs += env_dirs + expand_origin(runpath, origin) + conf_dirs + SYSTEM_DIRS
            hit = None
            for d in dirs:
                cand = os.path.join(d, name)
                if os.path.isfile(cand):
                    hit = os.path.normpath(cand)
                    break
            if hit is None:
                missing.append((name, os.path.basename(path)))
                resolved[name] = None
                continue
            resolved[name] = hit
            order.append((name, hit))
            queue.append((hit, name))
    return order, missing


# ----------------------------------------------------------------------------------------------
def demangle(names):
    cxxfilt = shutil.which("c++filt")
    if not cxxfilt or not names:
        return {n: n for n in names}
    bare = [n.split("@", 1)[0] for n in names]
    out = subprocess.run([cxxfilt], input="\n".join(bare) + "\n", stdout=subprocess.PIPE,
                         text=True)
    lines = out.stdout.splitlines()
    if out.returncode != 0 or len(lines) != len(names):
        return {n: n for n in names}
    return dict(zip(names, lines))


def category(name, pretty):
    base = name.split("@", 1)[0]
    if "@" in name and name.split("@", 1)[1].startswith(SYSTEM_VERSION_PREFIXES):
        return "system (libc/libstdc++/libgcc)"
    if base.startswith("cuda") or base.startswith("__cuda"):
        return "CUDA runtime"
    for ns in ("at::", "c10::", "torch::", "caffe2::"):
        if ns in pretty:
            return "torch/c10/at"
    return "other"


def satisfied(ref, defined_names, defined_bare):
    if "@" in ref:
        name, ver = ref.split("@", 1)
        return f"{name}@@{ver}" in defined_names or f"{name}@{ver}" in defined_names
    return ref in defined_bare


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jni", required=True, help="libdjl_torch.so to check")
    ap.add_argument("--libdir", required=True,
                    help="folder with the machine's libtorch*.so and libc10*.so")
    ap.add_argument("--reader", choices=["auto", "nm", "python"], default="auto",
                    help="how symbols are read (auto: nm when installed, else Python)")
    ap.add_argument("--json", metavar="FILE", help="also write the result as JSON")
    ap.add_argument("--quiet", action="store_true", help="one summary line unless missing")
    a = ap.parse_args()

    for p, what in ((a.jni, "JNI library"), (a.libdir, "torch library folder")):
        if not os.path.exists(p):
            print(f"check-symbols: {what} not found: {p}", file=sys.stderr)
            return 2
    nm = shutil.which("nm")
    reader = a.reader
    if reader == "auto":
        reader = "nm" if nm else "python"
    if reader == "nm" and not nm:
        print("check-symbols: --reader nm asked for, but nm (binutils) is not installed",
              file=sys.stderr)
        return 2

    def read_dynamic(path):
        return Elf(path).dynamic()

    def read_symbols(path):
        return nm_symbols(nm, path) if reader == "nm" else Elf(path).symbols()

    libdir = os.path.abspath(a.libdir)
    try:
        libs, missing_libs = resolve_closure(a.jni, libdir, read_dynamic)
        und, weak_und, _ = read_symbols(a.jni)
        defined = set()
        per_lib = []
        for soname, path in libs:
            _, _, d = read_symbols(path)
            defined |= d
            per_lib.append((soname, path, len(d)))
    except (ElfError, OSError) as e:
        print(f"check-symbols: {e}", file=sys.stderr)
        return 2
    bare = {n.split("@", 1)[0] for n in defined}
    missing = sorted(r for r in und if not satisfied(r, defined, bare))
    weak_missing = sorted(r for r in weak_und if not satisfied(r, defined, bare))
    pretty = demangle(missing + weak_missing)
    torch_libs = sorted(os.path.basename(p) for p in
                        glob.glob(os.path.join(libdir, "libtorch*.so*")) +
                        glob.glob(os.path.join(libdir, "libc10*.so*")))

    result = dict(jni=os.path.abspath(a.jni), libdir=libdir, reader=reader,
                  undefined=len(und), weak_undefined=len(weak_und),
                  searched=[dict(soname=s, path=p, defined=n) for s, p, n in per_lib],
                  missing_libraries=[dict(soname=s, needed_by=b) for s, b in missing_libs],
                  missing=[dict(symbol=m, demangled=pretty[m], category=category(m, pretty[m]))
                           for m in missing],
                  weak_missing=[dict(symbol=m, demangled=pretty[m]) for m in weak_missing],
                  torch_folder_libraries=torch_libs)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)

    ok = not missing and not missing_libs
    print(f"check-symbols: {a.jni}")
    print(f"  against {libdir} (read with {reader}): {len(und)} required symbols, "
          f"{len(weak_und)} weak (optional); missing: {len(missing)}; "
          f"NEEDED libraries not found: {len(missing_libs)}")
    if a.quiet and ok:
        return 0
    print("  libraries searched (the JNI's NEEDED closure, as the loader would link it):")
    others = 0
    for s, p, n in per_lib:
        if a.quiet and not (p.startswith(libdir + os.sep) or CUDA_LIB.match(s)):
            others += 1
            continue
        print(f"    {s:28s} {p}  ({n} defined symbols)")
    if others:
        print(f"    ... and {others} system libraries (libc, libstdc++, ...; --check lists them)")
    for s, b in missing_libs:
        print(f"    {s:28s} NOT FOUND (needed by {b})")
    if missing:
        by_cat = {}
        for m in missing:
            by_cat.setdefault(category(m, pretty[m]), []).append(m)
        print(f"  MISSING symbols ({len(missing)}):")
        for cat in sorted(by_cat):
            print(f"   [{cat}] {len(by_cat[cat])}")
            for m in by_cat[cat]:
                if pretty[m] != m.split("@", 1)[0]:
                    print(f"      {pretty[m]}    [{m}]")
                else:
                    print(f"      {m}")
    if weak_missing:
        print(f"  weak references without a definition (allowed, resolve to null): "
              f"{len(weak_missing)}: " + ", ".join(weak_missing))
    if not ok:
        print("  torch-folder libraries present: " + (" ".join(torch_libs) or "(none)"))
        print(ROUTES.format(jni=a.jni))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
