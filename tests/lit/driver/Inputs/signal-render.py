"""Starts `patchc render` on a long render, sends it a signal once its temporary file is growing, and checks the
directory afterwards: patchc ended by that signal, no temporary file is left, and the previous output (if any)
is byte-identical. Usage: signal-render.py PATCH WORKDIR. Prints one line per case; exits 1 on a failure."""
import os
import signal
import subprocess
import sys
import time

patch, workdir = sys.argv[1], sys.argv[2]
failures = 0
for name in ["SIGINT", "SIGTERM", "SIGHUP"]:
    for previous in [b"the previous render\n", None]:
        sig = getattr(signal, name)
        directory = os.path.join(workdir, f"{name}-{'previous' if previous else 'none'}")
        os.makedirs(directory, exist_ok=True)
        output = os.path.join(directory, "out.wav")
        if previous:
            with open(output, "wb") as f:
                f.write(previous)
        # As a foreground job in a terminal: lit's workers ignore SIGINT, and patchc keeps an ignored signal
        # ignored (as nohup wants), so give the child the default actions.
        def default_actions():
            for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(s, signal.SIG_DFL)
        process = subprocess.Popen(["patchc", "render", "-q", patch, "-o", output, "-d", "3000",
                                    "--max-duration", "0"], stderr=subprocess.PIPE, preexec_fn=default_actions)
        deadline = time.monotonic() + 60
        growing = False
        while time.monotonic() < deadline and process.poll() is None and not growing:
            for entry in os.listdir(directory):
                if entry.startswith(".patchc-") and os.path.getsize(os.path.join(directory, entry)) > 0:
                    growing = True
            time.sleep(0.005)
        process.send_signal(sig)
        _, stderr = process.communicate()
        left = sorted(os.listdir(directory))
        expected = ["out.wav"] if previous else []
        same = (open(output, "rb").read() == previous) if previous else True
        ok = growing and process.returncode == -sig and left == expected and same
        print(f"{name} {'with' if previous else 'without'} a previous file: "
              f"{'ok' if ok else 'FAILED'} (growing={growing}, status={process.returncode}, left={left}, "
              f"previous intact={same}) stderr: {stderr.decode().strip()}")
        failures += not ok
sys.exit(1 if failures else 0)
