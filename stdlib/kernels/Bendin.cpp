// Bendin: pyo 1.0.4's Bendin_translateMidi, each message at its sample (MidiValue.h).
#include "stdlib/kernels/Bendin.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::bendin;

PATCHC_KERNEL_INIT(Bendin) {
  auto* state = static_cast<midi::HeldValue*>(state_);
  state->clock = {};
  state->value = static_cast<int>(in[kScale].value()) == 1 ? 1.0f : 0.0f;
  (void)env;
  (void)seed;
}

PATCHC_KERNEL_PROCESS(Bendin) {
  auto* state = static_cast<midi::HeldValue*>(state_);
  const int channel = static_cast<int>(in[kChannel].value());
  const float range = in[kBrange].value();
  const int scale = static_cast<int>(in[kScale].value());
  (void)env;
  midi::holdValue(*state, in[kMidi], out, n, [&](const midi::Event& e, float& value) {
    if ((e.status & 0xF0) != 0xE0 || !midi::onChannel(e, channel)) return false;
    const float semitones = static_cast<float>((e.data1 + (e.data2 << 7) - 8192) / 8192.0 * range);
    value = scale == 0 ? semitones : std::pow(1.0594630943593f, semitones);
    return true;
  });
}
