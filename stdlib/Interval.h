// A closed interval of floats and its arithmetic: what an object declares of its output's range (Registry.h's
// ObjectFacts::outputRange) and what the optimizer's value-range analysis computes with. Bounds are rounded as
// float arithmetic rounds them; callers that need a safe bound add their own margin.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>

namespace patchc {

struct Interval {
  float low = 0.0f;
  float high = 0.0f;

  static Interval point(float value) { return {value, value}; }
  float magnitude() const { return std::max(std::fabs(low), std::fabs(high)); }  // the largest |x| in it
  bool contains(float value) const { return low <= value && value <= high; }
  bool operator==(const Interval&) const = default;
};

// The smallest interval holding both.
inline Interval join(Interval a, Interval b) { return {std::min(a.low, b.low), std::max(a.high, b.high)}; }
inline Interval operator+(Interval a, Interval b) { return {a.low + b.low, a.high + b.high}; }
inline Interval operator-(Interval a) { return {-a.high, -a.low}; }
inline Interval operator-(Interval a, Interval b) { return a + -b; }
inline Interval operator*(Interval a, Interval b) {
  const float p[] = {a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high};
  return {*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}

// The same on ranges that may be unknown (nullopt: unbounded, or nothing is known): unknown in, unknown out.
using Range = std::optional<Interval>;
inline Range join(const Range& a, const Range& b) { return a && b ? Range(join(*a, *b)) : std::nullopt; }
inline Range sum(const Range& a, const Range& b) { return a && b ? Range(*a + *b) : std::nullopt; }
inline Range difference(const Range& a, const Range& b) { return a && b ? Range(*a - *b) : std::nullopt; }
inline Range product(const Range& a, const Range& b) { return a && b ? Range(*a * *b) : std::nullopt; }

}  // namespace patchc
