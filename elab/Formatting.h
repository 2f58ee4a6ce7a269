// Python's text of compile-time values: str() and repr() (what print() shows: numbers, strings, lists, tuples,
// dicts as Python writes them; a PyoObject as pyo's "< Instance of Sine class >"), and the printf-style
// `format % values` of strings.
#pragma once

#include "elab/PyoObjects.h"
#include "elab/Value.h"

#include <string>

namespace patchc::elab {

std::string str(const Value& value, const PyoObjects& objects, const SourceRange& range);
std::string repr(const Value& value, const PyoObjects& objects, const SourceRange& range);

// `format % values` (Python's printf-style formatting): %d %i %u %f %F %e %E %g %G %s %r %x %X %o %c %% with
// flags, width and precision; a tuple gives several values. Python's TypeErrors and ValueErrors are errors at
// `range`.
std::string percentFormat(const std::string& format, const Value& values, const PyoObjects& objects,
                          const SourceRange& range);

}  // namespace patchc::elab
