#!/usr/bin/python3
"""The manual's chorus, naive and mixed down, rendered by patchc and by pyo 1.0.4 in the same run.

Usage: bench/chorus_vs_pyo.py [--runs N] [--dur SECONDS] [--patchc build/tools/patchc]

patchc: `patchc render` reports the CPU time of the fused callback (file writing excluded) and the compile time
(parse to callable). pyo: the shared bench scripts time s.start() with time.process_time(), which renders the
whole duration offline (24-bit file writing included; an empty pyo server costs ~0.5 % of the chorus's time).
Runs alternate between the systems; medians are printed. Needs python3-pyo (apt) for the pyo side.
"""
import argparse, json, os, re, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PYO_CASES = os.path.join(ROOT, "..", "shared", "bench", "cases")
CASES = [("naive", "chorus.patch", "mixdown_phaser__naive.py"), ("mixed", "chorus_mixed.patch", "mixdown_phaser__tuned.py")]


def patchc_run(patchc, patch, dur):
    out = subprocess.run([patchc, "render", os.path.join(ROOT, "examples", patch), "-o", "/tmp/patchc_bench.wav",
                          "-d", str(dur)], check=True, capture_output=True, text=True).stdout
    rtf = float(re.search(r"([0-9.]+)x real time", out).group(1))
    compile_ms = float(re.search(r"compiled in ([0-9.]+) ms", out).group(1))
    return rtf, compile_ms


def pyo_run(script, dur):
    env = dict(os.environ, BENCH_DUR=str(dur))
    out = subprocess.run(["/usr/bin/python3", os.path.join(PYO_CASES, script)], check=True, capture_output=True,
                         text=True, env=env).stdout
    res = json.loads(out.split("BENCH ", 1)[1])
    return res["audio_s"] / res["cpu_s"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dur", type=float, default=10.0)
    ap.add_argument("--patchc", default=os.path.join(ROOT, "build", "tools", "patchc"))
    args = ap.parse_args()
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                         text=True).stdout.strip()
    print(f"CPU: {cpu}; {args.runs} runs of {args.dur:g} s each; medians")
    print("| case | patchc RTF | pyo RTF | patchc / pyo | patchc compile ms |")
    print("|---|---:|---:|---:|---:|")
    for name, patch, script in CASES:
        p, c, y = [], [], []
        for _ in range(args.runs):
            rtf, ms = patchc_run(args.patchc, patch, args.dur)
            p.append(rtf)
            c.append(ms)
            y.append(pyo_run(script, args.dur))
        mp, my = statistics.median(p), statistics.median(y)
        print(f"| chorus {name} | {mp:.1f} | {my:.1f} | {mp / my:.2f} | {statistics.median(c):.1f} |")


if __name__ == "__main__":
    sys.exit(main())
