// TableScale(table, outtable, mul, add): copies a table into another, scaled and offset, every block
// (TableScale.cpp). The written table lives in the patch's state (docs/tables.md).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::tablescale {

enum Input { kTable, kOuttable, kTableMul, kTableAdd };

}  // namespace patchc::kernel::tablescale

PATCHC_OBJECT(TableScale) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::tablescale;
  spec.doc = "Copies a table into another every block, each sample times mul plus add; outputs nothing.";
  spec.input(kTable, table("table", "the table read"));
  spec.input(kOuttable, writtenTable("outtable", "the table written"));
  // pyo's mul and add scale the copy, not TableScale's output (which is silence): the elaborator gives them here.
  spec.input(kTableMul, makeInput("tableMul", InputKind::Signal, 1.0f, "pyo's mul: the gain of the copy", true));
  spec.input(kTableAdd, makeInput("tableAdd", InputKind::Signal, 0.0f, "pyo's add: the offset of the copy", true));
  spec.facts.cost = 0.5f;
  spec.facts.outputRange = always({0.0f, 0.0f});
  spec.stateBytes = 16;
  spec.bipolar = false;
  spec.algorithm =
      "as pyo, every block: outtable[i] = table[i] · mul + add for i below the smaller size (mul and add at the "
      "block's sample i, held at its last sample past the block's end); the guard point is left as it was";
  spec.differences =
      "a mul or add that is a signal is held at the block's last sample for the table's samples past the block's "
      "length (pyo reads past the end of its buffer there). Its output table is written before any object reads it "
      "in the same block, whatever the order they were made in";
}
