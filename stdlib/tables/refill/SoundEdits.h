// SndTable's setSound(), insert() and append() called by a callback while the patch plays: the sound file was read
// when compiling (its samples stay in the compiler's memory, as a reader's sound does), and the edit runs in the
// audio thread on the table's buffer in the state, which the compiler made large enough for the most the
// callbacks can make of it (ir::Table::capacity). Like the refills beside it, this file is compiled natively (for
// tests) and into the kernels' bitcode (for the compiled handlers): no allocation, no exception, no library but
// <cmath> and <cstring>.
//
// As pyo 1.0.4 does it (its C SndTable): a cut [start, stop) of the file in seconds (stop < 0: to its end), a
// crossfade in seconds of the server's rate with a square-root curve, and insert()'s choice: a position ≤ 0
// prepends, one at or after (size − 1) / rate seconds counted in whole seconds appends, any other inserts.
// Where pyo's own arithmetic breaks (an insert with crossfade 0 copies the old table over the new sound; a
// crossfade shorter than a sample gives a NaN) patchc inserts plainly.
#pragma once

#include <cmath>
#include <cstdint>

// pyo's cut of a file of `frames` frames at `rate`, [from, to) in frames, from seconds it keeps as floats (MYFLT:
// 0.7 s is 30870 frames at 44.1 kHz, where doubles give 30869): a stop before the start, past the end or not given
// (< 0) reads to the end; a start outside the file reads from 0. SndTable's compile-time fill cuts the same way.
inline void soundCut(float start, float stop, float rate, int64_t frames, int64_t& from, int64_t& to) {
  const float end = static_cast<float>(frames);
  to = stop <= 0 || stop <= start || stop * rate > end ? frames : static_cast<int64_t>(stop * rate);
  from = start < 0 || start * rate > end ? 0 : static_cast<int64_t>(start * rate);
}

inline constexpr int32_t kSoundEditSet = 0;     // setSound(path, start, stop)
inline constexpr int32_t kSoundEditInsert = 1;  // insert(path, pos, crossfade, start, stop)
inline constexpr int32_t kSoundEditAppend = 2;  // append(path, crossfade, start, stop)

// One channel: `samples` holds `capacity` + 1 floats, the first `size` + 1 the table (the guard point last); `file`
// the channel of the file it reads (`fileFrames` of them, at `fileRate`, which is also the table's rate). Returns
// the new size; an edit that would not fit leaves the table as it is.
extern "C" int32_t patchc_sound_edit(float* samples, int32_t size, int32_t capacity, const float* file,
                                     int32_t fileFrames, float fileRate, float serverRate, int32_t edit, float start,
                                     float stop, float pos, float crossfade);
