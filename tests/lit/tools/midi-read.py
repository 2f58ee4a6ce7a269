#!/usr/bin/env python3
"""midi-read FILE.mid SAMPLE_RATE COMMAND ...: reads a standard MIDI file (formats 0 and 1, metrical division,
tempo changes, running status; no MIDI library) and turns every tick into a frame at SAMPLE_RATE, exactly
(fractions): a message whose time is not a whole frame is reported, so a test sees inexact ticks.

  dump                    one line per message: "FRAME STATUS DATA1 DATA2" (hex status), then "end FRAME"
  pattern-notes PERIOD DURATIONS VELOCITIES PHASOR [LOG]
                          checks pyo's 06-midi-out.py: note-ons at every call of a Pattern of PERIOD seconds
                          (frame k: ceil(k·PERIOD·sr), the first at 0), each ended by a note-on of velocity 0 after
                          the k-th of DURATIONS (ms, cycled: "500,125,125,125"), velocities in the k-th range of
                          VELOCITIES (cycled: "90-110,50-70,50-70,50-70"), pitches int(ADD + MUL·phase) of a
                          Phasor "FREQ,MUL,ADD" read on the frame before the event (obj.get(): the last sample
                          computed); with LOG, the lines the script printed ("pitch: P, velocity: V, duration: D")
                          must give the same notes. Prints "ok: N notes", or each mismatch and exits 1."""
import math
import sys
from fractions import Fraction


def read_smf(path):
    data = open(path, "rb").read()
    if data[:4] != b"MThd":
        sys.exit("not a MIDI file: " + path)
    length = int.from_bytes(data[4:8], "big")
    fmt, ntracks, division = (int.from_bytes(data[8 + 2 * i:10 + 2 * i], "big") for i in range(3))
    if division & 0x8000:
        sys.exit("SMPTE division is not read here")
    position = 8 + length
    events, tempos, ends = [], [(0, 500000)], []
    for track in range(ntracks):
        kind, size = data[position:position + 4], int.from_bytes(data[position + 4:position + 8], "big")
        body = data[position + 8:position + 8 + size]
        position += 8 + size
        if kind != b"MTrk":
            continue
        i, tick, running, order = 0, 0, None, 0

        def vlq():
            nonlocal i
            value = 0
            while True:
                byte = body[i]
                i += 1
                value = (value << 7) | (byte & 0x7F)
                if not byte & 0x80:
                    return value

        while i < len(body):
            tick += vlq()
            status = body[i]
            if status == 0xFF:
                meta, i = body[i + 1], i + 2
                n = vlq()
                payload = body[i:i + n]
                i += n
                if meta == 0x51:
                    tempos.append((tick, int.from_bytes(payload, "big")))
                if meta == 0x2F:
                    ends.append(tick)
                    break
                continue
            if status in (0xF0, 0xF7):
                i += 1
                i += vlq()
                continue
            if status & 0x80:
                running, i = status, i + 1
            count = 1 if running & 0xF0 in (0xC0, 0xD0) else 2
            d = body[i:i + count]
            i += count
            events.append((tick, track, order, running, d[0], d[1] if count == 2 else 0))
            order += 1
    tempos.sort(key=lambda t: t[0])
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return division, tempos, events, max(ends or [0])


def seconds_of(tick, division, tempos):
    seconds, last_tick, last_tempo = Fraction(0), 0, 500000
    for at, tempo in tempos:
        if at > tick:
            break
        seconds += Fraction(at - last_tick) * last_tempo / (division * 1000000)
        last_tick, last_tempo = at, tempo
    return seconds + Fraction(tick - last_tick) * last_tempo / (division * 1000000)


def main():
    path, rate, command = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    division, tempos, raw, end = read_smf(path)
    inexact = []

    def frame(tick):
        f = seconds_of(tick, division, tempos) * rate
        if f.denominator != 1:
            inexact.append(tick)
        return math.floor(f)

    events = [(frame(t), s, a, b) for t, _, _, s, a, b in raw]
    if inexact:
        print("inexact: %d ticks are not whole frames (first: tick %d)" % (len(inexact), inexact[0]))
        sys.exit(1)
    if command == "dump":
        for f, s, a, b in events:
            print("%d %02X %d %d" % (f, s, a, b))
        print("end %d" % frame(end))
        return
    if command != "pattern-notes":
        sys.exit("unknown command " + command)
    period = Fraction(sys.argv[4])
    durations = [int(x) for x in sys.argv[5].split(",")]
    velocities = [tuple(int(v) for v in r.split("-")) for r in sys.argv[6].split(",")]
    freq, mul, add = (float(x) for x in sys.argv[7].split(","))
    log = []
    if len(sys.argv) > 8:
        for line in open(sys.argv[8]):
            if line.startswith("pitch: "):
                log.append(tuple(int(part.split(": ")[1]) for part in line.strip().split(", ")))
    ons = [e for e in events if e[1] & 0xF0 == 0x90 and e[3] > 0]
    offs = [e for e in events if (e[1] & 0xF0 == 0x90 and e[3] == 0) or e[1] & 0xF0 == 0x80]
    problems = []
    if len(events) != len(ons) + len(offs):
        problems.append("%d messages are not notes" % (len(events) - len(ons) - len(offs)))
    for k, (f, status, pitch, velocity) in enumerate(ons):
        expected = math.ceil(k * period * rate) if k else 0
        if f != expected:
            problems.append("note %d at frame %d, not %d" % (k, f, expected))
        low, high = velocities[k % len(velocities)]
        if not low <= velocity <= high:
            problems.append("note %d: velocity %d outside %d-%d" % (k, velocity, low, high))
        # The Phasor's phase on the frame before (0 before anything was computed), in doubles: a pitch within
        # 1e-3 of a whole number may round either way in the patch's floats.
        value = 0.0 if f == 0 else add + mul * math.modf(freq * (f - 1) / rate)[0]
        if pitch != int(value) and abs(value - round(value)) > 1e-3:
            problems.append("note %d at frame %d: pitch %d, the Phasor gives %.4f" % (k, f, pitch, value))
        duration = durations[k % len(durations)]
        off_frame = f + math.floor(Fraction(duration * rate, 1000) + Fraction(1, 2))
        matching = [o for o in offs if o[2] == pitch and o[1] == status and o[0] == off_frame]
        if not matching:
            problems.append("note %d (pitch %d at %d): no note-off at frame %d (%d ms)" % (k, pitch, f, off_frame, duration))
        else:
            offs.remove(matching[0])
        if log and k < len(log) and log[k] != (pitch, velocity, duration):
            problems.append("note %d: printed %s, sent %s" % (k, log[k], (pitch, velocity, duration)))
    if offs:
        problems.append("%d note-offs end no note (first at frame %d)" % (len(offs), offs[0][0]))
    if log and len(log) < len(ons):
        problems.append("%d notes sent, %d printed" % (len(ons), len(log)))
    for p in problems[:20]:
        print(p)
    if problems:
        sys.exit(1)
    print("ok: %d notes" % len(ons))


main()
