// Clip(input, min, max): pyo's Clip, per sample (its kernel: Clip.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::clip {

enum Input { kInput, kMin, kMax };

// As pyo: below min gives min, else above max gives max (so min wins when min > max).
inline float apply(float x, float min, float max) { return x < min ? min : (x > max ? max : x); }

}  // namespace patchc::kernel::clip

PATCHC_OBJECT(Clip) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::clip;
  spec.doc = "Its input limited to [min, max], per sample.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kMin, signal("min", -1.0f, "lowest value"));
  spec.input(kMax, signal("max", 1.0f, "highest value"));
  mathFunction(spec, 0.2f);
  // The output is min, max, or an input between them: within the ranges of min and max whatever the input.
  spec.facts.outputRange = [](const RangeQuery& query) { return join(query.input(kMin), query.input(kMax)); };
  spec.algorithm = "x < min ? min : x > max ? max : x, per sample";
  spec.differences = "as pyo";
}
