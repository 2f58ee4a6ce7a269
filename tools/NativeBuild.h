// `patchc build`: a patch as a program of its own. The optimized module (the one the JIT would run) is compiled
// ahead of time for a target CPU, its large arrays go into a data object (codegen/ExternalData.h), and the
// machine's C++ compiler driver links them with libpatchrt and its main() (runtime/ProgramMain.cpp): no LLVM
// and no compiler stage in the program.
#pragma once

#include "ir/Graph.h"

#include <ostream>
#include <string>

namespace patchc {

struct NativeBuildOptions {
  std::string output;       // the program's path; written atomically (a temporary beside it, then renamed)
  std::string cpu;          // an LLVM CPU name; empty: this machine's CPU
  int llvmOptLevel = 2;
  unsigned compileThreads = 0;
  // Where libpatchrt.a and libpatchrt_main.a are: PATCHC_RUNTIME_DIR, else the build tree's runtime/.
  std::string runtimeDir;
};

// What the build took, for the driver's summary.
struct NativeBuildReport {
  double compileMs = 0, linkMs = 0;
  uintmax_t bytes = 0;  // the program's size
  std::string driver;   // the compiler driver that linked it
};

// Builds the program of `graph` (optimized already). False after writing one "patchc: error: ..." line to
// `errors` (no compiler driver, a failed link, an unwritable output); the output is then left as it was.
bool buildNativeExecutable(const ir::Graph& graph, const NativeBuildOptions& options, NativeBuildReport& report,
                           std::ostream& errors);

// The runtime directory patchc links with when none is given.
std::string defaultRuntimeDir();

}  // namespace patchc
