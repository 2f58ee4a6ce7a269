// Every pass of the optimizer (DESIGN §5), one class each; the tip of the manual each applies is in the header
// comment of its .cpp file.
#pragma once

#include "optimizer/Pass.h"

namespace patchc::opt {

#define PATCHC_PASS(Class, passName, passPurpose)                     \
  class Class final : public Pass {                                   \
   public:                                                            \
    const char* name() const override { return passName; }            \
    const char* purpose() const override { return passPurpose; }      \
    bool run(ir::Graph& graph, Remarks& remarks) override;            \
  };

PATCHC_PASS(DeadCodeElimination, "dce", "what reaches no output, or is stopped, is not computed")
PATCHC_PASS(ConstantFolding, "const-fold", "a Sig nothing writes is a number; arithmetic on numbers folds")
PATCHC_PASS(RateInference, "rate-infer", "each input's rate follows its lanes; per-sample coefficient math is named")
PATCHC_PASS(GainFolding, "gain-fold", "unity mul/add vanish; gains move through linear objects into one multiply")
PATCHC_PASS(CommonSubexpressionElimination, "cse", "identical deterministic objects are computed once")
PATCHC_PASS(Mixdown, "mixdown", "a linear effect on lanes that are summed later runs on the sums")
PATCHC_PASS(CascadeFuse, "cascade-fuse", "identical cascaded Biquads become one Biquadx")
PATCHC_PASS(DenormElide, "denorm-elide", "Denorm and tiny-noise adds go: the runtime flushes denormals")
PATCHC_PASS(LaneFusion, "lane-fuse", "identical independent objects become one object with all their lanes")
PATCHC_PASS(ShareNoise, "share-noise", "-Ofast: noise generators share one noise")
PATCHC_PASS(NoiseAdvice, "noise-advice", "names the noises -Ofast's share-noise would share (changes nothing)")
PATCHC_PASS(ExactTrig, "exact-trig", "Sin and Cos of a bounded argument use the polynomial sine, not libm")
PATCHC_PASS(FastTrig, "fast-trig", "-Ofast: Sine uses FastSine's polynomial")

#undef PATCHC_PASS

}  // namespace patchc::opt
