// What a hot swap carries from one compiled patch to the next (issue 9, the REPL): the state and last block of
// every node that is in both under the same identity, size and set-up (ModuleInfo::nodes), so that an oscillator keeps
// its phase and a reverb its tail when the script around them changes. Computed in the compiler, when the new
// module is ready; the swap itself is a list of copies, with no allocation in the audio thread.
#pragma once

#include "codegen/CodeGen.h"
#include "runtime/StateCopy.h"

#include <vector>

namespace patchc::codegen {

using runtime::StateCopy;

// The copies that carry `from`'s surviving nodes into `to`'s state. A node whose identity is in both but whose
// state or block size changed (more lanes, another delay length), or whose set-up did (another constant frequency,
// a Param given another first value by the script), starts afresh, as a new node does: the swap crossfades it.
std::vector<StateCopy> carriedState(const ModuleInfo& from, const ModuleInfo& to);

}  // namespace patchc::codegen
