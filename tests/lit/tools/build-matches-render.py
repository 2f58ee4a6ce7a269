#!/usr/bin/env python3
"""build-matches-render OUTDIR SECONDS PATCH...: builds each patch with `patchc build`, renders SECONDS with the
program and with `patchc render`, and checks that both wrote the same samples (same-samples.py). Prints one line
per patch that fails and a summary; exit 1 when any failed."""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
outdir, seconds, patches = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(outdir, exist_ok=True)
failed = 0
for patch in patches:
    name = os.path.splitext(os.path.basename(patch))[0]
    prog = os.path.join(outdir, name)
    steps = [
        ["patchc", "build", "-q", patch, "-o", prog],
        [prog, "--render", prog + ".prog.wav", "-d", seconds, "-q"],
        ["patchc", "render", "-q", patch, "-o", prog + ".jit.wav", "-d", seconds],
        [sys.executable, os.path.join(here, "same-samples.py"), prog + ".prog.wav", prog + ".jit.wav"],
    ]
    for step in steps:
        result = subprocess.run(step, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            print("%s: %s failed: %s" % (patch, os.path.basename(step[0]) if step[0] != sys.executable else
                                         "same-samples", result.stderr.strip()))
            failed += 1
            break
print("%d of %d programs render what patchc render renders" % (len(patches) - failed, len(patches)))
sys.exit(1 if failed else 0)
