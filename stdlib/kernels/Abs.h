// Abs(input): pyo's Abs, per sample (its kernel: Abs.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::absolute {
enum Input { kInput };
inline float apply(float x) { return std::fabs(x); }
}  // namespace patchc::kernel::absolute

PATCHC_OBJECT(Abs) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::absolute::Input>(spec, "The absolute value of its input, per sample.", "|x|", "as pyo", 0.1f);
  spec.facts.fold = [](const patchc::ConstantInputs& c) { return patchc::kernel::absolute::apply(c[0]); };
  spec.facts.outputRange = [](const patchc::RangeQuery& query) -> patchc::Range {
    patchc::Range x = query.input(0);
    if (!x) return std::nullopt;
    float low = x->low > 0.0f ? x->low : (x->high < 0.0f ? -x->high : 0.0f);
    return patchc::Interval{low, x->magnitude()};
  };
}
