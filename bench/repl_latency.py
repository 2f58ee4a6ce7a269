#!/usr/bin/env python3
"""Edit-to-sound latency of `patchc repl` (issue 9: at most 50 ms for a 100-object patch, median).

A session on the simulated device types a 100-object patch (50 oscillators of six kinds, each into one of five
filters, all played), lets it play, then makes edits: a parameter of one object changed, or an object added.
`--timings` makes the REPL print, for each edit, its compile time by stage and when the audio thread took the new
patch ("playing after": from the statement entered to the swap, the moment the next buffer is the new patch's).
Each round runs the session twice, with the object cache (the REPL's default: the machine code of every unit the
edit left as it was is reused) and without it (--no-code-cache: everything compiled again), alternating which
goes first; the report gives medians over all edits of all rounds and their ratio.

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


def run(patchc, text, cache):
    args = [patchc, "repl", "--simulate", "--timings", "-q"] + ([] if cache else ["--no-code-cache"])
    out = subprocess.run(args, input=text, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        sys.exit("patchc repl failed:\n" + out.stderr)
    edits = [m.groups() for m in map(EDIT.match, out.stdout.splitlines()) if m]
    return [dict(zip(["edit", "compiled", "elaborate", "passes", "ir", "keyed", "units", "unitMs", "reused", "jit",
                      "heard"], [float(x) for x in g])) for g in edits]


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
        results = {True: [], False: []}
        for r in range(args.rounds):
            for cache in ([True, False] if r % 2 == 0 else [False, True]):
                timings = run(patchc, text, cache)
                typed = timings[-args.edits:]  # the statements after the patch's 101
                for t, kind in zip(typed, kinds):
                    t["kind"] = kind
                results[cache] += typed
                print("round %d %s: median %.1f ms" % (r + 1, "cached" if cache else "uncached",
                                                       statistics.median(t["heard"] for t in typed)), file=sys.stderr)

    def median(rows, key, kind=None):
        values = [t[key] for t in rows if kind is None or t["kind"] == kind]
        return statistics.median(values) if values else float("nan")

    cached, uncached = results[True], results[False]
    lines = ["# REPL edit-to-sound latency (bench/repl_latency.py)", "",
             "A 100-object patch (50 oscillators of six kinds, each through one of five filters, after the optimizer "
             "%d units of code) typed into `patchc repl --simulate`, then %d edits: a parameter changed (even "
             "edits) or an object added (odd ones). \"Heard\": from the statement entered to the audio thread taking "
             "the new patch. Medians over %d rounds; cached is the REPL's default, uncached `--no-code-cache`."
             % (int(cached[0]["units"] + cached[0]["reused"]) if cached else 0, args.edits, args.rounds), "",
             "| edit | heard, cached (ms) | heard, uncached (ms) | uncached / cached |", "|---|---|---|---|"]
    for kind in [None, "parameter", "new object"]:
        a, b = median(cached, "heard", kind), median(uncached, "heard", kind)
        lines.append("| %s | %.1f | %.1f | %.2f |" % (kind or "all", a, b, b / a))
    lines += ["", "Where a cached edit's time goes (medians, ms): elaborate %.1f, passes %.1f, IR %.1f, keying the "
              "units %.1f, compiling %.0f changed units %.1f (%.0f reused), JIT link %.1f."
              % tuple(median(cached, k) for k in ["elaborate", "passes", "ir", "keyed", "units", "unitMs", "reused",
                                                  "jit"]), ""]
    report = "\n".join(lines)
    print(report)
    with open(args.out, "w") as f:
        f.write(report)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump({"cached": cached, "uncached": uncached}, f, indent=1)


if __name__ == "__main__":
    main()
