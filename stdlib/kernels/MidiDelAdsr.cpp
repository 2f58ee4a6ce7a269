// MidiDelAdsr: pyo 1.0.4's MidiDelAdsr_generates, sample by sample (MidiEnvelope.h).
#include "stdlib/kernels/MidiDelAdsr.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::midideladsr;

PATCHC_KERNEL_INIT(MidiDelAdsr) {
  midienvelope::init(*static_cast<midienvelope::State*>(state_));
  (void)in;
  (void)env;
  (void)seed;
}

PATCHC_KERNEL_PROCESS(MidiDelAdsr) {
  auto* state = static_cast<midienvelope::State*>(state_);
  const float delay = in[kDelay].value() > 0.0f ? in[kDelay].value() : 0.0f;
  const float attack = midienvelope::time(in[kAttack].value()), decay = midienvelope::time(in[kDecay].value());
  const float sustain = midienvelope::level(in[kSustain].value()), release = midienvelope::time(in[kRelease].value());
  const float exp = in[kExp].value() > 0.0f ? in[kExp].value() : 1.0f;
  midienvelope::State s = *state;
  for (int i = 0; i < n; ++i)
    out[i] = midienvelope::step(s, in[kInput][i], delay, attack, decay, sustain, release, exp, env->inverseSampleRate);
  *state = s;
}
