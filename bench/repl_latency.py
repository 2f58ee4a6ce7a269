#!/usr/bin/env python3
"""Edit-to-sound latency of `patchc repl` (issue 9: at most 50 ms for a 100-object patch, median).

A session on the simulated device types a 100-object patch (50 oscillators of six kinds, each into one of five
filters, all played), lets it play, then makes edits: a parameter of one object changed, or an object added.
`--timings` makes the REPL print, for each edit, its compile time by stage and when the audio thread took the new
patch ("playing after": from the statement entered to the swap, the moment the next buffer is the new patch's),
and, for a tiered compile, when the full level's code took over from the quick code.
Each round runs the session three times, in an order that rotates: as the REPL does by default (the object cache
reuses the machine code of every unit the edit left as it was; what the edit changed is compiled at the quick tier,
then at the full level, which is swapped in when ready), without the quick tier (--no-tiered-compile: the changed
units at the full level before the edit plays), and without the cache (--no-code-cache: everything compiled again
at the full level). The report gives medians over all edits of all rounds and their ratios.

    bench/repl_latency.py                 # 5 rounds of 20 edits, writes bench/REPL_LATENCY.md and .json
    bench/repl_latency.py --rounds 2      # quicker
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OSCILLATORS = ["Sine({f}, mul=0.004)", "SineLoop({f}, feedback=0.05, mul=0.004)", "Phasor({f}, mul=0.004)",
               "LFO({f}, type=2, mul=0.004)", "RCOsc({f}, mul=0.004)", "Blit({f}, mul=0.004)"]
FILTERS = ["ButLP({src}, freq={c})", "ButHP({src}, freq={c})", "Biquad({src}, freq={c}, q=2)",
           "Tone({src}, freq={c})", "Atone({src}, freq={c})"]
EDIT = re.compile(r"edit (\d+): compiled in ([\d.]+) ms \(elaborate ([\d.]+), passes ([\d.]+), IR ([\d.]+), "
                  r"units keyed ([\d.]+), (\d+) compiled in ([\d.]+) and (\d+) reused, jit ([\d.]+)\), "
                  r"playing after ([\d.]+) ms")
UPGRADE = re.compile(r"edit (\d+): full level: (\d+) units in ([\d.]+) ms, playing after ([\d.]+) ms")
VARIANTS = {"tiered": [], "full level": ["--no-tiered-compile"], "uncached": ["--no-code-cache"]}


def session(edits):
    lines = ["s = Server().boot()"]
    for i in range(50):
        lines.append("o%d = %s" % (i, OSCILLATORS[i % len(OSCILLATORS)].format(f=100 + 7 * i)))
        lines.append("f%d = %s.out()" % (i, FILTERS[(i // 6) % len(FILTERS)].format(src="o%d" % i, c=1000 + 10 * i)))
    lines.append(":wait 1")
    kinds = []
    for k in range(edits):
        if k % 2 == 0:
            lines.append("o%d.freq = %d" % ((7 * k) % 50, 150 + k))
            kinds.append("parameter")
        else:
            lines.append("x%d = Sine(%d, mul=0.002).out()" % (k, 300 + k))
            kinds.append("new object")
        lines.append(":wait 0.25")
    return "\n".join(lines) + "\n", kinds


def run(patchc, text, flags):
    args = [patchc, "repl", "--simulate", "--timings", "-q"] + flags
    out = subprocess.run(args, input=text, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        sys.exit("patchc repl failed:\n" + out.stderr)
    lines = out.stdout.splitlines()
    edits = [m.groups() for m in map(EDIT.match, lines) if m]
    timings = [dict(zip(["edit", "compiled", "elaborate", "passes", "ir", "keyed", "units", "unitMs", "reused", "jit",
                         "heard"], [float(x) for x in g])) for g in edits]
    upgrades = {int(m.group(1)): float(m.group(4)) for m in map(UPGRADE.match, lines) if m}
    for t in timings:
        # The full level's code: at once without tiers, when swapped in with them.
        t["full"] = upgrades.get(int(t["edit"]), t["heard"]) if not flags else t["heard"]
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--patchc", default=os.path.join(ROOT, "build", "tools", "patchc"))
    parser.add_argument("--out", default=os.path.join(HERE, "REPL_LATENCY.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        patchc = os.path.join(tmp, "patchc")
        shutil.copy(args.patchc, patchc)  # a concurrent build may relink the original
        text, kinds = session(args.edits)
        results = {name: [] for name in VARIANTS}
        names = list(VARIANTS)
        for r in range(args.rounds):
            for name in names[r % 3:] + names[:r % 3]:
                timings = run(patchc, text, VARIANTS[name])
                typed = timings[-args.edits:]  # the statements after the patch's 101
                for t, kind in zip(typed, kinds):
                    t["kind"] = kind
                results[name] += typed
                print("round %d %s: median %.1f ms" % (r + 1, name, statistics.median(t["heard"] for t in typed)),
                      file=sys.stderr)

    def median(rows, key, kind=None):
        values = [t[key] for t in rows if kind is None or t["kind"] == kind]
        return statistics.median(values) if values else float("nan")

    tiered, full, uncached = results["tiered"], results["full level"], results["uncached"]
    lines = ["# REPL edit-to-sound latency (bench/repl_latency.py)", "",
             "A 100-object patch (50 oscillators of six kinds, each through one of five filters, after the optimizer "
             "%d units of code) typed into `patchc repl --simulate`, then %d edits: a parameter changed (even "
             "edits) or an object added (odd ones). \"Heard\": from the statement entered to the audio thread taking "
             "the new patch; \"full level\": to the audio thread taking the -O2 code of it (the tiered session's second "
             "swap). Medians over %d rounds of: tiered (the REPL's default: cache, changed units at the quick tier "
             "first), `--no-tiered-compile` (cache, changed units at -O2), `--no-code-cache` (all at -O2)."
             % (int(tiered[0]["units"] + tiered[0]["reused"]) if tiered else 0, args.edits, args.rounds), "",
             "| edit | heard, tiered (ms) | full level, tiered (ms) | heard, --no-tiered-compile (ms) | "
             "heard, --no-code-cache (ms) | no-tiered / tiered | uncached / tiered |", "|---|---|---|---|---|---|---|"]
    for kind in [None, "parameter", "new object"]:
        a, f, b, c = (median(tiered, "heard", kind), median(tiered, "full", kind), median(full, "heard", kind),
                      median(uncached, "heard", kind))
        lines.append("| %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |" % (kind or "all", a, f, b, c, b / a, c / a))
    for name, rows in [("tiered", tiered), ("--no-tiered-compile", full)]:
        lines += ["", "Where a %s edit's time goes (medians, ms): elaborate %.1f, passes %.1f, IR %.1f, keying the "
                  "units %.1f, compiling %.0f changed units %.1f (%.0f reused), JIT link %.1f."
                  % ((name,) + tuple(median(rows, k) for k in ["elaborate", "passes", "ir", "keyed", "units", "unitMs",
                                                               "reused", "jit"]))]
    lines.append("")
    report = "\n".join(lines)
    print(report)
    with open(args.out, "w") as f:
        f.write(report)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
