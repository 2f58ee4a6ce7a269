// What the elaborator's parts share: the error that stops elaboration, and the interpreter's services that
// builtins and pyo objects call back into.
#pragma once

#include "elab/Value.h"
#include "support/Diagnostics.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace patchc::elab {

// Thrown at the first error; `elaborate` turns it into one diagnostic at `range`.
struct ElaborationError : std::runtime_error {
  ElaborationError(SourceRange r, const std::string& message) : std::runtime_error(message), range(r) {}
  SourceRange range;
};

// An import of a module patchc does not know: Python's ImportError (ModuleNotFoundError), which a `try:` whose
// except clause names it (or nothing) handles when compiling (`try: import numpy` / `except ImportError: ...`).
struct ModuleNotFound : ElaborationError {
  using ElaborationError::ElaborationError;
};

// `message`, followed by "; did you mean 'x'?" when a candidate is close to `word`.
inline std::string withSuggestion(const std::string& message, const std::string& word,
                                  const std::vector<std::string>& candidates) {
  std::string best = closestMatch(word, candidates);
  return best.empty() ? message : message + "; did you mean '" + best + "'?";
}

class Interpreter {
 public:
  virtual ~Interpreter() = default;
  virtual Value call(const Value& callee, CallArguments& args) = 0;
  virtual Value attribute(const Value& object, const std::string& name, const SourceRange& range) = 0;
  virtual ValueList iterate(const Value& value, const SourceRange& range) = 0;
  virtual bool truthy(const Value& value) = 0;
  // Python's `left op right`, `left op right` for a comparison, and `container[index]`, on known values.
  virtual Value binaryOperation(ast::BinaryOp op, const Value& left, const Value& right, const SourceRange& range) = 0;
  virtual bool compareValues(ast::CompareOp op, const Value& left, const Value& right, const SourceRange& range) = 0;
  virtual Value subscriptValue(const Value& container, const Value& index, const SourceRange& range) = 0;
  // Counts `count` steps of the script's work (elements a builtin makes or scans) against the `steps` limit.
  virtual void charge(uint64_t count, const SourceRange& range) = 0;
  // Checks, before allocating, that a `what` ("list", "string") of `size + added` elements is within the
  // `collection-elements` limit.
  virtual void checkSize(uint64_t size, uint64_t added, const char* what, const SourceRange& range) = 0;
};

// Checks a builtin's positional argument count and that it got no keywords.
void expectCount(const CallArguments& args, size_t min, size_t max);

// A number argument, or an error naming the argument and the type it got.
double numberArgument(const CallArguments& args, size_t index, const char* what);

}  // namespace patchc::elab
