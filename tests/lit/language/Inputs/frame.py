"""Prints one frame of a float32 WAV (patchc's default), each channel's sample to 6 significant digits."""
import struct
import sys

data = open(sys.argv[1], "rb").read()
frame = int(sys.argv[2])
position, channels = 12, None
while position + 8 <= len(data):
    chunk, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
    body = data[position + 8:position + 8 + size]
    if chunk == b"fmt ":
        channels = struct.unpack("<H", body[2:4])[0]
    elif chunk == b"data":
        samples = struct.unpack("<%df" % channels, body[frame * 4 * channels:(frame + 1) * 4 * channels])
        print(" ".join("%.6g" % x for x in samples))
    position += 8 + size + (size & 1)
