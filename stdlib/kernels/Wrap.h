// Wrap(input, min, max): pyo's Wrap, per sample (its kernel: Wrap.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cmath>

namespace patchc::kernel::wrap {

enum Input { kInput, kMin, kMax };

// As pyo 1.0.4: a value outside [min, max) comes back in by whole ranges; min ≥ max gives their mean. pyo
// counts the ranges with an int cast (undefined past 2^31 of them); patchc with floor, which agrees below that.
inline float apply(float x, float min, float max) {
  if (!(min < max)) return (min + max) * 0.5f;
  const float range = max - min;
  float position = (x - min) / range;
  if (position >= 1.0f) return (position - std::floor(position)) * range + min;
  if (position < 0.0f) {
    position += std::floor(-position) + 1.0f;  // pyo: + (int)(-position) + 1
    const float y = position * range + min;
    return y >= max ? min : y;  // pyo: y == max gives min (a whole number of ranges below)
  }
  return x;
}

}  // namespace patchc::kernel::wrap

PATCHC_OBJECT(Wrap) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::wrap;
  spec.doc = "Its input wrapped into [min, max), per sample.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kMin, signal("min", 0.0f, "lowest value"));
  spec.input(kMax, signal("max", 1.0f, "highest value (excluded)"));
  mathFunction(spec, 0.5f);
  // The output is within [min, max] (or their mean when min ≥ max), whatever the input.
  spec.facts.outputRange = [](const RangeQuery& query) { return join(query.input(kMin), query.input(kMax)); };
  spec.algorithm = "(x − min)/(max − min) outside [0, 1) brought back by whole ranges; min ≥ max gives (min + max)/2";
  spec.differences = "as pyo (pyo's int cast overflows past 2^31 ranges; patchc uses floor)";
}
