// Euclide(time, taps, onsets, poly, playing): pyo 1.0.4 makes its Euclide a Beat whose pattern is a Euclidean
// rhythm. The pattern is built by pairing groups (Bjorklund's algorithm as pyo's Euclide.__generate__ runs it): m
// groups "1" and k = taps − m groups "0"; while more than one group of the second kind is left, each first group
// takes one second group appended to it (the unpaired ones becoming the new second kind when the first kind is the
// more numerous), then the pattern is the first groups followed by the second ones. 16/10 gives taps 0, 2, 3, 5, 7,
// 8, 10, 11, 13, 15 (measured with pyo 1.0.4, as are 8/3: 0, 3, 6; 12/5: 0, 3, 5, 8, 10; 13/5: 0, 3, 5, 8, 10).
#include "stdlib/kernels/Euclide.h"

#include "stdlib/Kernel.h"

#include <cstdint>

using namespace patchc::kernel;
using namespace patchc::kernel::euclide;

namespace {

struct Group {
  uint8_t bits[beats::kMaxTaps];
  int length;
  void append(const Group& other) {
    for (int i = 0; i < other.length && length < beats::kMaxTaps; ++i) bits[length++] = other.bits[i];
  }
};

}  // namespace

PATCHC_KERNEL_INIT(Euclide) {
  auto* state = static_cast<beats::State*>(state_);
  const int32_t taps = beats::tapsOf(in[kTaps].value());
  beats::start(*state, taps);
  if (taps == 0) return;
  const float onsets = in[kOnsets].value();
  int first = onsets >= static_cast<float>(taps) ? taps : onsets >= 1.0f ? static_cast<int>(onsets) : 1;
  int second = taps - first;
  Group a{{1}, 1}, b{{0}, 1};  // the first and second kinds of group
  while (second > 1) {
    if (first > second) {
      const int pairs = second;
      second = first - second;
      first = pairs;
      const Group unpaired = a;
      a.append(b);
      b = unpaired;
    } else {
      second -= first;
      a.append(b);
    }
  }
  int at = 0;
  for (int g = 0; g < first; ++g)
    for (int i = 0; i < a.length && at < taps; ++i) state->on[at++] = a.bits[i];
  for (int g = 0; g < second; ++g)
    for (int i = 0; i < b.length && at < taps; ++i) state->on[at++] = b.bits[i];
}

PATCHC_KERNEL_PROCESS(Euclide) {
  beats::process(*static_cast<beats::State*>(state_), in[kTime], in[kPlaying].value(), false, out, n, env);
}
