// Scale(input, inmin, inmax, outmin, outmax, exp): pyo's Scale (its kernel: Scale.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::scale {
enum Input { kInput, kInmin, kInmax, kOutmin, kOutmax, kExp };
}

PATCHC_OBJECT(Scale) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::scale;
  spec.doc = "Maps its input from one range to another, linearly or along a power curve.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kInmin, signal("inmin", 0.0f, "input value mapped to outmin"));
  spec.input(kInmax, signal("inmax", 1.0f, "input value mapped to outmax"));
  spec.input(kOutmin, signal("outmin", 0.0f, "output for inmin"));
  spec.input(kOutmax, signal("outmax", 1.0f, "output for inmax"));
  spec.input(kExp, signal("exp", 1.0f, "exponent of the curve: 1 linear, above 1 slow then fast (0 or more)"));
  spec.facts.cost = 1.0f;
  spec.facts.stateless = true;
  // The input is clipped to its range and the curve stays in [0, 1]: the output is between outmin and outmax.
  spec.facts.outputRange = [](const RangeQuery& query) { return join(query.input(kOutmin), query.input(kOutmax)); };
  spec.algorithm =
      "t = (clip(x, inmin, inmax) − inmin)/(inmax − inmin), reversed when inmin > inmax; t^exp (exp ≥ 0); "
      "outmin + t·(outmax − outmin), reversed when outmin > outmax; an empty range gives min(outmin, outmax), "
      "per sample";
  spec.differences = "as pyo; pyo reads the ranges and exp once per 256-sample buffer, patchc per sample";
}
