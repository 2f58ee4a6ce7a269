// Lookup(table, index): a table as a transfer function of its input (Lookup.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::lookup {
enum Input { kTable, kIndex };
}

PATCHC_OBJECT(Lookup) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::lookup;
  spec.doc = "Uses a table as a transfer function: the input, from -1 to 1, picks the table's value.";
  spec.input(kTable, table("table", "the transfer function (AtanTable, ChebyTable, ...)"));
  spec.input(kIndex, audio("index", "the input, -1 to 1 across the table (clipped)"));
  spec.facts = oscillatorFacts(0.6f);
  spec.facts.stateless = true;
  spec.algorithm = "(clip(index, -1, 1)·0.495 + 0.5)·size, read with linear interpolation (pyo's)";
}
