// Beat(time, taps, w1, w2, w3, poly, onlyonce, playing): at init, as pyo 1.0.4 draws its pattern (measured with
// w = 100 or 0 on taps of 9, 10, 12, 14, 16: the downbeats, secondary beats and others below), each tap is on with
// the chance of its place in the measure, d the first of 7, 6, 5, 4, 3, 2 that divides taps:
//   i mod d = 0: w1;   i mod d = 3 (d = 6, 5), 2 (d = 4), 2 or 4 (d = 7): w2;   else w3
// and with no such divisor (taps 1, 11, 13, ...) pyo gives every tap weight 0: a silent Beat (measured: taps=11).
// The measure then repeats as Beats.h says. Draws come from Noise's per-lane generator (RandomClock.h).
#include "stdlib/kernels/Beat.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::beat;

namespace {

int wholePercent(float w) { return w >= 100.0f ? 100 : w > 0.0f ? static_cast<int>(w) : 0; }

// The weight (1, 2 or 3) of tap i in a measure of `taps`, or 0 when pyo gives it none.
int accentOf(int i, int taps) {
  for (int d : {7, 6, 5, 4, 3, 2}) {
    if (taps % d != 0) continue;
    const int place = i % d;
    if (place == 0) return 1;
    const bool secondary = d == 7 ? (place == 2 || place == 4) : d == 6 || d == 5 ? place == 3 : d == 4 && place == 2;
    return secondary ? 2 : 3;
  }
  return 0;
}

}  // namespace

PATCHC_KERNEL_INIT(Beat) {
  auto* state = static_cast<beats::State*>(state_);
  beats::start(*state, beats::tapsOf(in[kTaps].value()));
  const int weights[4] = {0, wholePercent(in[kW1].value()), wholePercent(in[kW2].value()),
                          wholePercent(in[kW3].value())};
  uint32_t generator = randomclock::generatorFromSeed(seed);
  for (int i = 0; i < state->taps; ++i) {
    const int draw = static_cast<int>(randomclock::uniform(generator) * 100.0f);  // 0 .. 99
    state->on[i] = draw < weights[accentOf(i, state->taps)] ? 1 : 0;
  }
}

PATCHC_KERNEL_PROCESS(Beat) {
  beats::process(*static_cast<beats::State*>(state_), in[kTime], in[kPlaying].value(),
                 in[kOnlyonce].value() != 0.0f, out, n, env);
}
