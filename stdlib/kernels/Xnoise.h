// Xnoise(dist, freq, x1, x2): pyo's X-class random generator, one of thirteen distributions drawn freq times a
// second and held (Xnoise.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/RandomClock.h"

#include <algorithm>

namespace patchc::kernel::xnoise {

enum Input { kDist, kFreq, kX1, kX2 };

enum Distribution {
  kUniform, kLinearMin, kLinearMax, kTriangle, kExponMin, kExponMax, kBiexpon, kCauchy, kWeibull, kGaussian,
  kPoisson, kWalker, kLoopseg, kDistributions
};

constexpr int kPoissonValues = 11;  // pyo's poisson draws 1..11, each as often as 1000·P(k) truncated
constexpr int kLoopCapacity = 15;

struct State {
  randomclock::Clock clock;
  float value;  // the value held (0 before the first draw)
  float walker;  // walker and loopseg: the walk's position (0.5 at first)
  // poisson: the counts of 1..11 for the x1 they were made for
  float poissonX1;
  int poissonCount[kPoissonValues];
  int poissonTotal;
  // loopseg: a recorded segment of the walk, played back loopStop times
  float loop[kLoopCapacity];
  int looping, playCount, playRounds, recordCount, loopLength, loopStop;
};

}  // namespace patchc::kernel::xnoise

PATCHC_OBJECT(Xnoise) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::xnoise;
  spec.doc = "A random value from one of thirteen distributions (pyo's X-class noise), drawn freq times a second and held.";
  spec.input(kDist, keywords(settable(within(constant("dist", 0.0f,
                                                      "the distribution: 0 uniform, 1 linear_min, 2 linear_max, 3 "
                                                      "triangle, 4 expon_min, 5 expon_max, 6 biexpon, 7 cauchy, 8 "
                                                      "weibull, 9 gaussian, 10 poisson, 11 walker, 12 loopseg (a "
                                                      "number or the name)"),
                                             {0.0f, 12.0f, true, "patchc draws uniform", "patchc draws uniform",
                                              "patchc uses its whole part"})),
                             {"uniform", "linear_min", "linear_max", "triangle", "expon_min", "expon_max", "biexpon",
                              "cauchy", "weibull", "gaussian", "poisson", "walker", "loopseg"}));
  spec.input(kFreq, signal("freq", 1.0f, "draws per second"));
  spec.input(kX1, signal("x1", 0.5f, "the distribution's first parameter (slope, bandwidth, location, maximum)"));
  spec.input(kX2, signal("x2", 0.5f, "the distribution's second parameter (shape, bandwidth, range, step)"));
  spec.facts = oscillatorFacts(1.0f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.bipolar = false;
  // Every distribution is clamped to [0, 1] but walker and loopseg, which walk within [0, x1] (x1 when x1 < 0).
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range x1 = q.input(kX1);
    if (!x1) return std::nullopt;
    return Interval{std::min(0.0f, x1->low), std::max(1.0f, x1->high)};
  };
  spec.algorithm =
      "a clock at freq (as `Randh`'s: the first sample draws) draws from the distribution pyo 1.0.4 documents, with "
      "pyo's formulas and clamps: uniform u; min or max of two u; their mean; −ln(u)/x1 and 1 − that; "
      "biexponential ±ln(2u)/(2·x1) + 0.5; 0.5 ± tan(u)·x1/2 (cauchy); x1·(−ln u)^(1/x2) (weibull); "
      "x1 + 0.33·x2·(Σ6 u − 3) (gaussian); poisson k/12·x2 with k drawn in proportion to ⌊1000·P(k; x1)⌋, "
      "k = 1..11; a walk of steps up to x2 within [0, x1]; the walk with segments of 3..12 steps replayed 1..4 times";
  spec.differences =
      "a different random generator (xorshift32 per lane, seeded like `Noise`): the same distributions, "
      "different values; an unknown name is an error (pyo draws uniform); poisson with no value of 1..11 likely "
      "enough (x1 above about 19) gives 0 (pyo divides by zero)";
}
