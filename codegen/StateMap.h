// What a hot swap carries from one compiled patch to the next (issue 9, the REPL): the state and last block of
// every node that is in both under the same identity and size (ModuleInfo::nodes), so that an oscillator keeps
// its phase and a reverb its tail when the script around them changes. Computed in the compiler, when the new
// module is ready; the swap itself is a list of copies, with no allocation in the audio thread.
#pragma once

#include "codegen/CodeGen.h"

#include <cstddef>
#include <vector>

namespace patchc::codegen {

struct StateCopy {
  size_t from = 0, to = 0, bytes = 0;  // offsets in the old and the new state
};

// The copies that carry `from`'s surviving nodes into `to`'s state. A node whose identity is in both but whose
// state or block size changed (more lanes, another delay length) starts afresh, as a new node does.
std::vector<StateCopy> carriedState(const ModuleInfo& from, const ModuleInfo& to);

// Runs `copies` from `fromState` into `toState`.
void applyStateCopies(const std::vector<StateCopy>& copies, const void* fromState, void* toState);

}  // namespace patchc::codegen
