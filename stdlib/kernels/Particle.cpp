// Particle(table, env, dens, pitch, pos, dur, dev, pan, chnls): pyo's particle granulator with one output stream
// (GrainCloud.h: the scheduler and a grain's reading). Each sample: the timer may start a grain with this
// sample's inputs, then every active grain adds its table sample times its envelope level.
#include "stdlib/kernels/Particle.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::particle;

PATCHC_KERNEL_INIT(Particle) {
  auto* state = static_cast<State*>(state_);
  graincloud::start(state->clock, seed);
  for (auto& grain : state->grains) grain = {};
}

PATCHC_KERNEL_PROCESS(Particle) {
  auto* state = static_cast<State*>(state_);
  const table::View t = table::view(in[kTable]), envelope = table::view(in[kEnv]);
  const double srScale = graincloud::rateScale(in[kTableSampleRate].value(), env);
  for (int i = 0; i < n; ++i) {
    if (graincloud::tick(state->clock, in[kDens][i], env))
      graincloud::startGrain(state->clock, state->grains, {in[kPitch][i], in[kPos][i], in[kDur][i], in[kDev][i]}, t,
                             env, srScale);
    float sum = 0.0f;
    for (int j = 0; j < state->clock.used; ++j) {
      graincloud::Grain& grain = state->grains[j];
      if (!grain.active) continue;
      float value, level;
      graincloud::read(grain, t, envelope, value, level);
      sum += value * level;
    }
    out[i] = sum;
  }
}
