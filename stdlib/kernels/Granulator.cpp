// Granulator: pyo's granulator. All grains share one phase that steps by pitch/basedur/sr per sample; grain j
// sits at phase + offset_j (wrapped into [0, 1)). When a grain's phase wraps it starts again: it takes the
// current `pos` as its start and dur·tableRate as its length. Its sample is the envelope table at phase·size(env)
// times the table at phase·length + start (both linearly interpolated; outside the table, 0). The grains sum.
#include "stdlib/kernels/Granulator.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::granulator;

namespace {
Grain* grainsOf(void* state) { return reinterpret_cast<Grain*>(static_cast<char*>(state) + sizeof(granulator::State)); }
}  // namespace

PATCHC_KERNEL_INIT(Granulator) {
  auto* state = static_cast<granulator::State*>(state_);
  const int count = grainCount(in[kGrains].value());
  state->phase = 1.0f;
  uint32_t noise = seed | 1u;
  Grain* grains = grainsOf(state_);
  for (int j = 0; j < count; ++j) {
    float offset = (static_cast<float>(j) / count) * (1.0f + whiteNoise(noise) * 0.01f);
    if (offset < 0.0f) offset = 0.0f;
    else if (offset >= 1.0f) offset -= 1.0f;
    grains[j] = {0.0f, 0.0f, offset, 1.0f};
  }
}

PATCHC_KERNEL_PROCESS(Granulator) {
  auto* state = static_cast<granulator::State*>(state_);
  const table::View sound = table::view(in[kTable]), envelope = table::view(in[kEnv]);
  const int count = grainCount(in[kGrains].value());
  const float tableRate = in[kTableSampleRate].value() > 0.0f ? in[kTableSampleRate].value() : env->sampleRate;
  Grain* grains = grainsOf(state_);
  float phase = state->phase;
  for (int i = 0; i < n; ++i) {
    const float basedur = in[kBasedur][i];
    const float step = in[kPitch][i] * (1.0f / basedur) / env->sampleRate;
    if (std::isfinite(step)) phase += step;
    const float pos = in[kPos][i], dur = in[kDur][i];
    float sum = 0.0f;
    for (int j = 0; j < count; ++j) {
      Grain& g = grains[j];
      float p = phase + g.offset;
      if (p >= 1.0f) p -= 1.0f;
      if (!(p >= 0.0f && p < 1.0f)) p = 0.0f;  // a phase pushed out of range (a NaN pitch) reads the start
      const float e = p * static_cast<float>(envelope.size);
      const long ei = static_cast<long>(e);
      const float amplitude = envelope.size ? table::linear(envelope, ei, e - static_cast<float>(ei)) : 0.0f;
      if (p < g.lastPhase) {
        g.start = pos;
        g.length = dur * tableRate;
      }
      g.lastPhase = p;
      const float at = p * g.length + g.start;
      float value = 0.0f;
      if (at >= 0.0f && at < static_cast<float>(sound.size)) {
        const long whole = static_cast<long>(at);
        value = table::linear(sound, whole, at - static_cast<float>(whole));
      }
      sum += value * amplitude;
    }
    out[i] = sum;
    if (phase < 0.0f) phase += 1.0f;
    else if (phase >= 1.0f) phase -= 1.0f;
    if (!std::isfinite(phase)) phase = 0.0f;
  }
  state->phase = phase;
}
