#!/usr/bin/python3
"""patchc against pyo 1.0.4 on the manual's performance tips, in one run.

    bench/run.py [--runs N=5] [--dur S=20] [--only a,b] [--no-pyo] [--out bench/RESULTS.md]
                 [-O 0|1|2|fast] [--patchc-flags="-O0 ..."] [--patchc PATH]

Every case in bench/cases is a pair of files with the same stem: `<case>__<variant>.patch` (patchc) and
`<case>__<variant>.py` (pyo; copies of ../shared/bench/cases, which print one `BENCH {json}` line), plus
`sineloop_<N>.{patch,py}` for the voice-count scaling. Each round renders every case once with each system
(the order of the two systems alternates between rounds); medians over the rounds are reported.

patchc: `patchc render FILE -o TMP.wav -d DUR --format 24 [flags]`; its line "rendered A s of audio ... in C s of
CPU: R x real time; compiled in M ms (...)" gives the callback's real-time factor R (audio seconds / CPU seconds
of the fused callback alone) and the compile time M (parse to callable). The whole patchc process's CPU
(getrusage(RUSAGE_CHILDREN): start-up, compile, render, 24-bit file writing) gives a second, end-to-end factor.
pyo: CPU (time.process_time) around s.start() only, which renders offline and writes the 24-bit file; interpreter
start-up, `import pyo` and graph construction are excluded (see ../shared/bench/README.md).

A patch patchc cannot compile yet is reported as "not compiled yet: <first line of patchc's error>" and skipped in
the later rounds; a crash is reported as "crashed (signal N)". Raw runs go to the --out file with .json.
"""
import argparse
import datetime
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CASES = os.path.join(HERE, "cases")
SHARED_CASES = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench", "cases"))
PY = "/usr/bin/python3"
PATCHC = os.path.join(ROOT, "build", "tools", "patchc")

# Pairs whose tip patchc is meant to apply exactly at -O2 (DESIGN §5), so that the naive patch costs what the tuned
# one costs: goal naive/tuned CPU <= 1.10. The others change the sound (trig_pan, allpass_bank), need an
# approximation (fastsine, reuse_noise: -Ofast) or are about wall time on several cores (multiproc).
EXACT_TIPS = ["mixdown_phaser", "phaser_spread", "muladd", "biquad_cascade", "glitchy_stop", "pattern_dummy",
              "denorm", "denorm_stress"]
CHORUS = "mixdown_phaser__naive"   # the manual's chorus
BIG = "sineloop_2000"              # the manual's 2000-SineLoop example as one patch
RENDER_RE = re.compile(r"rendered ([0-9.]+) s of audio to .* in ([0-9.]+) s of CPU: ([0-9.]+)x real time; "
                       r"compiled in ([0-9.]+) ms")


# ---- environment ----------------------------------------------------------------------------------------------

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def have_pyo():
    return subprocess.run([PY, "-c", "import pyo"], capture_output=True).returncode == 0


def ensure_pyo():
    if have_pyo():
        return True
    if os.geteuid() != 0:
        print("pyo is missing: run `sudo apt-get install -y python3-pyo` (or pass --no-pyo)", file=sys.stderr)
        return False
    print("pyo is missing: installing python3-pyo with apt-get", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "python3-pyo"], env=env).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env)
        subprocess.run(["apt-get", "install", "-y", "python3-pyo"], env=env)
    return have_pyo()


def pyo_version():
    out = subprocess.run([PY, "-c", "import pyo; print(pyo.PYO_VERSION)"], capture_output=True,
                         text=True).stdout.strip().splitlines()
    return out[-1] if out else "?"


def git_rev():
    r = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    rev = r.stdout.strip() or "?"
    d = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                       text=True).stdout.strip()
    return rev + (" + uncommitted changes" if d else "")


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def stale_copies(names):
    """pyo scripts in bench/cases that differ from their originals in ../shared/bench/cases."""
    out = []
    for n in names + ["_bench"]:
        a, b = os.path.join(CASES, n + ".py"), os.path.join(SHARED_CASES, n + ".py")
        if os.path.exists(a) and os.path.exists(b):
            with open(a) as fa, open(b) as fb:
                if fa.read() != fb.read():
                    out.append(n)
    return out


# ---- one run --------------------------------------------------------------------------------------------------

def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def run_patchc(name, dur, flags, outdir):
    wav = os.path.join(outdir, name + ".wav")
    cmd = [PATCHC, "render", os.path.join(CASES, name + ".patch"), "-o", wav, "-d", "%g" % dur,
           "--format", "24"] + flags
    c0, w0 = children_cpu(), time.perf_counter()
    for attempt in range(30):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True)
            break
        except OSError as e:  # the binary is being relinked by a concurrent build: wait for it
            if attempt == 29:
                return {"error": "patchc could not be started: %s" % e}
            time.sleep(2)
            c0, w0 = children_cpu(), time.perf_counter()
    c1, w1 = children_cpu(), time.perf_counter()
    if os.path.exists(wav):
        os.remove(wav)
    if p.returncode != 0:
        msg = first_line(p.stderr) or first_line(p.stdout)
        # patchc's diagnostics start with the path of the patch; keep the part from the file name on
        msg = msg.replace(CASES + os.sep, "")
        if p.returncode < 0 or p.returncode >= 128:
            sig = -p.returncode if p.returncode < 0 else p.returncode - 128
            return {"error": "crashed (signal %d)%s" % (sig, (": " + msg) if msg else "")}
        if ": error:" in msg:
            return {"error": "not compiled yet: " + msg}
        return {"error": "failed (exit %d): %s" % (p.returncode, msg)}
    m = RENDER_RE.search(p.stdout)
    if not m:
        return {"error": "unexpected output: " + first_line(p.stdout)}
    audio, cpu_printed, rtf, ms = (float(x) for x in m.groups())
    # the CPU seconds are printed with 3 decimals and the factor with 1: take the more precise of the two
    # (the factor for fast patches, the seconds for slow ones)
    if rtf > 0 and (cpu_printed <= 0 or 0.05 / rtf < 0.0005 / cpu_printed):
        cpu = audio / rtf
    else:
        cpu = cpu_printed
        rtf = audio / cpu
    return {"audio_s": audio, "cpu_s": cpu, "rtf": rtf, "compile_ms": ms,
            "proc_cpu_s": c1 - c0, "proc_wall_s": w1 - w0}


def run_pyo(name, dur, outdir):
    env = dict(os.environ, BENCH_DUR="%g" % dur, BENCH_OUTDIR=outdir)
    env.pop("BENCH_KEEP", None)
    c0 = children_cpu()
    p = subprocess.run([PY, os.path.join(CASES, name + ".py")], cwd=CASES, env=env, capture_output=True, text=True)
    c1 = children_cpu()
    for f in os.listdir(outdir):
        os.remove(os.path.join(outdir, f))
    for line in p.stdout.splitlines():
        if line.startswith("BENCH "):
            res = json.loads(line[6:])
            res["proc_cpu_s"] = c1 - c0
            res["rtf"] = res["audio_s"] / res["cpu_s"]
            return res
    tail = (p.stdout + p.stderr).strip().splitlines()[-1:]
    return {"error": "pyo failed (exit %d): %s" % (p.returncode, " ".join(tail))}


# ---- aggregation ----------------------------------------------------------------------------------------------

def med(xs):
    return statistics.median(xs) if xs else None


def summarize(rs):
    ok = [r for r in rs if "error" not in r]
    if not ok:
        return {"error": rs[0]["error"] if rs else "not run"}
    s = {"n": len(ok), "audio_s": ok[0]["audio_s"],
         "cpu_s": med([r["cpu_s"] for r in ok]),
         "cpu_min": min(r["cpu_s"] for r in ok), "cpu_max": max(r["cpu_s"] for r in ok),
         "proc_cpu_s": med([r["proc_cpu_s"] for r in ok])}
    s["rtf"] = s["audio_s"] / s["cpu_s"] if s["cpu_s"] > 0 else float("inf")
    s["proc_rtf"] = s["audio_s"] / s["proc_cpu_s"] if s["proc_cpu_s"] > 0 else float("inf")
    if "compile_ms" in ok[0]:
        s["compile_ms"] = med([r["compile_ms"] for r in ok])
    return s


def f1(x, nd=1):
    if x is None:
        return "-"
    if x == float("inf"):
        return "inf"
    return "%.*f" % (nd, x)


def cpu_per_audio_s(s):
    return s["cpu_s"] / s["audio_s"]


def lstsq(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    slope = sxy / sxx
    icept = my - slope * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - (icept + slope * x)) ** 2 for x, y in zip(xs, ys))
    return slope, icept, (1 - ss_res / ss_tot) if ss_tot > 0 else 1.0


def discover(only):
    stems = set()
    for f in os.listdir(CASES):
        stem, ext = os.path.splitext(f)
        if ext in (".patch", ".py") and not stem.startswith("_") and ("__" in stem or stem.startswith("sineloop_")):
            stems.add(stem)
    names = sorted(stems, key=lambda n: (n.startswith("sineloop_"), int(n.split("_")[1]) if n.startswith(
        "sineloop_") else 0, n))
    if only:
        names = [n for n in names if any(o and o in n for o in only.split(","))]
    return names


def split_name(n):
    if "__" in n:
        return n.split("__", 1)
    return n, "-"


# ---- report ---------------------------------------------------------------------------------------------------

def report(a, names, P, Y, meta):
    L = []
    W = L.append
    W("# patchc vs pyo 1.0.4: the manual's performance tips")
    W("")
    W("- command: `%s`" % meta["command"])
    W("- date: %s; CPU: %s (`nproc` = %d); %s" % (meta["date"], meta["cpu"], os.cpu_count(), meta["kernel"]))
    W("- load average (1 min) before / after: %.2f / %.2f; driver time %.0f s" %
      (meta["load0"], meta["load1"], meta["elapsed"]))
    W("- %d runs per case and system (interleaved), %g s of audio each; medians quoted" % (a.runs, a.dur))
    W("- patchc %s (`%s`, copied once for the whole run), flags: `%s`; pyo %s, Python %s" % (
        meta["rev"], meta["binary"], " ".join(meta["flags"]) or "(default: -O2)", meta["pyo"],
        platform.python_version()))
    W("- patchc RTF = audio s / CPU s of the fused callback (as `patchc render` prints it); e2e = audio s / CPU s "
      "of the whole patchc process (start-up, compile, render, 24-bit WAV writing). pyo RTF = audio s / CPU s of "
      "`s.start()` (offline render incl. 24-bit WAV writing). patchc/pyo uses the callback RTF. naive/tuned = "
      "CPU of the naive variant / CPU of the tuned one (> 1: the tip still helps). compile = parse to callable.")
    if meta["stale"]:
        W("- WARNING: these pyo scripts differ from ../shared/bench/cases: %s" % ", ".join(meta["stale"]))
    W("")
    W("| case | variant | patchc RTF | patchc e2e RTF | pyo RTF | patchc/pyo | naive/tuned patchc | "
      "naive/tuned pyo | compile ms |")
    W("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in names:
        case, variant = split_name(n)
        if case.startswith("sineloop_"):
            continue
        p, y = P.get(n), Y.get(n)
        pe = p is not None and "error" in p
        ye = y is not None and "error" in y
        cells = [case, variant]
        if p is None:
            cells += ["(not run)", "", ]
        elif pe:
            cells += ["**%s**" % p["error"].replace("|", "/"), ""]
        else:
            cells += [f1(p["rtf"]), f1(p["proc_rtf"])]
        if y is None:
            cells.append("-" if a.no_pyo else "(no .py)")
        elif ye:
            cells.append(y["error"].replace("|", "/"))
        else:
            cells.append(f1(y["rtf"]))
        cells.append(f1(p["rtf"] / y["rtf"], 2) if p and y and not pe and not ye else "")
        rp = ry = ""
        if variant == "naive":
            pn, pt = P.get(case + "__naive"), P.get(case + "__tuned")
            if pn and pt and "error" not in pn and "error" not in pt:
                rp = f1(cpu_per_audio_s(pn) / cpu_per_audio_s(pt), 2)
            yn, yt = Y.get(case + "__naive"), Y.get(case + "__tuned")
            if yn and yt and "error" not in yn and "error" not in yt:
                ry = f1(cpu_per_audio_s(yn) / cpu_per_audio_s(yt), 2)
        cells += [rp, ry, f1(p.get("compile_ms")) if p and not pe else ""]
        W("| " + " | ".join(cells) + " |")
    if "multiproc__tuned" in Y and "error" not in Y["multiproc__tuned"]:
        W("")
        W("multiproc__tuned (pyo): CPU = sum of the 4 child processes' render CPU; its wall time is what the tip "
          "is about and is not in this table (see ../shared/bench/RESULTS.md).")

    # ---- scaling
    sl = [n for n in names if n.startswith("sineloop_")]
    if sl:
        W("")
        W("## SineLoop scaling (N voices in one patch, the body of the manual's multiprocessing example)")
        W("")
        W("| voices | patchc RTF | patchc e2e RTF | patchc µs CPU per voice per audio s | pyo RTF | "
          "pyo µs CPU per voice per audio s | patchc/pyo | compile ms |")
        W("|---:|---:|---:|---:|---:|---:|---:|---:|")
        fits = {}
        for sysname, D in (("patchc", P), ("pyo", Y)):
            pts = [(int(n.split("_")[1]), cpu_per_audio_s(D[n])) for n in sl if n in D and "error" not in D[n]]
            if len(pts) >= 2:
                fits[sysname] = lstsq([x for x, _ in pts], [y for _, y in pts])
        for n in sl:
            v = int(n.split("_")[1])
            p, y = P.get(n), Y.get(n)
            pok = p is not None and "error" not in p
            yok = y is not None and "error" not in y
            W("| %d | %s | %s | %s | %s | %s | %s | %s |" % (
                v,
                f1(p["rtf"]) if pok else (p["error"] if p else "-"),
                f1(p["proc_rtf"]) if pok else "",
                f1(1e6 * cpu_per_audio_s(p) / v, 3) if pok else "",
                f1(y["rtf"]) if yok else (y["error"] if y else "-"),
                f1(1e6 * cpu_per_audio_s(y) / v, 3) if yok else "",
                f1(p["rtf"] / y["rtf"], 2) if pok and yok else "",
                f1(p.get("compile_ms")) if pok else ""))
        W("")
        for sysname, (slope, icept, r2) in fits.items():
            W("- %s: CPU s per audio s = %.3g + %.3g × voices (least squares; %.3f µs per voice per audio s, "
              "R² = %.4f)" % (sysname, icept, slope, slope * 1e6, r2))
        if "patchc" in fits and "pyo" in fits:
            W("- slope ratio pyo/patchc: %.2f" % (fits["pyo"][0] / fits["patchc"][0]))

    # ---- goals
    W("")
    W("## Goals of issue 3 (for these flags)")
    W("")
    W("| goal | result | met |")
    W("|---|---|:---:|")

    def ok(x):
        return x is not None and "error" not in x

    def goal(text, result, met):
        W("| %s | %s | %s |" % (text, result, {True: "yes", False: "**no**", None: "n/a"}[met]))

    cases = []
    for n in names:
        c, _ = split_name(n)
        if c not in cases and not c.startswith("sineloop_") and c != "baseline":
            cases.append(c)
    for c in cases:
        if c not in EXACT_TIPS:
            continue
        pn, pt = P.get(c + "__naive"), P.get(c + "__tuned")
        if ok(pn) and ok(pt):
            r = cpu_per_audio_s(pn) / cpu_per_audio_s(pt)
            goal("naive/tuned CPU ≤ 1.10 in patchc: %s" % c, "%.2f" % r, r <= 1.10)
        else:
            goal("naive/tuned CPU ≤ 1.10 in patchc: %s" % c, "not compiled", None)
    for n in names:
        c, v = split_name(n)
        if v not in ("naive", "tuned"):
            continue
        need = 10.0 if v == "naive" else 3.0
        p, y = P.get(n), Y.get(n)
        if ok(p) and ok(y):
            r = p["rtf"] / y["rtf"]
            goal("patchc ≥ %g× pyo: %s" % (need, n), "%.2f×" % r, r >= need)
        elif not (p and y):
            continue
        else:
            goal("patchc ≥ %g× pyo: %s" % (need, n), "not compiled" if not ok(p) else "no pyo number", None)
    for n, need, text in ((CHORUS, 250, "chorus naive"), (BIG, 25, "2000 SineLoop")):
        if n in P:
            p = P[n]
            goal("%s ≥ %d× real time on one core" % (text, need), f1(p["rtf"]) + "×" if ok(p) else "not compiled",
                 p["rtf"] >= need if ok(p) else None)
    worst = None
    for n in names:
        c, v = split_name(n)
        p = P.get(n)
        if c.startswith("sineloop_") or not ok(p):
            continue
        if worst is None or p["compile_ms"] > worst[1]:
            worst = (n, p["compile_ms"])
    if worst:
        goal("compile ≤ 50 ms median, each manual patch", "max %.1f ms (%s)" % (worst[1], worst[0]), worst[1] <= 50)
    if ok(P.get(BIG)):
        goal("compile ≤ 100 ms, 2000 SineLoop", "%.1f ms" % P[BIG]["compile_ms"], P[BIG]["compile_ms"] <= 100)
    W("")
    W("Exact-tip pairs (goal naive/tuned ≤ 1.10): %s. multiproc is about wall time on several cores, not CPU; "
      "the chorus is mixdown_phaser__naive." % ", ".join(EXACT_TIPS))
    return "\n".join(L) + "\n"


# ---- main -----------------------------------------------------------------------------------------------------

def main():
    global PATCHC
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="rounds (runs per case and system), default 5")
    ap.add_argument("--dur", type=float, default=20.0, help="seconds of audio per render, default 20")
    ap.add_argument("--only", default="", help="comma-separated substrings of case names")
    ap.add_argument("--no-pyo", action="store_true", help="render with patchc only")
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"), help="Markdown output (and .json beside)")
    ap.add_argument("-O", dest="opt", default=None, help="optimization level passed to patchc as -O<level>")
    ap.add_argument("--patchc-flags", default="", help="extra patchc render flags, e.g. --patchc-flags=-O0")
    ap.add_argument("--patchc", default=PATCHC, help="the patchc binary (default build/tools/patchc)")
    a = ap.parse_args()

    PATCHC = os.path.abspath(a.patchc)
    if not os.access(PATCHC, os.X_OK):
        print("%s not found: build it first with scripts/build.sh (or ninja -C build patchc)" % PATCHC,
              file=sys.stderr)
        return 2
    if not a.no_pyo and not ensure_pyo():
        return 2
    flags = (["-O" + a.opt] if a.opt else []) + shlex.split(a.patchc_flags)

    names = discover(a.only)
    if not names:
        print("no case matches --only %r" % a.only, file=sys.stderr)
        return 2
    sys.path.insert(0, CASES)
    import _bench
    _bench.input_sound()  # the pyo scripts' generated input, made once (bench/cases/_data/input.wav)

    meta = {"command": " ".join(["bench/run.py"] + sys.argv[1:]),
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "cpu": cpu_model(), "kernel": platform.platform(), "rev": git_rev(), "flags": flags,
            "pyo": pyo_version() if not a.no_pyo else "(not run)", "stale": stale_copies(names)}
    runs_p = {n: [] for n in names if os.path.exists(os.path.join(CASES, n + ".patch"))}
    runs_y = {} if a.no_pyo else {n: [] for n in names if os.path.exists(os.path.join(CASES, n + ".py"))}
    meta["load0"] = os.getloadavg()[0]
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="patchc_bench_") as outdir:
        # Every run uses one snapshot of the binary: a concurrent build may relink build/tools/patchc meanwhile.
        bindir = os.path.join(outdir, "bin")  # outside the render folder, which run_pyo empties
        os.mkdir(bindir)
        snap = os.path.join(bindir, "patchc")
        rdir = os.path.join(outdir, "render")
        os.mkdir(rdir)
        for attempt in range(30):
            try:
                shutil.copy2(PATCHC, snap)
                break
            except OSError:
                time.sleep(2)
        meta["binary"] = "%s, built %s" % (os.path.relpath(PATCHC, ROOT), datetime.datetime.fromtimestamp(
            os.path.getmtime(snap)).strftime("%Y-%m-%d %H:%M:%S"))
        PATCHC = snap
        for r in range(a.runs):
            for n in names:
                order = ("patchc", "pyo") if (r + names.index(n)) % 2 == 0 else ("pyo", "patchc")
                for sysname in order:
                    if sysname == "patchc" and n in runs_p:
                        prev = runs_p[n]
                        if prev and all("error" in x for x in prev):
                            continue  # deterministic failure: do not retry every round
                        res = run_patchc(n, a.dur, flags, rdir)
                        prev.append(res)
                        msg = res["error"] if "error" in res else "%.1fx real time (e2e %.1fx), compiled in %.1f ms" % (
                            res["rtf"], res["audio_s"] / res["proc_cpu_s"], res["compile_ms"])
                        print("  round %d  patchc %-26s %s" % (r + 1, n, msg), file=sys.stderr, flush=True)
                    elif sysname == "pyo" and n in runs_y:
                        prev = runs_y[n]
                        if prev and all("error" in x for x in prev):
                            continue
                        res = run_pyo(n, a.dur, rdir)
                        prev.append(res)
                        msg = res["error"] if "error" in res else "%.1fx real time" % res["rtf"]
                        print("  round %d  pyo    %-26s %s" % (r + 1, n, msg), file=sys.stderr, flush=True)
    meta["elapsed"] = time.time() - t0
    meta["load1"] = os.getloadavg()[0]

    P = {n: summarize(rs) for n, rs in runs_p.items()}
    Y = {n: summarize(rs) for n, rs in runs_y.items()}
    text = report(a, names, P, Y, meta)
    print(text)
    out = os.path.abspath(a.out)
    with open(out, "w") as f:
        f.write(text)
    with open(os.path.splitext(out)[0] + ".json", "w") as f:
        json.dump({"meta": meta, "patchc": runs_p, "pyo": runs_y}, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
