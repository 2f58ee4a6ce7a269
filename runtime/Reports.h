#pragma once
// Printing what a patch reports (pyo's `Print`, `print()` in a callback) outside the audio thread: the patch's
// control code queues numbers (ReportQueue.h); the thread that renders to a file, or the live player's waiting
// thread, formats and writes them.

#include "runtime/PatchInstance.h"
#include "runtime/ReportQueue.h"

#include <cstdio>
#include <string>

namespace patchc::runtime {

// The marker bytes of a report's format: where each value goes and how it is written.
enum ReportMarker : char {
  kReportPythonFloat = '\x01',  // Python's repr of a float (print(x))
  kReportPythonInt = '\x02',    // an int
  kReportPythonBool = '\x03',   // True / False
  kReportFixed = '\x04',        // C's "%f" (pyo's Print)
};

// Python's repr of a float: the shortest digits that read back the same, in fixed notation for exponents from
// −4 to 15 (with ".0" when whole), else scientific with a two-digit exponent ("1e-05", "1.5e+16").
std::string pythonFloat(double value);

// One report's line, without the newline.
std::string formatReport(const char* format, const ReportQueue::Entry& entry);

// Writes every queued report of `instance` to `out`, a line each; returns how many. Then, once, how many were
// dropped because the queue was full. Not for the audio thread.
int printReports(PatchInstance& instance, std::FILE* out);

}  // namespace patchc::runtime
