#pragma once
// A piece of state a hot swap carries from the playing patch into the next (codegen/StateMap.h computes them,
// LivePatch.h runs them in the audio thread at the swap's block boundary: plain copies, no allocation).

#include <cstddef>
#include <cstring>
#include <vector>

namespace patchc::runtime {

struct StateCopy {
  size_t from = 0, to = 0, bytes = 0;  // offsets in the old and the new state
};

inline void applyStateCopies(const std::vector<StateCopy>& copies, const void* fromState, void* toState) noexcept {
  for (const auto& c : copies)
    std::memcpy(static_cast<char*>(toState) + c.to, static_cast<const char*>(fromState) + c.from, c.bytes);
}

}  // namespace patchc::runtime
