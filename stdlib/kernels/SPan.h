// SPan(input, outs, pan): an equal-power panner between the two channels nearest the position (SPan.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Pan.h"

namespace patchc::kernel::span {
enum Input { kInput, kOuts, kPan };
}  // namespace patchc::kernel::span

PATCHC_OBJECT(SPan) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::span;
  spec.doc = "Simple equal-power panner: each input stream becomes `outs` streams, the input shared by the two "
             "channels nearest the position.";
  spec.input(kInput, audio("input", "input signal to pan"));
  spec.input(kOuts, pannerOuts());
  spec.input(kPan, within(signal("pan", 0.5f, "position, 0 (the first channel) .. 1; with outs > 2 a circle, 1 "
                                               "back at the first"),
                          {0.0f, 1.0f, false, "pyo 1.0.4 and patchc clamp it to 0",
                           "pyo 1.0.4 and patchc clamp it to 1 with 2 outputs; with more, the first channel", ""}));
  pannerFacts(spec, kInput, kOuts);
  spec.algorithm =
      "outs = 1: the input. outs = 2: p = pan clipped to [0, 1], in·√(1 − p), in·√p. outs = N > 2: the "
      "position p·N falls between channel k = the largest k < N with pan > k/N (0 when none) and k + 1 (channel "
      "0 after the last); with f = (pan − k/N)·N clipped to [0, 1], channel k gets in·√(1 − f), the next "
      "in·√f, the others 0";
  spec.differences = "none known: the gains are pyo 1.0.4's, computed in float (pyo: double)";
}
