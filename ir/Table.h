// A table of the patch (pyo's PyoTableObject: HarmTable, SndTable, NewTable, ...): samples per channel, a size
// and a sample rate, shared by every node that reads it (Osc, TableRead, Pointer, ...).
//
// Every table's first contents are known when compiling: the elaborator computes them (stdlib/Table.h's fills,
// then the script's normalize(), put(), ...), and each reader gets the channels as an ArrayInput that names the
// table, so readers of one table share one copy of its samples. A table written while the patch plays (a writer
// object such as TableRec, or a handler: markTableWritten) lives in the patch's state instead, initialized from
// these channels; its readers keep their kernels, which read it through a pointer and a count (docs/tables.md).
#pragma once

#include "ir/SampleArray.h"
#include "support/SourceLocation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace patchc::ir {

using TableId = uint32_t;

struct Table {
  std::string kind;  // pyo's class: "HarmTable"
  std::string name;  // the variable it was first assigned to, if any
  SourceRange origin;  // the call that made it
  // One array per channel: size + 1 numbers, the last pyo's guard point (stdlib/Table.h).
  std::vector<SampleArray> channels;
  double sampleRate = 0.0;  // its own (a sound file's); the server's for computed tables
  // Something writes it while the patch plays (a writer object, a handler): codegen gives it a buffer in the
  // patch's state (channels × (size + 1) floats, filled from `channels` by patch_init) instead of constants.
  bool written = false;
  // Callbacks change its size while playing (SndTable's setSound/insert/append: Control::soundSources): its buffer
  // holds `capacity` + 1 floats per channel, the most the callbacks can make of it, and its current size is a
  // number in the state that readers read instead of size() (0: the size is fixed).
  size_t capacity = 0;
  bool resizable() const { return capacity > 0; }
  size_t size() const { return channels.empty() || channels[0].size() == 0 ? 0 : channels[0].size() - 1; }
};

}  // namespace patchc::ir
