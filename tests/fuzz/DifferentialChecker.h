// The differential checker: a patch rendered as written (-O0) is the reference; the same patch through each pass
// alone and each pipeline must render the same samples, and print the same reports, up to float rounding (tests/fuzz/README.md says why the
// tolerance is what it is, and how -Ofast's approximations are compared).
#pragma once

#include "optimizer/PassManager.h"
#include "tests/fuzz/PatchGenerator.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace patchc::fuzz {

// One way of compiling the patch that must not change its sound.
struct Variant {
  std::string name;  // "gain-fold", "-O2", ...
  opt::PipelineOptions pipeline;
  // -Ofast approximates by design: it is compared with the script as written after its approximating passes
  // (share-noise, when the patch has several noises, and fast-trig), not with the bare -O0 render.
  bool approximates = false;
  // The REPL's quick tier (codegen/ParallelCompile.h): every unit compiled by LLVM's -O0 pipeline and fast code
  // generator, through a tiered object cache, instead of -O2.
  bool quickTier = false;
};

// Every pass alone (`--passes=X`), every pipeline (-O1, -O2, -Ofast), and -O2 with the quick tier's code ("quick-tier"). The approximating passes alone
// (share-noise, fast-trig) are left out: -Ofast checks them against their reference, and the audio tests check
// their stated bounds.
std::vector<Variant> allVariants();
// The variant of that name, from allVariants(); throws std::invalid_argument if there is none.
Variant variantNamed(const std::string& name);

struct CheckerOptions {
  int64_t frames = 8192;           // samples rendered per channel
  double relativeTolerance = 1e-4;  // of the reference's peak
  double absoluteTolerance = 1e-6;  // floor, for a silent reference
  // -Ofast, added to relativeTolerance: twice FastSine's stated error (0.0011 of its amplitude). const-fold can
  // make a Sine's phase constant first, and fast-trig then approximates a Sine the reference computes exactly.
  double approximationTolerance = 2 * 0.0011;
  double unstablePeak = 1e4;       // a reference louder than this blew up: its rounding is not float rounding
  uint32_t seed = 0;               // compile-time seed (`--seed` of patchc)
  // A patch whose reference moves beyond this fraction of the tolerance when every signal is nudged or dithered
  // by one unit in the last place amplifies rounding (a well-conditioned one moves ~1e-7 of its peak); its
  // differences up to `sensitivityMargin` times that movement are not reported (IllConditioned).
  double sensitiveFraction = 0.1;
  double sensitivityMargin = 10;
  // For the checker's own tests: a deliberate miscompile, applied to every variant's optimized graph.
  std::function<void(ir::Graph&)> sabotage;
};

struct Difference {
  std::string variant;
  std::string what;  // "samples differ", "does not compile: ...", "non-finite samples", "report 3 differs: ..."
  bool report = false;  // what the patch printed (Print, print() in a callback) differs; `frame` is the report's
  int channel = -1;
  int64_t frame = -1;
  float expected = 0, actual = 0;
  double size = 0, tolerance = 0, peak = 0;
  std::string describe() const;
};

struct CheckResult {
  enum class Status {
    Equal,      // every variant rendered the reference's samples
    Different,  // some variant did not: `differences` (or the patch as written crashes the compiler: kAsWritten)
    Rejected,   // the patch does not compile as written (a located diagnostic): nothing to compare
    Unstable,   // the reference is not finite or blows up (feedback > 1, ...): its rounding grows without bound
    IllConditioned,  // variants differed, but no more than the reference does under a rounding-sized perturbation
  };
  Status status = Status::Equal;
  std::vector<Difference> differences;
  std::string message;      // the diagnostic of a rejected patch
  double sensitivity = 0;   // how far the perturbed reference moved, when a difference made the checker look
  int variantsRendered = 0;  // variants whose graph differed from -O0's, so that they were compiled and rendered
};

// The variant name of a difference found compiling the patch as written: an internal compiler error at -O0 is a
// bug to report (and shrink), not a patch the language refuses.
inline constexpr const char* kAsWritten = "-O0";
// A compiler's message that is no diagnostic of the patch but an internal error (a malformed graph, the JIT
// failing, an exception): tools/Pipeline.cpp's "internal compiler error: ...".
bool isInternalCompilerError(const std::string& message);

class DifferentialChecker {
 public:
  explicit DifferentialChecker(CheckerOptions options = {}) : options_(options) {}
  CheckResult check(const std::string& text, const std::vector<Variant>& variants) const;
  const CheckerOptions& options() const { return options_; }

 private:
  CheckerOptions options_;
};

// Deletes statements, arguments and suffixes and simplifies arguments while `stillFails` holds; the smallest
// patch found. At most `maxChecks` calls of `stillFails`.
Patch shrink(Patch patch, const std::function<bool(const Patch&)>& stillFails, int maxChecks = 2000);

}  // namespace patchc::fuzz
