#!/usr/bin/env python3
"""same-samples A.wav B.wav: exit 0 when both WAV files hold the same format and the same sample bytes, ignoring
the other chunks (libsndfile's PEAK chunk of a float file carries a time stamp). Else a line that says where they
differ, and exit 1."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wavdata import chunks  # noqa: E402

a, b = (chunks(p, "same-samples") for p in sys.argv[1:3])
if a[b"fmt "] != b[b"fmt "]:
    sys.exit("same-samples: the formats differ")
if len(a[b"data"]) != len(b[b"data"]):
    sys.exit("same-samples: %d and %d bytes of samples" % (len(a[b"data"]), len(b[b"data"])))
if a[b"data"] != b[b"data"]:
    first = next(i for i, (x, y) in enumerate(zip(a[b"data"], b[b"data"])) if x != y)
    sys.exit("same-samples: the samples differ from byte %d" % first)
