#!/usr/bin/env python3
"""wav-measure FILE.wav COMMAND CHANNEL ARGS...: one measurement of a float32 WAV (patchc's default), printed on
one line for FileCheck.
  onset CHANNEL FROM       the first frame >= FROM whose sample is not 0, or "none"
  silent CHANNEL FROM      the first frame >= FROM from which every sample is 0, or "none"
  freq CHANNEL FROM TO     the frequency in Hz over frames [FROM, TO), from the rising zero crossings (linear
                           interpolation between samples), to 0.1 Hz
  value CHANNEL FRAME      the sample at FRAME, to 4 decimals
  format CHANNEL           "CHANNELS channels at RATE Hz" (of the file: CHANNEL must exist)"""
import struct
import sys


def channel_samples(path, channel):
    """(the channel's samples, the file's channel count, its sample rate)."""
    data = open(path, "rb").read()
    position, channels, rate = 12, None, None
    while position + 8 <= len(data):
        chunk, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
        body = data[position + 8:position + 8 + size]
        if chunk == b"fmt ":
            channels, rate = struct.unpack("<HI", body[2:8])
        elif chunk == b"data":
            frames = len(body) // (4 * channels)
            values = struct.unpack("<%df" % (frames * channels), body[:frames * channels * 4])
            if channel >= channels:
                sys.exit("%s has %d channels, no channel %d" % (path, channels, channel))
            return values[channel::channels], channels, rate
        position += 8 + size + (size & 1)
    sys.exit("no data chunk in " + path)


def main():
    path, command, channel = sys.argv[1], sys.argv[2], int(sys.argv[3])
    x, channels, rate = channel_samples(path, channel)
    args = [int(a) for a in sys.argv[4:]]
    if command == "onset":
        print(next((i for i in range(args[0], len(x)) if x[i] != 0.0), "none"))
    elif command == "silent":
        last = max((i for i in range(args[0], len(x)) if x[i] != 0.0), default=None)
        print(args[0] if last is None else (last + 1 if last + 1 < len(x) else "none"))
    elif command == "freq":
        begin, end = args
        crossings = []
        for i in range(begin + 1, end):
            if x[i - 1] < 0.0 <= x[i]:
                crossings.append(i - 1 + (-x[i - 1]) / (x[i] - x[i - 1]))
        if len(crossings) < 2:
            print("none")
        else:
            print("%.1f" % (rate * (len(crossings) - 1) / (crossings[-1] - crossings[0])))
    elif command == "format":
        print("%d channels at %d Hz" % (channels, rate))
    elif command == "value":
        print("%.4f" % x[args[0]])
    else:
        sys.exit("unknown command " + command)


main()
