// Python's `random` module, at compile time and in the patch's handlers while playing: the same Mersenne Twister, seeding and derived draws as CPython,
// so that `random.seed(1234); random.uniform(190, 210)` in a patch gives the numbers pyo's Python gives, and a
// patch sounds like its pyo original. Algorithms: Matsumoto & Nishimura's MT19937 with `init_by_array`,
// and CPython's documented constructions of random(), getrandbits() and the rejection sampling of randbelow().
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace patchc {

class PythonRandom {
 public:
  explicit PythonRandom(uint64_t initialSeed = 0) { seed(initialSeed); }
  // random.seed(n) for a non-negative integer n.
  void seed(uint64_t n);
  double random();                          // [0, 1) with 53 random bits
  uint64_t getrandbits(int k);              // 0 < k <= 64
  uint64_t randbelow(uint64_t n);           // [0, n), n > 0
  double uniform(double a, double b) { return a + (b - a) * random(); }
  // The generator's state, 624 words then the index: what run-time draws continue from (ir/Control.h).
  std::vector<uint32_t> state() const {
    std::vector<uint32_t> words(state_.begin(), state_.end());
    words.push_back(static_cast<uint32_t>(index_));
    return words;
  }

 private:
  uint32_t next();
  void initGenrand(uint32_t s);
  // The layout the code generator copies (state()): the words, then the index.
  std::array<uint32_t, 624> state_{};
  int32_t index_ = 625;
};

}  // namespace patchc

// For the patch's handlers (ir/Control.h), which continue the compile-time generator while playing: `generator`
// points to a PythonRandom's bytes (the 624 words, then the index), as the code generator lays them out.
extern "C" double patchc_random_random(void* generator);
extern "C" int64_t patchc_random_below(void* generator, int64_t n);  // [0, n); 0 when n <= 0
