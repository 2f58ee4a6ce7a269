#!/usr/bin/env python3
"""Writes the MIDI files the tests render pyo's 16-midi examples with (`--midi FILE.mid`), byte by byte with
no MIDI library, so every byte is known: tests/midi/README.md lists each event's exact time in seconds and in
frames. Run it from anywhere; it rewrites the .mid files beside it (the output is the same on every run);
`--check` only compares them."""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def vlq(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.insert(0, 0x80 | (value & 0x7F))
        value >>= 7
    return bytes(out)


def chunk(kind, body):
    return kind + struct.pack(">I", len(body)) + body


def track(events):
    """events: (absolute tick, bytes), put in time order here (stable: equal ticks keep the order given);
    delta-times are computed here. Ends with end-of-track."""
    body, now = b"", 0
    for tick, data in sorted(events, key=lambda event: event[0]):
        body += vlq(tick - now) + data
        now = tick
    return chunk(b"MTrk", body + vlq(0) + b"\xff\x2f\x00")


def meta(kind, data):
    return bytes([0xFF, kind]) + vlq(len(data)) + data


def tempo(microseconds_per_quarter):
    return meta(0x51, microseconds_per_quarter.to_bytes(3, "big"))


def smf(fmt, division, tracks):
    return chunk(b"MThd", struct.pack(">HHH", fmt, len(tracks), division)) + b"".join(tracks)


def notes_and_controls():
    """Format 1, 480 ticks per quarter: 120 bpm, then 150 bpm from tick 1920 (2.0 s). Channel 1 (status
    nibble 0): overlapping notes for a polyphonic Notein, note-offs written both as 0x80 and as note-on with
    velocity 0 (under running status), controllers 1 and 2 (Midictl), pitch bend (Bendin), channel pressure
    (Touchin), a program change; a sysex and text events that the reader must skip."""
    conductor = track([
        (0, meta(0x03, b"notes and controls")),
        (0, meta(0x58, bytes([4, 2, 24, 8]))),
        (0, tempo(500_000)),
        (1920, tempo(400_000)),
    ])
    keys = track([
        (0, bytes([0xC0, 0])),                 # program change
        (0, bytes([0x90, 60, 100])),           # C4
        (240, bytes([64, 80])),                # E4, running status
        (480, bytes([67, 60])),                # G4
        (960, bytes([0x80, 60, 64])),          # C4 off (0x80)
        (960, bytes([0x90, 64, 0])),           # E4 off (velocity 0)
        (1200, bytes([67, 0])),                # G4 off (velocity 0, running status)
        (1440, meta(0x01, b"a text event")),
        (1920, bytes([72, 127])),              # C5 after the tempo change, running status kept over the meta
        (2400, bytes([0x80, 72, 0])),
    ])
    controls = track([(tick, bytes([0xB0, 1, value])) for tick, value in
                      zip(range(0, 960, 120), (0, 18, 36, 54, 73, 91, 109, 127))] + [
        (480, bytes([0xB0, 2, 64])),
        (600, bytes([0xF0, 5, 0x7E, 0x7F, 0x09, 0x01, 0xF7])),  # GM on, a sysex
        (720, bytes([0xE0, 0x00, 0x40])),      # pitch bend centre (8192)
        (960, bytes([0xE0, 0x7F, 0x7F])),      # up to 16383
        (1440, bytes([0xE0, 0x00, 0x00])),     # down to 0
        (1680, bytes([0xD0, 90])),             # channel pressure
        (2880, bytes([0xE0, 0x00, 0x40])),     # centre again, 2.8 s
    ])
    return smf(1, 480, [conductor, keys, controls])


FIXTURES = {"notes-and-controls.mid": notes_and_controls}


def main():
    """No argument: (re)writes the files. --check: exits 1 when a committed file differs from what this
    script makes (ctest's midi-fixtures), so the file and the script that documents it cannot drift apart."""
    check = sys.argv[1:] == ["--check"]
    stale = []
    for name, make in FIXTURES.items():
        path = os.path.join(HERE, name)
        if check:
            with open(path, "rb") as f:
                if f.read() != make():
                    stale.append(name)
        else:
            with open(path, "wb") as f:
                f.write(make())
    if stale:
        print("stale MIDI fixtures (run tests/midi/make-fixtures.py): " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
