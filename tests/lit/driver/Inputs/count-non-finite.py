"""Prints the frames, channels and non-finite samples of a float32 WAV (patchc's default; no PEAK chunk)."""
import math
import struct
import sys

data = open(sys.argv[1], "rb").read()
assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", "not a WAV file"
position, channels, samples = 12, None, None
while position + 8 <= len(data):
    chunk, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
    body = data[position + 8:position + 8 + size]
    if chunk == b"fmt ":
        tag, channels = struct.unpack("<HH", body[:4])
    elif chunk == b"data":
        samples = struct.unpack("<%df" % (size // 4), body)
    position += 8 + size + (size & 1)
bad = sum(1 for x in samples if not math.isfinite(x))
print(f"{len(samples) // channels} frames, {channels} channels, {bad} non-finite samples")
