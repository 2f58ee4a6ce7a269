#include "ir/SampleArray.h"

#include <algorithm>
#include <cstring>

namespace patchc::ir {

SampleArray::SampleArray(std::vector<float> values)
    : values_(std::make_shared<const std::vector<float>>(std::move(values))) {
  // FNV-1a over the numbers' bits, with -0 as 0 so that numbers that compare equal hash equal.
  uint64_t h = 0xcbf29ce484222325ULL ^ values_->size();
  for (float v : *values_) {
    if (v == 0.0f) v = 0.0f;
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    h = (h ^ bits) * 0x100000001b3ULL;
  }
  hash_ = h;
}

bool operator==(const SampleArray& a, const SampleArray& b) {
  if (a.values_ == b.values_) return true;
  return a.hash_ == b.hash_ && *a.values_ == *b.values_;
}

std::weak_ordering operator<=>(const SampleArray& a, const SampleArray& b) {
  if (a.values_ == b.values_) return std::weak_ordering::equivalent;
  if (a.hash_ != b.hash_) return a.hash_ < b.hash_ ? std::weak_ordering::less : std::weak_ordering::greater;
  if (a.size() != b.size()) return a.size() < b.size() ? std::weak_ordering::less : std::weak_ordering::greater;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] < b[i]) return std::weak_ordering::less;
    if (b[i] < a[i]) return std::weak_ordering::greater;
  }
  return std::weak_ordering::equivalent;
}

}  // namespace patchc::ir
