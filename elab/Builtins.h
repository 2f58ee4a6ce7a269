// The names a patch sees without defining them: Python's builtins that make sense at compile time (range, len,
// min, ...), pyo's helper functions (midiToHz, rescale, ...), Mix and Server, and the `random` and `math`
// modules, all evaluated while compiling.
#pragma once

#include "elab/ElaborationError.h"
#include "elab/PyoObjects.h"
#include "stdlib/kernels/PythonRandom.h"
#include "elab/Value.h"

#include <map>
#include <ostream>
#include <string>

namespace patchc::elab {

struct BuiltinTables {
  std::map<std::string, Value> globals;
  std::map<std::string, std::map<std::string, Value>> modules;  // "random" → {"uniform": ...}
};

// `print()` writes to `printOutput`.
BuiltinTables makeBuiltins(Interpreter& interpreter, PyoObjects& objects, PythonRandom& random,
                           std::ostream& printOutput);

// Python's `a < b` for sorting: numbers, strings, and lists or tuples element by element; a TypeError at `range`
// for other types.
bool lessThan(const Value& a, const Value& b, const SourceRange& range);

// list.sort(key=None, reverse=False) and sorted(): stable, as Python's; `key` (None or a callable) is called once
// per element. A merge sort, so that a comparison that is not a strict weak order (nan) cannot break it.
void sortValues(ValueList& items, const Value& key, bool reverse, Interpreter& interpreter, const SourceRange& range);

}  // namespace patchc::elab
