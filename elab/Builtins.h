// The names a patch sees without defining them: Python's builtins that make sense at compile time (range, len,
// min, ...), pyo's helper functions (midiToHz, rescale, ...), Mix and Server, and the `random` and `math`
// modules, all evaluated while compiling.
#pragma once

#include "elab/ElaborationError.h"
#include "elab/PyoObjects.h"
#include "stdlib/kernels/PythonRandom.h"
#include "elab/Value.h"

#include <map>
#include <string>

namespace patchc::elab {

struct BuiltinTables {
  std::map<std::string, Value> globals;
  std::map<std::string, std::map<std::string, Value>> modules;  // "random" → {"uniform": ...}
};

BuiltinTables makeBuiltins(Interpreter& interpreter, PyoObjects& objects, PythonRandom& random);

}  // namespace patchc::elab
