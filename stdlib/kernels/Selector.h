// Selector(inputs, voice): a crossfade between neighbouring objects of a list, voice choosing where (Selector.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <string>

namespace patchc::kernel::selector {

// The list's first object is `inputs`, the others kInput1.. (hidden; Registry.h's InputSpec::List).
constexpr int kMaxChoices = 16;

enum Input {
  kInputs, kVoice,
  kInput1, kLastInput = kInput1 + kMaxChoices - 2,
  kCount, kMode
};

// Equal power (pyo's default, mode 0): √(1 − f), √f; linear (setMode(1)): 1 − f, f.
inline int choices(float count) { return count < 1.0f || !(count == count) ? 1 : count > kMaxChoices ? kMaxChoices : static_cast<int>(count); }

}  // namespace patchc::kernel::selector

PATCHC_OBJECT(Selector) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::selector;
  spec.doc = "Crossfades between neighbouring objects of a list: voice 0 the first, 1 the second, 1.5 halfway "
             "between the second and the third.";
  std::vector<size_t> extras;
  for (int k = kInput1; k <= kLastInput; ++k) extras.push_back(static_cast<size_t>(k));
  spec.input(kInputs,
             listOfObjects(audio("inputs", "the objects to choose between (a list, at most 16)"), extras, kCount));
  spec.input(kVoice, signal("voice", 0.0f, "where between them, 0 .. len(inputs) − 1"));
  for (int k = kInput1; k <= kLastInput; ++k)
    spec.input(k, makeInput("input" + std::to_string(k - kInput1 + 1), InputKind::Audio, std::nullopt,
                            "one of `inputs` after the first (0 when not given)", true));
  spec.input(kCount, hidden("count", 1.0f, "how many objects `inputs` holds"));
  spec.input(kMode, settable(hidden("mode", 0.0f, "the crossfade: 0 equal power, 1 linear (pyo's setMode)")));
  spec.facts.cost = 2.0f;
  spec.facts.stateless = true;
  // Two neighbours weighed by at most 1 each and √(1 − f) + √f ≤ √2: within ±√2 of the largest input.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    float largest = 0.0f;
    for (size_t k = kInputs; k <= static_cast<size_t>(kLastInput); ++k) {
      if (k == kVoice) continue;
      Range r = q.input(k);
      if (!r) return std::nullopt;
      largest = std::max(largest, r->magnitude());
    }
    const float bound = 1.41422f * largest;
    return Interval{-bound, bound};
  };
  spec.algorithm =
      "voice v clipped to [0, n − 1] (n objects), j = ⌊v⌋ (n − 2 at the top), f = v − j: input j·√(1 − f) + input "
      "j+1·√f (mode 1: 1 − f and f), per sample";
  spec.differences =
      "at most 16 objects; with a list for voice and objects of several streams, stream k reads voice[k mod len] and "
      "each object's stream k mod len (pyo: voice[i] with each object's stream j, i·len + j); one object passes "
      "through (pyo reads outside its list)";
}
