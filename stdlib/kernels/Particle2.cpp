// Particle2(...): Particle (GrainCloud.h) with a biquad per grain slot, the RBJ cookbook's low-pass, high-pass,
// band-pass (0 dB peak, then compensated by 10^((min(q, 10) − 1)/10) as pyo's), band-stop and all-pass. A slot's
// coefficients are made when a grain starts in it with another frequency, q or type than the slot's last; its
// memories carry over between the slot's grains, as pyo 1.0.4's do. The filter runs on the table's sample, before
// the envelope; the grain then goes to its outputs as Particle's do (GrainCloud.h).
#include "stdlib/kernels/Particle2.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::particle2;

namespace {

void design(Filter& f, float freq, float q, float type, const Env* env) {
  const float w0 = freq * static_cast<float>(2.0 * 3.14159265358979323846 / static_cast<double>(env->sampleRate));
  const float c = std::cos(w0), alpha = std::sin(w0) / (2.0f * q);
  f.freq = freq;
  f.q = q;
  f.type = type;
  f.gain = 1.0f;
  f.a0 = 1.0f / (1.0f + alpha);
  f.a1 = -2.0f * c;
  f.a2 = 1.0f - alpha;
  switch (static_cast<int>(type)) {
    case 0: f.b0 = f.b2 = (1.0f - c) * 0.5f, f.b1 = 1.0f - c; break;
    case 1: f.b0 = f.b2 = (1.0f + c) * 0.5f, f.b1 = -(1.0f + c); break;
    case 2:
      f.b0 = alpha, f.b1 = 0.0f, f.b2 = -alpha;
      f.gain = std::pow(10.0f, ((q < 10.0f ? q : 10.0f) - 1.0f) * 0.1f);
      break;
    case 3: f.b0 = f.b2 = 1.0f, f.b1 = -2.0f * c; break;
    default: f.b0 = 1.0f - alpha, f.b1 = -2.0f * c, f.b2 = 1.0f + alpha; break;
  }
}

}  // namespace

PATCHC_KERNEL_INIT(Particle2) {
  auto* state = static_cast<State*>(state_);
  graincloud::start(state->clock, seed);
  for (auto& grain : state->grains) grain = {};
  for (auto& filter : state->filters) filter = {};
}

PATCHC_KERNEL_PROCESS_OUTPUTS(Particle2) {
  auto* state = static_cast<State*>(state_);
  const float nyquist = 0.5f * env->sampleRate;
  // A grain's filter: its slot's coefficients remade when the grain's frequency, q or type differ from the last.
  auto started = [&](int j, int i) {
    float freq = in[kFilterfreq][i], q = in[kFilterq][i], type = in[kFiltertype][i];
    freq = freq < 1.0f || !(freq == freq) ? 1.0f : (freq > nyquist ? nyquist : freq);
    q = q < 0.1f || !(q == q) ? 0.1f : q;
    type = type < 0.0f || !(type == type) ? 0.0f : (type > 4.0f ? 4.0f : type);
    type = std::round(type);
    Filter& f = state->filters[j];
    if (type != f.type || freq != f.freq || q != f.q) design(f, freq, q, type, env);
  };
  auto filtered = [&](int j, float value) {
    Filter& f = state->filters[j];
    const float y = (f.b0 * value + f.b1 * f.x1 + f.b2 * f.x2 - f.a1 * f.y1 - f.a2 * f.y2) * f.a0;
    f.y2 = f.y1;
    f.y1 = y;
    f.x2 = f.x1;
    f.x1 = value;
    return y * f.gain;
  };
  graincloud::run<Input>(state->clock, state->grains, state->placements,
                         patchc::declare::countedOutputs(in[kChnls].value()), in, out, n, env, started, filtered);
}
