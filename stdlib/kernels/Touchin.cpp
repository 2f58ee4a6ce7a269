// Touchin: pyo 1.0.4's Touchin_translateMidi, each message at its sample (MidiValue.h).
#include "stdlib/kernels/Touchin.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::touchin;

PATCHC_KERNEL_INIT(Touchin) {
  auto* state = static_cast<midi::HeldValue*>(state_);
  state->clock = {};
  state->value = in[kInit].value();
  (void)env;
  (void)seed;
}

PATCHC_KERNEL_PROCESS(Touchin) {
  auto* state = static_cast<midi::HeldValue*>(state_);
  const int channel = static_cast<int>(in[kChannel].value());
  const float low = in[kMinscale].value(), high = in[kMaxscale].value();
  (void)env;
  midi::holdValue(*state, in[kMidi], out, n, [&](const midi::Event& e, float& value) {
    if ((e.status & 0xF0) != 0xD0 || !midi::onChannel(e, channel)) return false;
    value = static_cast<float>(e.data1 / 127.0 * (high - low) + low);
    return true;
  });
}
