// Midictl: pyo 1.0.4's Midictl_translateMidi, each message at its sample (MidiValue.h).
#include "stdlib/kernels/Midictl.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::midictl;

PATCHC_KERNEL_INIT(Midictl) {
  auto* state = static_cast<midi::HeldValue*>(state_);
  state->clock = {};
  state->value = in[kInit].value();
  (void)env;
  (void)seed;
}

PATCHC_KERNEL_PROCESS(Midictl) {
  auto* state = static_cast<midi::HeldValue*>(state_);
  const int number = static_cast<int>(in[kCtlnumber].value());
  const int channel = static_cast<int>(in[kChannel].value());
  const float low = in[kMinscale].value(), high = in[kMaxscale].value();
  (void)env;
  midi::holdValue(*state, in[kMidi], out, n, [&](const midi::Event& e, float& value) {
    if ((e.status & 0xF0) != 0xB0 || !midi::onChannel(e, channel) || e.data1 != number) return false;
    value = static_cast<float>(e.data2 / 127.0 * (high - low) + low);
    return true;
  });
}
