// Particle(table, env, dens, pitch, pos, dur, dev, pan, chnls): pyo's particle granulator (GrainCloud.h: the
// scheduler, a grain's reading and its placement on the outputs). Each sample: the timer may start a grain with
// this sample's inputs, then every active grain adds its table sample times its envelope level (with several
// outputs, times its two gains).
#include "stdlib/kernels/Particle.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::particle;

PATCHC_KERNEL_INIT(Particle) {
  auto* state = static_cast<State*>(state_);
  graincloud::start(state->clock, seed);
  for (auto& grain : state->grains) grain = {};
}

PATCHC_KERNEL_PROCESS_OUTPUTS(Particle) {
  auto* state = static_cast<State*>(state_);
  graincloud::run<Input>(
      state->clock, state->grains, state->placements, patchc::declare::countedOutputs(in[kChnls].value()), in, out,
      n, env, [](int, int) {}, [](int, float value) { return value; });
}
