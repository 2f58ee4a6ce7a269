// Pow(base, exponent): pyo's Pow object, and what `a ** b` on signals builds (its kernel: Pow.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::pow {
enum Input { kBase, kExponent };
}

PATCHC_OBJECT(Pow) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::pow;
  spec.doc = "base raised to the power exponent, per sample; both may be signals";
  // pyo 1.0.4: Pow(base=10, exponent=1, mul=1, add=0).
  spec.input(kBase, signal("base", 10.0f, "base of the power: number or signal"));
  spec.input(kExponent, signal("exponent", 1.0f, "exponent: number or signal"));
  mathFunction(spec, 0.6f);
  spec.generator = true;  // no Audio input: both operands are Signals (numbers or objects), as Sig's value
  spec.bipolar = false;
  spec.facts.fold = [](const ConstantInputs& c) { return std::pow(c[kBase], c[kExponent]); };
  spec.facts.identities = {{kExponent, 1.0f, kBase}};  // b ** 1 = b
  spec.algorithm = "`powf` per sample";
  spec.differences = "as pyo: a negative base with a fractional exponent gives NaN and 0 ** -1 gives inf (measured "
                     "with pyo 1.0.4)";
}
