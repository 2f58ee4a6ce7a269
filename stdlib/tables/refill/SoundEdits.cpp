// SndTable's setSound, insert and append while the patch plays (SoundEdits.h): pyo 1.0.4's cuts, crossfades and
// choices between insert, prepend and append, done in place in a buffer of fixed capacity.
#include "stdlib/tables/refill/SoundEdits.h"

#include <cstring>

namespace {

using Index = int64_t;

Index atLeastZero(Index x) { return x < 0 ? 0 : x; }

// pyo's mix of the two sounds in a crossfade: `a` of one (float × float, as pyo's MYFLTs) and 1 − a of the other
// (1.0 a double there, so that product and the sum are doubles before the store).
float mix(float weighted, float a, float other) {
  return static_cast<float>(static_cast<double>(weighted * a) +
                            static_cast<double>(other) * (1.0 - static_cast<double>(a)));
}

// The crossfade in samples where the new sound meets one end of the table: shorter than either.
Index endCrossfade(float crossfade, float serverRate, Index load, Index size) {
  Index cross = static_cast<Index>(crossfade * serverRate);
  if (cross >= load) cross = load - 1;
  if (cross >= size) cross = size - 1;
  return atLeastZero(cross);
}

Index prepend(float* samples, Index size, const float* chunk, Index load, float crossfade, float serverRate) {
  const Index cross = endCrossfade(crossfade, serverRate, load, size);
  const Index crossPoint = load - cross;
  std::memmove(samples + crossPoint, samples, sizeof(float) * static_cast<size_t>(size));
  for (Index i = 0; i < load; ++i) {
    if (crossfade != 0.0f && i >= crossPoint) {
      // The old sound, moved to i, fades in under the new one's end.
      const float a = std::sqrt(static_cast<float>(i - crossPoint) / static_cast<float>(cross));
      samples[i] = static_cast<float>(static_cast<double>(chunk[i]) * (1.0 - static_cast<double>(a)) +
                                      static_cast<double>(samples[i] * a));
    } else {
      samples[i] = chunk[i];
    }
  }
  return size + load - cross;
}

Index append(float* samples, Index size, const float* chunk, Index load, float crossfade, float serverRate) {
  const Index cross = endCrossfade(crossfade, serverRate, load, size);
  const Index crossPoint = size - cross;
  for (Index i = 0; i < load; ++i) {
    float* at = samples + crossPoint + i;
    if (crossfade != 0.0f && i < cross)
      *at = mix(chunk[i], std::sqrt(static_cast<float>(i) / static_cast<float>(cross)), *at);
    else
      *at = chunk[i];
  }
  return size + load - cross;
}

// In place: the old samples from the crossfade's start on move up by load − 2·cross first (never down: cross is
// below load / 2), so each old sample a crossfade reads is still there, at or after where it is written.
Index insert(float* samples, Index size, const float* chunk, Index load, float pos, float crossfade,
             float serverRate) {
  Index insertPoint = static_cast<Index>(pos * serverRate);
  if (insertPoint >= size) insertPoint = size - 1;
  Index cross = static_cast<Index>(crossfade * serverRate);
  if (cross >= load / 2) cross = load / 2 - 5;
  if (cross >= insertPoint) cross = insertPoint - 5;
  if (cross >= size - insertPoint) cross = size - insertPoint - 5;
  cross = atLeastZero(cross);  // pyo's sizes are signed here: a negative crossfade would read outside its copy
  const Index crossPoint = insertPoint - cross;
  const Index shift = load - 2 * cross;
  std::memmove(samples + crossPoint + shift, samples + crossPoint,
               sizeof(float) * static_cast<size_t>(size - crossPoint));
  auto old = [&](Index index) { return samples[index + shift]; };  // the old sample `index`, moved
  for (Index i = 0; i < load; ++i) {
    float* at = samples + crossPoint + i;
    if (cross > 0 && i <= cross)
      *at = mix(chunk[i], std::sqrt(static_cast<float>(i) / static_cast<float>(cross)), old(crossPoint + i));
    else if (cross > 0 && i >= load - cross)
      *at = mix(chunk[i], std::sqrt(static_cast<float>(load - i) / static_cast<float>(cross)),
                old(cross - (load - i) + insertPoint));
    else
      *at = chunk[i];
  }
  return size + shift;
}

}  // namespace

extern "C" int32_t patchc_sound_edit(float* samples, int32_t size, int32_t capacity, const float* file,
                                     int32_t fileFrames, float fileRate, float serverRate, int32_t edit, float start,
                                     float stop, float pos, float crossfade) {
  Index from = 0, to = 0;
  soundCut(start, stop, fileRate, fileFrames, from, to);
  const Index load = to - from;
  if (load < 1 || size < 1) return size;
  if (crossfade < 0.0f) crossfade = 0.0f;
  // The most the table can become: the compiler sized the buffer for it (patchc::SoundEdit), so this only guards.
  const Index most = edit == kSoundEditSet ? load : Index{size} + load;
  if (most > capacity) return size;
  const float* chunk = file + from;
  Index grown = size;
  if (edit == kSoundEditSet) {
    std::memcpy(samples, chunk, sizeof(float) * static_cast<size_t>(load));
    grown = load;
  } else if (edit == kSoundEditAppend) {
    grown = append(samples, size, chunk, load, crossfade, serverRate);
  } else if (pos <= 0.0f) {
    grown = prepend(samples, size, chunk, load, crossfade, serverRate);
  } else if (pos >= static_cast<float>((Index{size} - 1) / static_cast<Index>(fileRate))) {
    // pyo compares with (size − 1) / rate in whole numbers (integer division): in a table shorter than a
    // second and a sample, every position after 0 appends.
    grown = append(samples, size, chunk, load, crossfade, serverRate);
  } else {
    grown = insert(samples, size, chunk, load, pos, crossfade, serverRate);
  }
  samples[grown] = samples[0];  // the guard point
  return static_cast<int32_t>(grown);
}
