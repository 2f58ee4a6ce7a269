"""Reading the WAV files patchc writes, for the lit tools: the chunks of a RIFF WAVE file, and its float samples."""
import struct
import sys


def chunks(path, tool):
    """The first chunk of each id in the file; exits naming `tool` when it is not a WAV with fmt and data."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        sys.exit("%s: %s is not a RIFF WAVE file" % (tool, path))
    found, pos = {}, 12
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        found.setdefault(cid, data[pos + 8:pos + 8 + size])
        pos += 8 + size + (size & 1)
    for cid in (b"fmt ", b"data"):
        if cid not in found:
            sys.exit("%s: %s has no %r chunk" % (tool, path, cid.decode()))
    return found


def float_channels(path, tool):
    """(sample rate, one list of samples per channel) of a 32-bit float WAV (format 3, or extensible)."""
    found = chunks(path, tool)
    fmt = found[b"fmt "]
    tag, channels, rate = struct.unpack("<HHI", fmt[:8])
    bits = struct.unpack("<H", fmt[14:16])[0]
    if bits != 32 or tag not in (3, 0xFFFE):
        sys.exit("%s: %s does not hold 32-bit floats" % (tool, path))
    data = found[b"data"]
    values = struct.unpack("<%df" % (len(data) // 4), data[:len(data) // 4 * 4])
    return rate, [list(values[c::channels]) for c in range(channels)]
