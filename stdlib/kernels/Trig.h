// Sin(input) and Cos(input): pyo's arithmetic objects, per sample, x in radians; stateless. A plain loop over the
// samples: with a stride-1 input LLVM can vectorize it through the target's vector math library (DESIGN §6).
//
// With the hidden input `fast` (set by exact-trig where the argument is provably small, and by -Ofast's
// fast-trig): sinCycles on the argument in cycles, offset by `cycles` (a quarter turn for Cos). sinCycles' own
// error is below 2.5e-7 (KernelMath.h); turning radians into cycles in float (1/2π rounded, the product rounded,
// the offset added: each 2^-24 relative) moves the phase by up to 6e-8·(3|x|/2π + 1/4) cycles. The bound the
// passes state, 3.1e-7 + 1.8e-7·|x|, is checked for both objects on 40,001 arguments from -100 to 100 radians
// (tests/unit/stdlib/MathTest.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::trig {

// `Inputs` is the object's enum (sin::Input or cos::Input: kInput, kFast).
template <typename Inputs, typename Libm>
inline void process(const In* in, float* out, int n, float cycles, Libm libm) {
  if (in[Inputs::kFast].value() != 0.0f) {
    for (int i = 0; i < n; ++i) out[i] = sinCycles(in[Inputs::kInput][i] * (1.0f / kTwoPi) + cycles);
  } else {
    for (int i = 0; i < n; ++i) out[i] = libm(in[Inputs::kInput][i]);
  }
}

}  // namespace patchc::kernel::trig

namespace patchc::declare {

// The declaration Sin and Cos share (Sin.h, Cos.h): one Audio input and the hidden `fast` switch, in the order of
// the object's enum, and the polynomial sine's bound as their approximation (MathTest checks it).
template <typename Inputs>
inline void trigFunction(ObjectSpec& spec, const char* doc) {
  spec.doc = doc;
  spec.input(Inputs::kInput, audio("input", "input signal"));
  // -Ofast's fast-trig (and exact-trig where the argument is bounded) sets it to use the polynomial sine.
  spec.input(Inputs::kFast, hidden("fast", 0.0f, "1: the polynomial sine of -Ofast (fast-trig) instead of libm's"));
  mathFunction(spec, 1.0f);
  spec.facts.approximationSwitch =
      ApproximationSwitch{Inputs::kFast, {3.1e-7, 1.8e-7}, "the polynomial sine", "libm", "rad"};
  spec.algorithm = "`sinf`, `cosf`, `sqrtf` per sample in a plain loop (vectorizes); Sqrt of a negative input is 0";
  spec.differences = "as pyo (measured `Sqrt(Sig(-1))` = 0)";
}

}  // namespace patchc::declare
