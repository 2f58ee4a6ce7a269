#!/usr/bin/python3
"""How patchc's compile time grows with the size of a patch (issue 7: "cost linear in the patch").

    bench/scaling.py [--runs 3] [--only outputs,objects-dead] [--sizes 1000,10000,100000]
                     [--timeout 90] [--patchc PATH] [--out bench/SCALING.md]

Each dimension generates patches of growing size n (1k, 10k, 100k unless the dimension says otherwise) and
renders each with `patchc render GEN.patch -o TMP.wav -d 0.01`, whose line "compiled in M ms (parse .., elaborate
.., passes .., codegen .., llvm .., jit ..)" gives the (wall) time of every stage; the child's rusage gives its
CPU time (user + system, all threads: on a loaded host the steadier number) and peak memory. Medians over --runs
runs. The slope is the least-squares slope of log(time) against log(n): 1.0 is linear, 2.0 quadratic. A stage
that takes under 20 ms at the largest size has no slope ("-"): its time is noise, not growth. A run over --timeout seconds is reported as such and the dimension's larger sizes
are skipped.

The report (a Markdown table per dimension, then the slopes) goes to stdout and to --out; every run to the same
name with .json.
"""
import argparse
import datetime
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PATCHC = os.path.join(ROOT, "build", "tools", "patchc")
STAGES = ["parse", "elaborate", "passes", "codegen", "llvm", "jit"]
KEYS = ["cpu", "total"] + STAGES  # what gets a slope
COMPILED_RE = re.compile(r"compiled in ([0-9.]+) ms \(parse ([0-9.]+), elaborate ([0-9.]+), passes ([0-9.]+), "
                         r"codegen ([0-9.]+), llvm ([0-9.]+), jit ([0-9.]+)\)")
MIN_SLOPE_MS = 20.0  # below this at the largest size, a stage's time is noise

HEADER = "s = Server(sr=44100, nchnls=2, buffersize=256).boot()\n"


# ---- the generated patches: one function per dimension, n -> patch text ------------------------------------

def tokens_comment(n):
    # One comment line of 64·n characters: a token as long as the patch.
    return HEADER + "# " + ("patchc " * (64 * n // 7 + 1))[:64 * n] + "\nSine(440, mul=0.1).out()\n"


def tokens_string(n):
    return HEADER + "name = '" + ("x" * (64 * n)) + "'\nSine(440, mul=0.1).out()\n"


def tokens_lines(n):
    # n short statements: many tokens and many lines, no objects.
    body = "".join(f"v{i} = {i} * 2 + 1\n" for i in range(n))
    return HEADER + body + "Sine(440, mul=0.1).out()\n"


def objects_independent(n):
    # n separate oscillators, summed by one Mix: lane-fuse makes them one bank.
    # (The gain is the Mix's: gain-folding a mul out of many sources into one Mix is issue 7's miscompile.)
    return HEADER + (f"voices = [Sine(freq=100 + i * 0.01) for i in range({n})]\n"
                     f"Mix(voices, voices=2, mul=0.5 / {n}).out()\n")


def objects_chained(n):
    # A chain of n filters, each reading the one before.
    return HEADER + (f"x = Noise(mul=0.1)\nfor i in range({n}):\n    x = ButLP(x, freq=5000 + i % 100)\n"
                     "x.out()\n")


def objects_dead(n):
    # n objects that reach no output (dce removes them, a remark each: one line each, so no two remarks are the
    # same and Remarks keeps all n), and one that does.
    return HEADER + "".join(f"Sine(freq={100 + i})\n" for i in range(n)) + "Sine(440, mul=0.1).out()\n"


def outputs(n):
    # n separate .out() calls, all on channel 0 so that no two taps merge into one.
    return HEADER + (f"for i in range({n}):\n    Sine(freq=100 + i * 0.01, mul=0.5 / {n}).out()\n")


def outputs_mixed(n):
    # n separate .out() calls on objects of three kinds that cannot fuse with their neighbours, both channels.
    return HEADER + (f"for i in range({n // 3}):\n"
                     f"    Sine(freq=100 + i * 0.01, mul=0.5 / {n}).out(i % 2)\n"
                     f"    SineLoop(freq=200 + i * 0.01, feedback=0.1, mul=0.5 / {n}).out()\n"
                     f"    FastSine(freq=300 + i * 0.01, mul=0.5 / {n}).out(1)\n")


def sfplayers(n):
    # n players of one 60-second file: one copy of its samples, not n.
    return HEADER + (f"for i in range({n}):\n    SfPlayer(SOUND, speed=1 + i * 0.001, mul=0.5 / {n}).out()\n")


# name -> (generator, sizes, what it grows, why a size is left out)
DIMENSIONS = {
    "tokens-comment": (tokens_comment, [1000, 10000, 100000], "one comment line of 64·n characters", ""),
    "tokens-string": (tokens_string, [1000, 10000, 100000], "one string literal of 64·n characters", ""),
    "tokens-lines": (tokens_lines, [1000, 10000, 100000], "n lines of arithmetic (9 tokens each)", ""),
    "objects-independent": (objects_independent, [1000, 10000, 100000], "n separate Sines into one Mix", ""),
    "objects-chained": (objects_chained, [300, 1000, 3000], "a chain of n ButLP filters",
                        "300..3000, not 10k..100k: a chain of 10000 filters is no instrument, and LLVM compiles one "
                        "function per filter (7 ms of CPU each, linear: 7.2 s at 1000, 18 s at 2500), so it would "
                        "measure that constant for minutes per run"),
    "objects-dead": (objects_dead, [1000, 10000, 100000], "n Sines that reach no output, one a line", ""),
    "outputs": (outputs, [1000, 10000, 100000], "n separate Sine(...).out() calls", ""),
    "outputs-mixed": (outputs_mixed, [1000, 10000, 100000],
                      "n separate .out() calls on Sine, SineLoop and FastSine, channels 0 and 1", ""),
    "sfplayers": (sfplayers, [10, 100, 1000], "n SfPlayers of one 60 s stereo file",
                  "players, not 1k..100k: a thousand players of one file is already more than any patch plays"),
}


# ---- running ------------------------------------------------------------------------------------------------

def sound_file(directory):
    """A 60 s stereo WAV of noise (written with the stdlib's wave module: no dependency)."""
    import random
    import struct
    import wave
    path = os.path.join(directory, "sound.wav")
    if os.path.exists(path):
        return path
    rng = random.Random(1)
    frames = 44100 * 60
    block = struct.pack("<" + "h" * 2 * 4410, *(rng.randint(-3000, 3000) for _ in range(2 * 4410)))
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        for _ in range(frames // 4410):
            w.writeframes(block)
    return path


def run_once(patchc, text, workdir, timeout, sound):
    """One render in a child of its own; its stage times, CPU (user + system, every thread) and peak memory."""
    patch = os.path.join(workdir, "gen.patch")
    with open(patch, "w") as f:
        f.write(text.replace("SOUND", repr(sound)))
    out_path, err_path = os.path.join(workdir, "stdout.txt"), os.path.join(workdir, "stderr.txt")
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen([patchc, "render", patch, "-o", os.path.join(workdir, "gen.wav"), "-d", "0.01"],
                                stdout=out, stderr=err, cwd=workdir)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return {"timeout": True}
        time.sleep(0.02)
    with open(out_path) as f:
        stdout = f.read()
    with open(err_path) as f:
        stderr = f.read()
    m = COMPILED_RE.search(stdout)
    if os.waitstatus_to_exitcode(status) != 0 or not m:
        return {"error": (stderr.strip().splitlines() or [f"exit {os.waitstatus_to_exitcode(status)}"])[0]}
    result = {"total": float(m.group(1)), "cpu": 1000.0 * (rusage.ru_utime + rusage.ru_stime),
              "peak_mb": rusage.ru_maxrss / 1024.0}
    for stage, value in zip(STAGES, m.groups()[1:]):
        result[stage] = float(value)
    return result


def slope(points):
    """Least-squares slope of log(y) on log(x)."""
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(max(y, 1e-3)) for _, y in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else None


def fmt_slope(s):
    return "-" if s is None else f"{s:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated dimension names (substrings)")
    ap.add_argument("--sizes", default="", help="override every dimension's sizes, e.g. 1000,2000,4000")
    ap.add_argument("--timeout", type=float, default=90.0, help="seconds per run")
    ap.add_argument("--patchc", default=PATCHC)
    ap.add_argument("--out", default=os.path.join(HERE, "SCALING.md"))
    args = ap.parse_args()

    if not os.path.exists(args.patchc):
        sys.exit(f"no {args.patchc}: build it first (scripts/build.sh or ninja -C build patchc)")
    workdir = tempfile.mkdtemp(prefix="patchc-scaling-")
    patchc = os.path.join(workdir, "patchc")
    shutil.copy2(args.patchc, patchc)  # the same binary for every run, even if a build relinks it meanwhile
    only = [s for s in args.only.split(",") if s]
    sound = None
    rows = {}
    load_before = os.getloadavg()[0]
    for name, (generate, sizes, what, skipped) in DIMENSIONS.items():
        if only and not any(o in name for o in only):
            continue
        if args.sizes:
            sizes = [int(s) for s in args.sizes.split(",")]
        if name == "sfplayers" and sound is None:
            sound = sound_file(workdir)
        rows[name] = []
        for n in sizes:
            text = generate(n)
            runs = []
            for r in range(args.runs):
                print(f"{name} n={n} run {r + 1}/{args.runs}", file=sys.stderr, flush=True)
                result = run_once(patchc, text, workdir, args.timeout, sound)
                runs.append(result)
                if "timeout" in result or "error" in result:
                    break
            ok = [r for r in runs if "total" in r]
            row = {"n": n, "runs": runs}
            if len(ok) == len(runs):
                for key in KEYS + ["peak_mb"]:
                    row[key] = statistics.median(r[key] for r in ok)
            else:
                row["failed"] = "timeout" if "timeout" in runs[-1] else runs[-1]["error"]
            rows[name].append(row)
            if "failed" in row:
                break

    lines = [f"# patchc compile time against the size of the patch ({datetime.date.today()})", "",
             f"`bench/scaling.py --runs {args.runs}`: medians of {args.runs} runs of `patchc render GEN -d 0.01`, "
             f"CPU: ms of the process (user + system, every thread); total and stages: wall ms from its \"compiled "
             f"in\" line; peak memory: its ru_maxrss. Slope: least-squares slope "
             f"of log(time) on log(n) (1.0 linear, 2.0 quadratic; \"-\" when the stage stays under "
             f"{MIN_SLOPE_MS:.0f} ms). Load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
             f"(a shared 2-core host: compare slopes, not single times).", ""]
    summary = ["| dimension | what grows | slope of CPU | slope of compile time | slopes per stage |",
               "|---|---|---|---|---|"]
    for name, dim_rows in rows.items():
        _, _, what, skipped = DIMENSIONS[name]
        lines += [f"## {name}: {what}", ""]
        if skipped:
            lines += [f"Sizes left out: {skipped}.", ""]
        lines += ["| n | CPU | total | " + " | ".join(STAGES) + " | peak MB |",
                  "|---:|---:|---:|" + "---:|" * len(STAGES) + "---:|"]
        for row in dim_rows:
            if "failed" in row:
                lines.append(f"| {row['n']} | {row['failed']} | |" + " |" * len(STAGES) + " |")
                continue
            lines.append(f"| {row['n']} | {row['cpu']:.0f} | {row['total']:.1f} | " +
                         " | ".join(f"{row[s]:.1f}" for s in STAGES) + f" | {row['peak_mb']:.0f} |")
        good = [r for r in dim_rows if "failed" not in r]
        slopes = {}
        for key in KEYS:
            pts = [(r["n"], r[key]) for r in good]
            big = pts[-1][1] if pts else 0
            slopes[key] = slope(pts) if big >= MIN_SLOPE_MS else None
        lines += ["", "slope: " + ", ".join(f"{k} {fmt_slope(v)}" for k, v in slopes.items()), ""]
        failed = [r for r in dim_rows if "failed" in r]
        stop = f" (n={failed[0]['n']}: {failed[0]['failed']})" if failed else ""
        per_stage = ", ".join(f"{k} {fmt_slope(v)}" for k, v in slopes.items() if k in STAGES and v is not None)
        summary.append(f"| {name} | {what} | {fmt_slope(slopes['cpu'])}{stop} | {fmt_slope(slopes['total'])} | "
                       f"{per_stage or '-'} |")
    report = "\n".join(lines[:4] + ["## Slopes", ""] + summary + [""] + lines[4:]) + "\n"
    print(report)
    with open(args.out, "w") as f:
        f.write(report)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump(rows, f, indent=1)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
