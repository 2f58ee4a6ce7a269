// What pyo's one-input arithmetic and conversion objects share (Abs, Exp, Log, Tanh, Round, MToF, FToM, DBToA,
// AToDB): one Audio input, a function applied per sample, no state. Each object's header defines its function
// (`apply`), which its kernel runs and its declaration's facts use, so they cannot disagree.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>

namespace patchc::kernel::unary {

// `Inputs` is the object's enum (kInput); a plain loop, which vectorizes where `apply` does.
template <typename Inputs, typename Function>
inline void process(const In* in, float* out, int n, Function apply) {
  for (int i = 0; i < n; ++i) out[i] = apply(in[Inputs::kInput][i]);
}

}  // namespace patchc::kernel::unary

namespace patchc::declare {

template <typename Inputs>
inline void unaryFunction(ObjectSpec& spec, const char* doc, const char* algorithm, const char* differences,
                          float cost) {
  spec.doc = doc;
  spec.input(Inputs::kInput, audio("input", "input signal"));
  mathFunction(spec, cost);
  spec.algorithm = algorithm;
  spec.differences = differences;
}

// The range of a non-decreasing function on its input's range: [f(low), f(high)].
template <typename Function>
inline std::function<Range(const RangeQuery&)> nonDecreasing(Function apply) {
  return [apply](const RangeQuery& query) -> Range {
    Range input = query.input(0);
    if (!input) return std::nullopt;
    return Interval{apply(input->low), apply(input->high)};
  };
}

}  // namespace patchc::declare
