#!/usr/bin/python3
"""pyo's tutorials rendered by patchc and by pyo 1.0.4, compared by level and pitch.

    bench/tutorials.py [FOLDER ...] [--patchc PATH] [--examples DIR] [--dur 3] [--out bench/TUTORIALS.md]

For each script of the given folders of pyo's examples (default 01-intro 02-controls 05-envelopes 09-callbacks
10-tables; the users' corpus, extracted from pyo's git mirror into /tmp/pyoex when missing, never committed):

- patchc: `patchc render SCRIPT -o X.wav --duration 3`, the script unchanged, run from the script's folder so that
  relative sound paths resolve, with PATCHC_SNDS_PATH set to pyo's own SNDS_PATH (patchc's default SNDS_PATH holds
  sounds it makes at build time, not pyo's recordings: a script reading SNDS_PATH would compare other sounds);
- pyo: the same script with its `s = Server(...)` line rewritten to an offline server (audio="offline", boot,
  recordOptions(dur=3, 32-bit float WAV)), its s.boot()/s.start()/s.gui() lines dropped, GUI methods (ctrl, view,
  graph) made no-ops, and s.start() appended (an offline start renders the whole duration), from the same folder.

Then, per output channel, after the first 0.5 s (pyo's output fade-in, and patchc's compile-free start): the RMS of
both renders and their ratio in dB, the same for every 0.5 s window, and each window's dominant frequency (peak
of an 8192-point Hann-windowed FFT from the window's middle, parabolic interpolation: ~0.5 Hz). Scripts that draw
random numbers (random.*, Noise, Randi, ...) differ by their draws, not necessarily by a bug. Standard library only.
"""
import argparse
import cmath
import json
import math
import os
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
FOLDERS = ["01-intro", "02-controls", "05-envelopes", "09-callbacks", "10-tables"]
PYO_GIT = "/work/.mirror/belangeo+pyo/repo"
NFFT = 8192
NOISE = -1.0  # peak_hz of a window without a clear peak

# Installed before the script's own code: pyo's GUI windows need a display and a main loop; offline they are noise.
PROLOGUE = '''\
def _patchc_no_gui():
    import pyo as _pyo
    for _n in dir(_pyo):
        _c = getattr(_pyo, _n)
        if isinstance(_c, type):
            for _m in ("ctrl", "view", "graph"):
                if _m in _c.__dict__:
                    setattr(_c, _m, lambda *a, **k: None)
'''
SERVER_RE = re.compile(r"^(\s*)(\w+)\s*=\s*Server\((.*?)\)((?:\.(?:boot|start)\(\))*)\s*(#.*)?$")


def pyo_offline(src, dur, wav):
    """The script with an offline server rendering `dur` s to `wav`, or None when no `s = Server(...)` line."""
    out, var = [PROLOGUE], None
    for line in src.splitlines():
        m = SERVER_RE.match(line)
        if m and var is None:
            ind, var, args = m.group(1), m.group(2), m.group(3).strip()
            out.append('%s%s = Server(%saudio="offline"); %s.deactivateMidi(); %s.setVerbosity(1); %s.boot(); '
                       '%s.recordOptions(dur=%r, filename=%r, fileformat=0, sampletype=3); _patchc_no_gui()' % (
                           ind, var, (args + ", ") if args else "", var, var, var, var, dur, wav))
            continue
        if var and re.match(r"^\s*%s\.(boot|start|gui)\(.*\)\s*(#.*)?$" % re.escape(var), line):
            out.append(re.match(r"^(\s*)", line).group(1) + "pass")
            continue
        out.append(line)
    if var is None:
        return None
    out.append("%s.start()" % var)
    return "\n".join(out) + "\n"


# ---- WAV reading (PCM 16/24/32 and 32-bit float; WAVE_FORMAT_EXTENSIBLE) ----------------------------------------

def read_wav(path):
    """-> (sample rate, [channel sample lists])"""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] not in (b"RIFF", b"RF64") or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    pos, fmt, body = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            tag, ch, sr, _, _, bits = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
            if tag == 0xFFFE:
                tag = struct.unpack("<H", data[pos + 32:pos + 34])[0]
            fmt = (tag, ch, sr, bits)
        elif cid == b"data":
            if size == 0xFFFFFFFF:
                size = len(data) - pos - 8
            body = data[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
    if fmt is None or body is None:
        raise ValueError("no fmt or data chunk")
    tag, ch, sr, bits = fmt
    if tag == 3 and bits == 32:
        n = len(body) // 4
        xs = list(struct.unpack("<%df" % n, body[:n * 4]))
    elif tag == 1 and bits == 16:
        n = len(body) // 2
        xs = [v / 32768.0 for v in struct.unpack("<%dh" % n, body[:n * 2])]
    elif tag == 1 and bits == 32:
        n = len(body) // 4
        xs = [v / 2147483648.0 for v in struct.unpack("<%di" % n, body[:n * 4])]
    elif tag == 1 and bits == 24:
        xs = [int.from_bytes(body[i:i + 3], "little", signed=True) / 8388608.0 for i in range(0, len(body) - 2, 3)]
    else:
        raise ValueError("unsupported WAV format %d/%d bits" % (tag, bits))
    return sr, [xs[c::ch] for c in range(ch)]


# ---- analysis -------------------------------------------------------------------------------------------------

def rms(xs):
    return math.sqrt(sum(x * x for x in xs) / len(xs)) if xs else 0.0


_TW = {}


def fft(a):
    """In-place iterative radix-2 FFT of a list of complex numbers (len a power of two)."""
    n = len(a)
    j = 0
    for i in range(1, n):
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j |= bit
        if i < j:
            a[i], a[j] = a[j], a[i]
    if n not in _TW:
        _TW[n] = [cmath.exp(-2j * math.pi * k / n) for k in range(n // 2)]
    tw = _TW[n]
    size = 2
    while size <= n:
        half, stride = size // 2, n // size
        for start in range(0, n, size):
            for k in range(half):
                t = tw[k * stride] * a[start + k + half]
                u = a[start + k]
                a[start + k] = u + t
                a[start + k + half] = u - t
        size *= 2
    return a


def peak_hz(xs, sr):
    """(dominant frequency, frequencies of the highest peaks) of xs: NFFT samples from its middle, Hann window,
    parabolic interpolation; (NOISE, []) without a clear peak, (None, []) when too short."""
    if len(xs) < NFFT:
        return None, []
    off = (len(xs) - NFFT) // 2
    a = [complex(xs[off + i] * (0.5 - 0.5 * math.cos(2 * math.pi * i / NFFT))) for i in range(NFFT)]
    mags = [abs(c) for c in fft(a)[:NFFT // 2]]
    lo = max(2, int(math.ceil(20.0 * NFFT / sr)))  # from 20 Hz: DC offsets and sub-audio drifts are no pitches
    k = max(range(lo, NFFT // 2 - 1), key=mags.__getitem__)
    if mags[k] <= 0:
        return None, []
    # a pitch stands out of its neighbourhood (> 15.6 dB over the local median); the top bin of noise is ~3.5x (11 dB)
    near = sorted(mags[max(1, k - 64):k - 3] + mags[k + 4:k + 65])
    if near and mags[k] < 6.0 * near[len(near) // 2]:
        return NOISE, []
    return interpolated_hz(mags, k, sr), [interpolated_hz(mags, i, sr) for i in top_peaks(mags, lo)]


def interpolated_hz(mags, k, sr):
    l, c, r = (math.log(max(mags[i], 1e-30)) for i in (k - 1, k, k + 1))
    d = l - 2 * c + r
    delta = 0.5 * (l - r) / d if d != 0 else 0.0
    return (k + delta) * sr / NFFT


def top_peaks(mags, lo, n=5, within_db=12.0):
    """The n highest local maxima within `within_db` of the highest: the partials of a chord, where the dominant
    one may be either of two nearly equal ones."""
    top = max(mags[lo:-1])
    floor = top * 10 ** (-within_db / 20)
    cand = [i for i in range(lo, len(mags) - 1) if mags[i] >= floor and mags[i - 1] < mags[i] >= mags[i + 1]]
    return sorted(cand, key=lambda i: -mags[i])[:n]


def analyse(path, skip, win):
    sr, chans = read_wav(path)
    res = []
    for xs in chans:
        s0 = int(round(skip * sr))
        w = int(round(win * sr))
        wins = []
        p = s0
        while p + w <= len(xs):
            seg = xs[p:p + w]
            r = rms(seg)
            hz, peaks = peak_hz(seg, sr) if r > 1e-6 else (None, [])
            wins.append({"rms": r, "hz": hz, "peaks": peaks})
            p += w
        res.append({"rms": rms(xs[s0:]), "windows": wins})
    return {"sr": sr, "frames": len(chans[0]) if chans else 0, "channels": res}


def db(a, b):
    if a <= 1e-9 and b <= 1e-9:
        return 0.0
    if a <= 1e-9:
        return -math.inf
    if b <= 1e-9:
        return math.inf
    return 20 * math.log10(a / b)


# ---- one script -----------------------------------------------------------------------------------------------

def last_error(text):
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    for x in lines:
        if "error" in x.lower():
            return x[:160]
    return lines[-1][:160] if lines else ""


_SNDS = []


def patchc_environment():
    """The environment for patchc: SNDS_PATH is pyo's sounds folder (asked of pyo once), when pyo has one."""
    if not _SNDS:
        p = subprocess.run([PY, "-c", "import pyo; print(pyo.SNDS_PATH)"], capture_output=True, text=True)
        _SNDS.append(p.stdout.strip().splitlines()[-1] if p.returncode == 0 and p.stdout.strip() else "")
    env = dict(os.environ)
    if _SNDS[0] and os.path.isdir(_SNDS[0]):
        env["PATCHC_SNDS_PATH"] = _SNDS[0]
    return env


def compare(script, patchc, dur, skip, win, tmp):
    folder = os.path.dirname(script)
    res = {"script": os.path.join(os.path.basename(folder), os.path.basename(script))}
    pw, yw = os.path.join(tmp, "patchc.wav"), os.path.join(tmp, "pyo.wav")
    for f in (pw, yw):
        if os.path.exists(f):
            os.remove(f)
    try:
        p = subprocess.run([patchc, "render", script, "-o", pw, "--duration", "%g" % dur], cwd=folder,
                           capture_output=True, text=True, timeout=120, env=patchc_environment())
        if p.returncode != 0 or not os.path.exists(pw):
            res["patchc_error"] = last_error(p.stderr + p.stdout).replace(folder + os.sep, "")
    except subprocess.TimeoutExpired:
        res["patchc_error"] = "timeout"
    with open(script) as f:
        src = pyo_offline(f.read(), dur, yw)
    if src is None:
        res["pyo_error"] = "no `s = Server(...)` line to rewrite"
    else:
        ys = os.path.join(tmp, "pyo_offline.py")
        with open(ys, "w") as f:
            f.write(src)
        try:
            p = subprocess.run([PY, ys], cwd=folder, capture_output=True, text=True, timeout=120)
            if p.returncode != 0 or not os.path.exists(yw):
                res["pyo_error"] = last_error(p.stderr + p.stdout)
        except subprocess.TimeoutExpired:
            res["pyo_error"] = "timeout"
    for key, path in (("patchc", pw), ("pyo", yw)):
        if key + "_error" not in res:
            try:
                res[key] = analyse(path, skip, win)
            except (ValueError, struct.error) as e:
                res[key + "_error"] = "cannot read %s's output: %s" % (key, e)
    return res


# ---- report ---------------------------------------------------------------------------------------------------

def fdb(x):
    if math.isinf(x):
        return "+inf" if x > 0 else "-inf"
    return "%+.1f" % x


def fhz(x):
    if x == NOISE:
        return "~"
    return "-" if x is None else ("%.0f" % x if x >= 100 else "%.1f" % x)


def near(hz, others):
    return any(abs(hz - o) <= max(2.0, 0.01 * o) for o in others)


def verdict(r):
    """'same' when every channel's level is within 1 dB in every window and each render's dominant frequency is
    within 1 % (or 2 Hz) of one of the other's highest peaks (a chord's dominant partial may flip between two)."""
    P, Y = r["patchc"]["channels"], r["pyo"]["channels"]
    if len(P) != len(Y):
        return "differs: %d channels vs %d" % (len(P), len(Y))
    why = set()
    for cp, cy in zip(P, Y):
        for wp, wy in zip(cp["windows"], cy["windows"]):
            if abs(db(wp["rms"], wy["rms"])) > 1.0:
                why.add("level")
            hp, hy = wp["hz"], wy["hz"]
            if (hp is None) != (hy is None) or ((hp == NOISE) != (hy == NOISE)) or (
                    hp and hy and hp > 0 and hy > 0 and not (near(hp, [hy] + wy["peaks"]) and
                                                             near(hy, [hp] + wp["peaks"]))):
                why.add("pitch")
    return "same" if not why else "differs: " + ", ".join(sorted(why))


def report(results, meta):
    L = ["# pyo's tutorials: patchc against pyo 1.0.4", ""]
    L.append("Generated by `%s` (patchc %s, %s s rendered, levels from %g s, windows of %g s). "
             "RMS in dBFS; dB = patchc − pyo; Hz = dominant frequency (FFT peak) of each window, "
             "patchc / pyo (`~`: no clear peak, noise; `-`: silence)." % (meta["command"], meta["rev"], meta["dur"], meta["skip"], meta["win"]))
    L.append("")
    L.append("| script | ch | patchc dBFS | pyo dBFS | dB | dB per window | Hz per window (patchc / pyo) | verdict |")
    L.append("|---|---:|---:|---:|---:|---|---|---|")

    def dbfs(x):
        return "-inf" if x <= 1e-9 else "%.1f" % (20 * math.log10(x))

    for r in results:
        errs = ["%s: %s" % (k, r[k + "_error"]) for k in ("patchc", "pyo") if k + "_error" in r]
        if errs:
            L.append("| %s | | | | | | | %s |" % (r["script"], "; ".join(e.replace("|", "\\|") for e in errs)))
            continue
        v = verdict(r)
        for c, (cp, cy) in enumerate(zip(r["patchc"]["channels"], r["pyo"]["channels"])):
            wdb = " ".join(fdb(db(a["rms"], b["rms"])) for a, b in zip(cp["windows"], cy["windows"]))
            whz = " ".join("%s/%s" % (fhz(a["hz"]), fhz(b["hz"])) for a, b in zip(cp["windows"], cy["windows"]))
            L.append("| %s | %d | %s | %s | %s | %s | %s | %s |" % (
                r["script"] if c == 0 else "", c, dbfs(cp["rms"]), dbfs(cy["rms"]), fdb(db(cp["rms"], cy["rms"])),
                wdb, whz, v if c == 0 else ""))
    n = len(results)
    same = sum(1 for r in results if "patchc_error" not in r and "pyo_error" not in r and verdict(r) == "same")
    failed = sum(1 for r in results if "patchc_error" in r)
    L.append("")
    L.append("%d scripts: %d the same (every window within 1 dB and 1 %% in pitch), %d differ, %d not rendered by "
             "patchc, %d not rendered by pyo." % (
                 n, same, n - same - failed - sum(1 for r in results if "pyo_error" in r and "patchc_error" not in r),
                 failed, sum(1 for r in results if "pyo_error" in r)))
    L.append("")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("folders", nargs="*", default=FOLDERS, help="folders of pyo/examples (default: %s)" %
                    " ".join(FOLDERS))
    ap.add_argument("--patchc", default=os.path.join(ROOT, "build", "tools", "patchc"))
    ap.add_argument("--examples", default="/tmp/pyoex/pyo/examples", help="pyo's examples folder")
    ap.add_argument("--pyo-git", default=PYO_GIT, help="pyo's git dir, to extract the examples when missing")
    ap.add_argument("--dur", type=float, default=3.0)
    ap.add_argument("--skip", type=float, default=0.5, help="seconds left out at the start (pyo's fade-in)")
    ap.add_argument("--win", type=float, default=0.5, help="window length in seconds")
    ap.add_argument("--only", default="", help="substring of the script names to keep")
    ap.add_argument("--out", default="", help="also write the Markdown table here (and the raw numbers to .json)")
    a = ap.parse_args()
    patchc = os.path.abspath(a.patchc)
    if not os.access(patchc, os.X_OK):
        print("%s not found: build it (ninja -C build patchc) or pass --patchc" % patchc, file=sys.stderr)
        return 2
    ex = os.path.abspath(a.examples)
    if not os.path.isdir(ex):
        dest = os.path.dirname(os.path.dirname(ex))  # .../pyo/examples -> extract pyo/examples under this
        os.makedirs(dest, exist_ok=True)
        print("extracting pyo/examples from %s into %s" % (a.pyo_git, dest), file=sys.stderr)
        arch = subprocess.run(["git", "--git-dir=" + a.pyo_git, "archive", "HEAD", "pyo/examples"],
                              capture_output=True)
        if arch.returncode != 0 or subprocess.run(["tar", "-x", "-C", dest], input=arch.stdout).returncode != 0:
            print("cannot extract pyo/examples from %s" % a.pyo_git, file=sys.stderr)
            return 2
    scripts = []
    for d in a.folders:
        fd = os.path.join(ex, d)
        if not os.path.isdir(fd):
            print("no folder %s" % fd, file=sys.stderr)
            return 2
        scripts += [os.path.join(fd, f) for f in sorted(os.listdir(fd))
                    if f.endswith(".py") and f != "__init__.py" and a.only in f]
    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True).stdout.strip()
    meta = {"command": " ".join(["bench/tutorials.py"] + sys.argv[1:]), "rev": rev or "?", "dur": a.dur,
            "skip": a.skip, "win": a.win, "patchc": patchc}
    results = []
    with tempfile.TemporaryDirectory(prefix="patchc_tutorials_") as tmp:
        for s in scripts:
            r = compare(s, patchc, a.dur, a.skip, a.win, tmp)
            results.append(r)
            status = "; ".join(r[k] for k in ("patchc_error", "pyo_error") if k in r) or verdict(r)
            print("  %-45s %s" % (r["script"], status), file=sys.stderr, flush=True)
    text = report(results, meta)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
        with open(os.path.splitext(a.out)[0] + ".json", "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1, sort_keys=True,
                      default=lambda x: None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
