#!/usr/bin/python3
"""Two patchc binaries on the same bench cases, interleaved: is a change a regression on this host?

    bench/ab.py OLD_PATCHC NEW_PATCHC [--cases a,b,...] [--runs 5] [--dur 10]

Absolute rates move with the host (bench/RESULTS.md of another day may come from another machine), so "no
regression" is asked of two builds in one run: each round renders every case with both binaries (which goes first
alternates between rounds), and the medians of the callback's real-time factor ("... x real time" that
`patchc render` prints) are compared as new/old (< 1: the new one is slower). Build the old one in a worktree
(`git worktree add /tmp/old REV && cmake -S /tmp/old -B /tmp/old/build -G Ninja && ninja -C /tmp/old/build patchc`).
Cases are the stems of bench/cases/*.patch (default: all). Standard library only.
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def rate(patchc, case, dur, wav):
    out = subprocess.run([patchc, "render", os.path.join(HERE, "cases", case + ".patch"), "-o", wav, "-d", str(dur),
                          "--format", "24"], capture_output=True, text=True).stdout
    m = re.search(r"([0-9.]+)x real time", out)
    return float(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--cases", default="")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dur", type=float, default=10)
    a = ap.parse_args()
    cases = [c for c in a.cases.split(",") if c] or sorted(
        f[:-6] for f in os.listdir(os.path.join(HERE, "cases")) if f.endswith(".patch"))
    rates = {(c, v): [] for c in cases for v in ("old", "new")}
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "ab.wav")
        for r in range(a.runs):
            order = [("old", a.old), ("new", a.new)] if r % 2 == 0 else [("new", a.new), ("old", a.old)]
            for c in cases:
                for v, binary in order:
                    x = rate(binary, c, a.dur, wav)
                    if x is not None:
                        rates[(c, v)].append(x)
    print(f"{'case':28s} {'old RTF':>9s} {'new RTF':>9s} {'new/old':>8s}")
    for c in cases:
        old, new = rates[(c, "old")], rates[(c, "new")]
        if not old or not new:
            print(f"{c:28s} not rendered by {'both' if not old and not new else 'old' if not old else 'new'}")
            continue
        o, n = statistics.median(old), statistics.median(new)
        print(f"{c:28s} {o:9.1f} {n:9.1f} {n / o:8.2f}")


if __name__ == "__main__":
    main()
