// Limits on what compiling one patch may cost (issue 7): patchc runs other people's scripts, so the work,
// memory and recursion of every stage are bounded, and each bound is checked *before* the work or the
// allocation it guards. Passing one is a located diagnostic that names the limit and the flag that lifts it
// (`--limit NAME=VALUE`), never a crash, a hang or a wrapped number.
// In support/ beside Diagnostics because every stage checks some of these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace patchc {

struct CompileLimits {
  // Source text, in bytes, read from the patch file.
  uint64_t sourceBytes = 64ull << 20;
  // Elaboration steps: every loop iteration, comprehension element and call, and every element a list
  // operation makes or scans, over the whole script (nested loops count together).
  uint64_t steps = 20'000'000;
  // Nested calls of the script's functions (Python's own default recursion limit is 1000).
  uint64_t recursion = 1000;
  // Elements of one compile-time list, tuple or string.
  uint64_t collectionElements = 10'000'000;
  // Nodes (pyo objects) in the graph.
  uint64_t objects = 1'000'000;
  // Bytes of state of the whole patch (delay lines, reverbs, sound files) that init allocates.
  uint64_t stateBytes = 1ull << 30;
};

// One row per limit, for `--limit NAME=VALUE` and for the diagnostics that name the flag.
struct LimitInfo {
  const char* name;
  uint64_t CompileLimits::*field;
  const char* doc;
};

inline constexpr LimitInfo kLimitTable[] = {
    {"source-bytes", &CompileLimits::sourceBytes, "bytes of the patch's text"},
    {"steps", &CompileLimits::steps, "compile-time steps: loop iterations, calls and list elements made or scanned, all loops together"},
    {"recursion", &CompileLimits::recursion, "nested calls of the script's functions"},
    {"collection-elements", &CompileLimits::collectionElements, "elements of one list, tuple or string"},
    {"objects", &CompileLimits::objects, "objects in the patch"},
    {"state-bytes", &CompileLimits::stateBytes, "bytes of state the patch allocates at init"},
};

// Sets one limit from "NAME=VALUE" (VALUE a non-negative integer; 0 means no limit). An error message, or
// nullopt when it was set.
inline std::optional<std::string> setLimit(CompileLimits& limits, std::string_view assignment) {
  auto equals = assignment.find('=');
  std::string_view name = assignment.substr(0, equals);
  for (const auto& info : kLimitTable) {
    if (name != info.name) continue;
    if (equals == std::string_view::npos) return "--limit " + std::string(name) + " needs =VALUE";
    std::string value(assignment.substr(equals + 1));
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 19)
      return "--limit " + std::string(name) + ": '" + value + "' is not a whole number below 10^19";
    uint64_t parsed = std::stoull(value);
    limits.*info.field = parsed == 0 ? UINT64_MAX : parsed;
    return std::nullopt;
  }
  std::string known;
  for (const auto& info : kLimitTable) known += std::string(known.empty() ? "" : ", ") + info.name;
  return "unknown limit '" + std::string(name) + "' (limits: " + known + ")";
}

// "(the limit is N; raise it with --limit NAME=VALUE)", for diagnostics.
inline std::string limitHint(const char* name, uint64_t value) {
  return "(the limit is " + std::to_string(value) + "; raise it with --limit " + name + "=N, 0 for none)";
}

}  // namespace patchc
