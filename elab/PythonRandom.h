// Python's `random` module at compile time: the same Mersenne Twister, seeding and derived draws as CPython,
// so that `random.seed(1234); random.uniform(190, 210)` in a patch gives the numbers pyo's Python gives, and a
// patch sounds like its pyo original. Algorithms: Matsumoto & Nishimura's MT19937 with `init_by_array`,
// and CPython's documented constructions of random(), getrandbits() and the rejection sampling of randbelow().
#pragma once

#include <array>
#include <cstdint>

namespace patchc::elab {

class PythonRandom {
 public:
  explicit PythonRandom(uint64_t initialSeed = 0) { seed(initialSeed); }
  // random.seed(n) for a non-negative integer n.
  void seed(uint64_t n);
  double random();                          // [0, 1) with 53 random bits
  uint64_t getrandbits(int k);              // 0 < k <= 64
  uint64_t randbelow(uint64_t n);           // [0, n), n > 0
  double uniform(double a, double b) { return a + (b - a) * random(); }

 private:
  uint32_t next();
  void initGenrand(uint32_t s);
  std::array<uint32_t, 624> state_{};
  int index_ = 625;
};

}  // namespace patchc::elab
