// The optimizer's pipelines, one readable list each. Passes that enable each other (folding constants makes
// gains foldable, folding gains makes nodes identical, merging them makes more constants) repeat until nothing
// changes; the pass manager caps the repetitions and calls a non-converging pipeline a compiler bug.
#include "optimizer/PassManager.h"

namespace patchc::opt {

std::vector<PipelineStep> pipelineFor(Level level) {
  switch (level) {
    case Level::O0:
      return {};  // the graph as the script wrote it: pyo's own cost model
    case Level::O1:
      return {
          {{"dce"}},
          {{"const-fold", "gain-fold", "cse"}, true},
          {{"dce"}},
      };
    case Level::O2:
      return {
          {{"dce"}},                                            // stop unused objects
          {{"denorm-elide"}},                                   // the runtime flushes denormals
          {{"const-fold", "rate-infer", "gain-fold", "cse"}, true},  // numbers, not signals; mul/add; re-use
          {{"cascade-fuse"}},                                   // Biquadx instead of a cascade
          {{"mixdown", "gain-fold", "cse"}, true},              // mix down before effects
          {{"exact-trig"}},                                     // no libm where the polynomial is exact
          {{"dce"}},
          {{"noise-advice"}},                                   // what -Ofast's share-noise would do
          {{"lane-fuse"}},                                      // objects side by side: one loop, one compile
          {{"dce"}},
      };
    case Level::Ofast:
      return {
          {{"dce"}},
          {{"denorm-elide"}},
          {{"share-noise"}},                                    // re-use generators, even noise
          {{"const-fold", "rate-infer", "gain-fold", "cse"}, true},
          {{"cascade-fuse"}},
          {{"mixdown", "gain-fold", "cse"}, true},
          {{"fast-trig"}},                                      // approximations where precision is not needed
          {{"dce"}},
          {{"lane-fuse"}},
          {{"dce"}},
      };
  }
  return {};
}

}  // namespace patchc::opt
