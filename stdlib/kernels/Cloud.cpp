// Cloud(density, poly, playing): each sample, a uniform draw u in [0, 1) (RandomClock.h's generator, per lane,
// seeded like Noise) triggers when u·sr < density/2, so the triggers are a Bernoulli process of density/2 a second
// on average, as pyo 1.0.4's (which halves its density: measured 30207 triggers in 60 s at density 1000). density
// is clamped to [0, sr] per sample (an audio-rate density works). `playing` is the play()/stop() convention's
// hidden input: silent until play() and after stop().
#include "stdlib/kernels/Cloud.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/RandomClock.h"

using namespace patchc::kernel;
using namespace patchc::kernel::cloud;

PATCHC_KERNEL_INIT(Cloud) {
  static_cast<cloud::State*>(state_)->generator = randomclock::generatorFromSeed(seed);
}

PATCHC_KERNEL_PROCESS(Cloud) {
  auto* state = static_cast<cloud::State*>(state_);
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  if (!(in[kPlaying].value() > 0.0f)) return;
  const float sampleRate = env->sampleRate;
  uint32_t generator = state->generator;
  for (int i = 0; i < n; ++i) {
    float density = in[kDensity][i];
    density = density > 0.0f ? (density < sampleRate ? density : sampleRate) : 0.0f;  // NaN: 0
    if (randomclock::uniform(generator) * sampleRate < density * 0.5f) out[i] = 1.0f;
  }
  state->generator = generator;
}
