// Numbers a node reads as an array, known when compiling: a sound file's channel (SfPlayer), Linseg's breakpoints.
// Immutable and shared, so that ten SfPlayers of one file hold one copy of its samples (not ten: 2.1 GB for a
// 10-minute file), and hashed once when made, so that comparing two arrays (cse) compares their storage and
// their hashes, and their numbers only when both hashes are equal.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace patchc::ir {

class SampleArray {
 public:
  SampleArray() : SampleArray(std::vector<float>{}) {}
  explicit SampleArray(std::vector<float> values);

  const std::vector<float>& values() const { return *values_; }
  size_t size() const { return values_->size(); }
  const float* data() const { return values_->data(); }
  float operator[](size_t i) const { return (*values_)[i]; }
  auto begin() const { return values_->begin(); }
  auto end() const { return values_->end(); }
  uint64_t hash() const { return hash_; }
  // Whether both hold the very same numbers in memory (copies of one array), not only equal numbers.
  bool sharesStorageWith(const SampleArray& other) const { return values_ == other.values_; }

  // Equal numbers (as floats compare: 0 and -0 are equal), cheap when the storage is shared or the hashes differ.
  friend bool operator==(const SampleArray& a, const SampleArray& b);
  // An order for maps and sets (by hash first, then by the numbers): not the numbers' lexicographic order.
  friend std::weak_ordering operator<=>(const SampleArray& a, const SampleArray& b);

 private:
  std::shared_ptr<const std::vector<float>> values_;
  uint64_t hash_ = 0;
};

}  // namespace patchc::ir
