// Log(input): pyo's Log, per sample (its kernel: Log.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

#include <limits>

namespace patchc::kernel::logarithm {
enum Input { kInput };
inline float apply(float x) { return x <= 0.0f ? 0.0f : std::log(x); }
}  // namespace patchc::kernel::logarithm

PATCHC_OBJECT(Log) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::logarithm::Input>(spec, "The natural logarithm of its input, per sample; 0 for an input of 0 or less.", "`logf` per sample; 0 for x ≤ 0, as pyo", "as pyo", 1.0f);
  // Not monotone at 0: the log of a tiny x is about −100, of 0 or less 0.
  spec.facts.outputRange = [](const patchc::RangeQuery& query) -> patchc::Range {
    using patchc::kernel::logarithm::apply;
    patchc::Range x = query.input(0);
    if (!x) return std::nullopt;
    if (x->high <= 0.0f) return patchc::Interval::point(0.0f);
    patchc::Interval positive{apply(x->low > 0.0f ? x->low : std::numeric_limits<float>::denorm_min()), apply(x->high)};
    return x->low > 0.0f ? positive : patchc::join(positive, patchc::Interval::point(0.0f));
  };
}
