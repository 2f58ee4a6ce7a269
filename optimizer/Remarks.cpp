#include "optimizer/Remarks.h"

#include "support/Diagnostics.h"

#include <fmt/format.h>

namespace patchc::opt {

std::string quoted(double number, int significantDigits) {
  std::string text = fmt::format("{:.{}g}", number, significantDigits);
  auto e = text.find('e');
  if (e == std::string::npos) return text;
  std::string exponent = text.substr(e + 1);
  bool negative = exponent[0] == '-';
  size_t digits = exponent.find_first_not_of("+-0");
  return text.substr(0, e + 1) + (negative ? "-" : "") + (digits == std::string::npos ? "0" : exponent.substr(digits));
}

std::string quoted(const ErrorBound& bound) {
  return quoted(bound.absolute) + " + " + quoted(bound.perUnitOfInput) + "·|x|";
}

bool RemarkFilter::add(const std::string& flag) {
  auto patternAfter = [&](const std::string& prefix) -> std::optional<std::regex> {
    if (flag == prefix) return std::regex(".*");
    return std::regex(flag.substr(prefix.size() + 1));
  };
  auto matches = [&](const std::string& prefix) {
    return flag == prefix || flag.rfind(prefix + "=", 0) == 0;
  };
  if (matches("pass-missed")) {
    missed = patternAfter("pass-missed");
  } else if (matches("pass-analysis")) {
    analysis = patternAfter("pass-analysis");
  } else if (matches("pass")) {
    passed = patternAfter("pass");
  } else {
    return false;
  }
  return true;
}

bool RemarkFilter::wants(RemarkKind kind, const std::string& pass) const {
  const auto& pattern = kind == RemarkKind::Passed ? passed : kind == RemarkKind::Missed ? missed : analysis;
  return pattern && std::regex_match(pass, *pattern);
}

void Remarks::add(Remark remark) {
  // Passes that repeat until nothing changes may say the same thing twice: say it once.
  std::string key = fmt::format("{}\n{}\n{}:{}\n{}", static_cast<int>(remark.kind), remark.pass,
                                remark.range.begin.line, remark.range.begin.column, remark.message);
  if (!said_.insert(std::move(key)).second) return;
  if (out_ && filter_.wants(remark.kind, remark.pass)) {
    const char* flag = remark.kind == RemarkKind::Passed   ? "-Rpass"
                       : remark.kind == RemarkKind::Missed ? "-Rpass-missed"
                                                           : "-Rpass-analysis";
    Diagnostic d{Severity::Remark, remark.range, remark.message + " [" + flag + "=" + remark.pass + "]"};
    *out_ << formatDiagnostic(d);
  }
  all_.push_back(std::move(remark));
}

}  // namespace patchc::opt
