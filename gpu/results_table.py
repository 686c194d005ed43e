#!/usr/bin/env python3
"""Writes the RESULTS.md table (Markdown, to stdout) from bench-all.sh results folders.

    results_table.py DIR [DIR ...]   (e.g. a --gpu-only and a --cpu-only run's folders)

The folder holds runs.tsv (one line per command and pass), machine.txt, out/<id>.<pass>.out
(the command's stdout: JSON for benchmarks) and log/<id>.<pass>.log (stderr). The JSON schema of
each benchmark is its command's own; the table shows one headline number per benchmark and pass
(a time per iteration when there is one, else a rate), and the details section every numeric
field, so nothing is hidden behind the choice of headline.
"""
import csv
import json
import os
import re
import sys

RATE = re.compile(r"(per_s(ec(ond)?)?$|_per_second|/s$|throughput|fps$|ips$)", re.I)
TIME = re.compile(r"(^|_)(ms|millis|milliseconds|us|seconds|secs|s|time|latency)(_|$)", re.I)
PREFERRED = re.compile(r"(mean|median|avg|average|p50)", re.I)
NAME_KEYS = ("name", "op", "id", "label", "benchmark", "variant")
LIST_KEYS = ("results", "ops", "benchmarks", "rows", "cases", "items")


def load_output(path):
    """The JSON value of a command's stdout (the whole text, else its last JSON line)."""
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line[:1] in "{[":
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def flatten(obj, prefix=""):
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += flatten(v, f"{prefix}{k}.")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += flatten(v, f"{prefix}{i}.")
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        out.append((prefix[:-1], obj))
    return out


def headline(obj):
    """(key, value, lower_is_better) for the number that best says how fast, or None."""
    flat = [(k, v) for k, v in flatten(obj) if "." not in k] or flatten(obj)
    leaf = lambda k: k.rsplit(".", 1)[-1]
    for pattern, lower in ((TIME, True), (RATE, False)):
        hits = [(k, v) for k, v in flat if pattern.search(leaf(k))]
        if hits:
            best = [(k, v) for k, v in hits if PREFERRED.search(leaf(k))] or hits
            return best[0][0], best[0][1], lower
    return None


def sub_rows(obj):
    """A list of (name, value) when the output is a list of named results (e.g. bench ops)."""
    items = None
    if isinstance(obj, list) and obj and all(isinstance(x, dict) for x in obj):
        items = obj
    elif isinstance(obj, dict):
        for k in LIST_KEYS:
            v = obj.get(k)
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                items = v
                break
    if items is None and isinstance(obj, dict):
        # Several separate timings and no mean/median among them (bench ops, coco-eval): one
        # row each.
        times = [k for k, v in obj.items()
                 if isinstance(v, (int, float)) and not isinstance(v, bool) and TIME.search(k)]
        if len(times) >= 2 and not any(PREFERRED.search(k) for k in times):
            return [(k, {k: obj[k]}) for k in times]
    if items is None:
        return None
    rows = []
    for i, item in enumerate(items):
        parts = [str(item[k]) for k in NAME_KEYS if k in item and not isinstance(item[k], (dict, list))]
        rows.append((" ".join(parts[:2]) or f"#{i}", item))
    return rows


def fmt(v):
    if isinstance(v, int):
        return str(v)
    a = abs(v)
    if a != 0 and (a < 0.01 or a >= 1e6):
        return f"{v:.3g}"
    return f"{v:.4g}" if a < 100 else f"{v:.1f}"


def cell(obj):
    h = headline(obj) if obj is not None else None
    if not h:
        return "ok (no timing field)", None
    text = f"{fmt(h[1])} ({h[0]})"
    if h[2] and isinstance(obj, dict):  # a time: add the rate beside it when there is one
        rate = next(((k, v) for k, v in obj.items() if isinstance(v, (int, float))
                     and not isinstance(v, bool) and RATE.search(k)), None)
        if rate:
            text += f", {fmt(rate[1])} ({rate[0]})"
    return text, h


def speedup(hg, hc):
    if not hg or not hc or hg[0] != hc[0] or hg[2] != hc[2]:
        return ""
    g, c = float(hg[1]), float(hc[1])
    if g <= 0 or c <= 0:
        return ""
    return f"{(c / g) if hg[2] else (g / c):.1f}x"


def md(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def main():
    dirs = sys.argv[1:] or ["."]
    runs, machine = [], {}
    for d in dirs:
        with open(os.path.join(d, "runs.tsv"), newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                r["dir"] = d
                runs.append(r)
        if os.path.exists(os.path.join(d, "machine.txt")):
            with open(os.path.join(d, "machine.txt")) as f:
                for line in f:
                    if "=" in line:
                        k, v = line.rstrip("\n").split("=", 1)
                        if v not in machine.setdefault(k, []):
                            machine[k].append(v)

    def logfile(name):
        """log/NAME from the last folder that has it (a later run of a pass wins)."""
        for d in reversed(dirs):
            path = os.path.join(d, "log", name)
            if os.path.exists(path):
                return path
        return os.path.join(dirs[0], "log", name)
    order, by = [], {}
    for r in runs:
        if r["id"] not in by:
            order.append(r["id"])
            by[r["id"]] = {"label": r["label"]}
        by[r["id"]][r["pass"]] = r
    passes_run = {r["pass"] for r in runs if r["status"] != "skipped"}

    def m(k, default="?"):
        return "; ".join(machine.get(k, [default]))

    p = print
    p("# MLPVision on GPU and CPU")
    p()
    p(f"- date: {m('date')}")
    p(f"- GPU: {m('gpu', 'none')} (driver CUDA {m('driver_cuda', '?')})")
    p(f"- CPU: {m('cpu')} ({m('cpu_count')} logical cores), memory {m('memory')}")
    p(f"- host: {m('host')}, {m('kernel')}")
    p(f"- bundle: commit {m('BUNDLE_GIT_COMMIT')}, made {m('BUNDLE_CREATED')}, DJL {m('BUNDLE_DJL_VERSION')}, "
      f"JNI built for PyTorch {m('BUNDLE_TORCH_VERSION')}")
    for ps in ("gpu", "cpu"):
        log = logfile(f"env.{ps}.log")
        if os.path.exists(log):
            with open(log, errors="replace") as f:
                lines = [l.strip()[len("run.sh: "):] for l in f if l.startswith("run.sh: libtorch:")
                         or l.startswith("run.sh: flavor:")]
            if lines:
                p(f"- {ps.upper()} pass: " + "; ".join(lines))
    if "gpu" not in passes_run:
        p()
        p("**No GPU pass ran: the GPU column holds no measurement.**")
    p()
    p("Each cell: the headline number of the command's JSON (its field name in brackets); "
      "speed-up = CPU time / GPU time (or GPU rate / CPU rate) of the same field.")
    p()
    p("| benchmark | GPU | CPU | speed-up |")
    p("|---|---|---|---|")
    details = []
    for rid in order:
        e = by[rid]
        label = e["label"]
        cells, heads, objs = {}, {}, {}
        for ps in ("gpu", "cpu"):
            r = e.get(ps)
            if r is None:
                cells[ps], heads[ps], objs[ps] = "not run", None, None
                continue
            out = os.path.join(r["dir"], r["output"]) if r["output"] else ""
            if r["status"] == "skipped":
                cells[ps], heads[ps], objs[ps] = f"skipped: {r['note']}", None, None
            elif r["status"] != "ok":
                cells[ps], heads[ps], objs[ps] = f"failed: {r['note']}", None, None
            elif rid == "smoke":
                with open(out, errors="replace") as f:
                    text = f.read()
                ok = "smoke: OK" in text
                cells[ps], heads[ps], objs[ps] = ("OK, matches CPU" if ok else "FAILED"), None, None
            elif rid == "env":
                obj = load_output(out) or {}
                objs[ps] = obj
                cells[ps] = (f"default {obj.get('default_device', '?')}, {obj.get('gpu_count', '?')} GPU(s), "
                             f"flavor {obj.get('pytorch_flavor', '?')}")
                heads[ps] = None
            else:
                obj = load_output(out)
                objs[ps] = obj
                if obj is None:
                    cells[ps], heads[ps] = "ok, but no JSON on stdout", None
                else:
                    cells[ps], heads[ps] = cell(obj)
        subs = {ps: (sub_rows(objs[ps]) if objs[ps] is not None and rid not in ("env", "smoke") else None)
                for ps in ("gpu", "cpu")}
        if subs["gpu"] or subs["cpu"]:
            names = []
            for ps in ("gpu", "cpu"):
                for name, _ in subs[ps] or []:
                    if name not in names:
                        names.append(name)
            for name in names:
                row, hh = [], {}
                for ps in ("gpu", "cpu"):
                    item = dict(subs[ps] or []).get(name)
                    if item is None:
                        row.append(cells[ps] if not subs[ps] else "—")
                        hh[ps] = None
                    else:
                        c, hh[ps] = cell(item)
                        if hh[ps] and hh[ps][0] == name:
                            c = fmt(hh[ps][1])
                        row.append(c)
                p(f"| {md(label)}: {md(name)} | {md(row[0])} | {md(row[1])} | {speedup(hh['gpu'], hh['cpu'])} |")
        else:
            p(f"| {md(label)} | {md(cells['gpu'])} | {md(cells['cpu'])} | {speedup(heads['gpu'], heads['cpu'])} |")
        for ps in ("gpu", "cpu"):
            r = e.get(ps)
            if objs[ps] is not None and rid != "env":
                flat = flatten(objs[ps])
                details.append(f"- {label} [{ps}] ({r['seconds']} s wall): " +
                               ", ".join(f"{k}={fmt(v)}" for k, v in flat[:60]) +
                               (f", … ({len(flat) - 60} more in {r['output']})" if len(flat) > 60 else ""))
    if details:
        p()
        p("## Every numeric field")
        p()
        for line in details:
            p(line)
    for ps in ("gpu", "cpu"):
        check = logfile(f"check.{ps}.txt")
        forced = logfile(f"smoke-forced.{ps}.log")
        if os.path.exists(check):
            p()
            p(f"## {ps.upper()} pass: libdjl_torch.so does not match this libtorch")
            p()
            p("`run.sh --check`:")
            p()
            p("```")
            with open(check, errors="replace") as f:
                lines = f.read().splitlines()
            p("\n".join(lines[:250]))
            if len(lines) > 250:
                p(f"... ({len(lines) - 250} more lines in log/check.{ps}.txt)")
            p("```")
        if os.path.exists(forced):
            with open(forced, errors="replace") as f:
                lines = f.read().splitlines()
            steps = [l for l in lines if l.startswith("smoke: ") and l.endswith(" ...")]
            p()
            p(f"`run.sh --force --smoke` (the first tensor operations anyway): last step started: "
              f"`{steps[-1][7:-4] if steps else 'none (failed before the first step)'}`; end of its output:")
            p()
            start = next((i for i, l in enumerate(lines) if l.startswith("run.sh: warning: symbols")), 0)
            p("```")
            p("\n".join(lines[start:][-40:]))
            p("```")
        hs = logfile(f"hs_err.{ps}.log")
        if os.path.exists(hs):
            with open(hs, errors="replace") as f:
                lines = f.read().splitlines()
            i = next((i for i, l in enumerate(lines) if l.startswith("Native frames")), None)
            if i is not None:
                p()
                p(f"The JVM's crash report (log/hs_err.{ps}.log), native frames:")
                p()
                p("```")
                p("\n".join(lines[i:i + 12]))
                p("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
