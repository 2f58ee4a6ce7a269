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
  spec.input(kTableMul, hidden("tableMul", 1.0f, "pyo's mul: the gain of the copy (a number)"));
  spec.input(kTableAdd, hidden("tableAdd", 0.0f, "pyo's add: the offset of the copy (a number)"));
  spec.facts.cost = 0.5f;
  spec.stateBytes = 16;
  outputsNothing(spec);
  spec.generator = true;
  spec.algorithm =
      "as pyo, every block: outtable[i] = table[i] · mul + add for i below the smaller size ; the guard point is left as it was";
  spec.differences =
      "mul and add must be numbers (pyo also takes signals, read past the end of their buffer). Its output table is written before any object reads it "
      "in the same block, whatever the order they were made in";
}
