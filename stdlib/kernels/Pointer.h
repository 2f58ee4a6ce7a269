// Pointer(table, index): a table read at a position given as a fraction of its length (Pointer.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::pointer {
enum Input { kTable, kIndex };
}

PATCHC_OBJECT(Pointer) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::pointer;
  spec.doc = "Reads a table at a position given as a signal, 0 the start and 1 the end (wrapping around).";
  spec.input(kTable, table("table", "the table read (each channel gives a stream)"));
  spec.input(kIndex, audio("index", "the position, as a fraction of the table's length"));
  spec.facts = oscillatorFacts(0.6f);
  spec.facts.stateless = true;
  spec.algorithm = "index·size wrapped into [0, size), read with linear interpolation (pyo's)";
}
