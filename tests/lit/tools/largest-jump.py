#!/usr/bin/env python3
"""largest-jump A.wav [--not-above B.wav [--by DELTA]] [--above X]: the largest sample-to-sample step |x[n] - x[n-1]|
of any channel of float WAV A, printed as "largest jump J at frame N".
--not-above B.wav: exit 1 unless A's largest jump is at most B's (plus DELTA, default 1e-6): a hot swap is not
heard as a click when it adds no step larger than the sound makes anyway.
--above X: exit 1 unless A's largest jump exceeds X (a click the test expects)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wavdata import float_channels  # noqa: E402


def largest_jump(path):
    _, channels = float_channels(path, "largest-jump")
    best, where = 0.0, 0
    for samples in channels:
        for n in range(1, len(samples)):
            step = abs(samples[n] - samples[n - 1])
            if step > best:
                best, where = step, n
    return best, where


parser = argparse.ArgumentParser()
parser.add_argument("wav")
parser.add_argument("--not-above")
parser.add_argument("--by", type=float, default=1e-6)
parser.add_argument("--above", type=float)
args = parser.parse_args()
jump, frame = largest_jump(args.wav)
print("largest jump %.6f at frame %d" % (jump, frame))
if args.not_above:
    reference, at = largest_jump(args.not_above)
    print("reference's largest jump %.6f at frame %d" % (reference, at))
    if jump > reference + args.by:
        sys.exit("largest-jump: %.6f is above the reference's %.6f" % (jump, reference))
if args.above is not None and not jump > args.above:
    sys.exit("largest-jump: %.6f is not above %g" % (jump, args.above))
