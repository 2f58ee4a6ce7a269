#!/usr/bin/env python3
"""same-samples A.wav B.wav: exit 0 when both WAV files hold the same format and the same sample bytes, ignoring
the other chunks (libsndfile's PEAK chunk of a float file carries a time stamp). Else a line that says where they
differ, and exit 1."""
import struct
import sys


def chunks(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        sys.exit("same-samples: %s is not a RIFF WAVE file" % path)
    found, pos = {}, 12
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        found.setdefault(cid, data[pos + 8:pos + 8 + size])
        pos += 8 + size + (size & 1)
    for cid in (b"fmt ", b"data"):
        if cid not in found:
            sys.exit("same-samples: %s has no %r chunk" % (path, cid.decode()))
    return found


a, b = (chunks(p) for p in sys.argv[1:3])
if a[b"fmt "] != b[b"fmt "]:
    sys.exit("same-samples: the formats differ")
if len(a[b"data"]) != len(b[b"data"]):
    sys.exit("same-samples: %d and %d bytes of samples" % (len(a[b"data"]), len(b[b"data"])))
if a[b"data"] != b[b"data"]:
    first = next(i for i, (x, y) in enumerate(zip(a[b"data"], b[b"data"])) if x != y)
    sys.exit("same-samples: the samples differ from byte %d" % first)
