// Diagnostics in clang's format: `file:line:col: error: message`, the source line, a caret under the column.
// Errors are collected; the driver stops after the first stage that reports one. Remarks (optimizer) use the
// same printer with the `remark` severity.
#pragma once

#include "support/SourceLocation.h"

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace patchc {

enum class Severity { Error, Warning, Note, Remark };

struct Diagnostic {
  Severity severity;
  SourceRange range;
  std::string message;
};

class Diagnostics {
 public:
  explicit Diagnostics(std::ostream& out) : out_(out) {}
  void report(Severity severity, const SourceRange& range, const std::string& message);
  void error(const SourceRange& range, const std::string& message) { report(Severity::Error, range, message); }
  void note(const SourceRange& range, const std::string& message) { report(Severity::Note, range, message); }
  // Printed like an error, but compilation goes on (errorCount() does not count it).
  void warning(const SourceRange& range, const std::string& message) { report(Severity::Warning, range, message); }
  int errorCount() const { return errors_; }
  bool hasErrors() const { return errors_ > 0; }
  const std::vector<Diagnostic>& all() const { return all_; }

 private:
  std::ostream& out_;
  int errors_ = 0;
  std::vector<Diagnostic> all_;
};

// Thrown by a stage to stop compilation after it has reported its diagnostic.
struct CompilationFailed : std::runtime_error {
  CompilationFailed() : std::runtime_error("compilation failed") {}
};

// Formats one diagnostic: the header line, the source line and a caret line (when the range is known).
std::string formatDiagnostic(const Diagnostic& diagnostic);

// The closest candidate by edit distance, or empty when none is close enough to be a likely misspelling.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace patchc
