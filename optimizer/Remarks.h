// Optimization remarks in clang's style, pointing at the source line of the object they concern:
//   chorus.patch:9:7: remark: Phaser runs 2 times instead of 50: ... [-Rpass=mixdown]
// `-Rpass[=regex]` shows what was done, `-Rpass-missed[=regex]` a tip that could not be applied and why,
// `-Rpass-analysis[=regex]` estimates (cost saved). A user who reads them learns the manual's tips.
#pragma once

#include "stdlib/Registry.h"
#include "support/SourceLocation.h"

#include <optional>
#include <ostream>
#include <regex>
#include <string>
#include <unordered_set>
#include <vector>

namespace patchc::opt {

enum class RemarkKind { Passed, Missed, Analysis };

struct Remark {
  RemarkKind kind;
  std::string pass;
  SourceRange range;
  std::string message;
};

// Which remarks to print: one optional pass-name pattern per kind (an empty pattern matches every pass).
struct RemarkFilter {
  std::optional<std::regex> passed, missed, analysis;
  // Parses one `-R` value: "pass", "pass=mixdown", "pass-missed=.*", "pass-analysis". False if not a remark flag.
  bool add(const std::string& flag);
  bool wants(RemarkKind kind, const std::string& pass) const;
};

// A declared number as a remark quotes it: "0.0011", "2.5e-7" (the shortest form, no exponent padding).
std::string quoted(double number, int significantDigits = 6);

// An error bound as remarks quote it: "3.1e-7 + 1.8e-7·|x|".
std::string quoted(const ErrorBound& bound);

class Remarks {
 public:
  Remarks() = default;
  Remarks(std::ostream* out, RemarkFilter filter) : out_(out), filter_(std::move(filter)) {}

  void passed(const std::string& pass, const SourceRange& range, const std::string& message) {
    add({RemarkKind::Passed, pass, range, message});
  }
  void missed(const std::string& pass, const SourceRange& range, const std::string& message) {
    add({RemarkKind::Missed, pass, range, message});
  }
  void analysis(const std::string& pass, const SourceRange& range, const std::string& message) {
    add({RemarkKind::Analysis, pass, range, message});
  }
  const std::vector<Remark>& all() const { return all_; }

 private:
  void add(Remark remark);
  std::ostream* out_ = nullptr;
  RemarkFilter filter_;
  std::vector<Remark> all_;
  std::unordered_set<std::string> said_;  // what all_ holds, as keys: a repeat is found without scanning all_
};

}  // namespace patchc::opt
