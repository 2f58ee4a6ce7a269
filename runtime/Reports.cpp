#include "runtime/Reports.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace patchc::runtime {

std::string pythonFloat(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[64];
  // The shortest round-trip digits, and their exponent, from the scientific form.
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string scientific(buffer, end);
  const size_t e = scientific.find('e');
  const int exponent = std::atoi(scientific.c_str() + e + 1);
  if (exponent < -4 || exponent >= 16) {
    // Python writes at least two exponent digits, as to_chars does.
    return scientific;
  }
  auto [fixedEnd, fixedError] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  std::string fixed(buffer, fixedEnd);
  if (fixed.find('.') == std::string::npos) fixed += ".0";
  return fixed;
}

std::string formatReport(const char* format, const ReportQueue::Entry& entry) {
  std::string line;
  int next = 0;
  for (const char* c = format; *c; ++c) {
    const bool marker = *c == kReportPythonFloat || *c == kReportPythonInt || *c == kReportPythonBool || *c == kReportFixed;
    if (!marker) {
      line += *c;
      continue;
    }
    const double v = next < entry.count ? entry.values[next] : 0.0;
    ++next;
    char buffer[64];
    switch (*c) {
      case kReportPythonFloat: line += pythonFloat(v); break;
      case kReportPythonInt: line += std::to_string(static_cast<long long>(v)); break;
      case kReportPythonBool: line += v != 0.0 ? "True" : "False"; break;
      default:
        std::snprintf(buffer, sizeof buffer, "%f", v);
        line += buffer;
        break;
    }
  }
  return line;
}

int printReports(PatchInstance& instance, std::FILE* out) {
  const PatchABI& abi = instance.abi();
  if (abi.reportQueue == PatchABI::kNoReports) return 0;
  auto* queue = reinterpret_cast<ReportQueue*>(static_cast<char*>(instance.state()) + abi.reportQueue);
  int printed = 0;
  queue->drain([&](const ReportQueue::Entry& entry) {
    const char* format = entry.message >= 0 && entry.message < abi.reportFormatCount ? abi.reportFormats[entry.message] : "?";
    std::string line = formatReport(format, entry);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), out);
    ++printed;
  });
  if (uint32_t dropped = queue->dropped.exchange(0, std::memory_order_relaxed))
    std::fprintf(out, "(%u reports dropped: the patch printed faster than they could be written)\n", dropped);
  if (printed) std::fflush(out);
  return printed;
}

}  // namespace patchc::runtime
