#include "tests/fuzz/DifferentialChecker.h"

#include "ir/Printer.h"
#include "optimizer/GraphQueries.h"
#include "optimizer/Pass.h"
#include "runtime/FileRenderer.h"
#include "runtime/PatchInstance.h"
#include "tools/Pipeline.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace patchc::fuzz {
namespace {

bool approximatingPass(const std::string& name) { return name == "share-noise" || name == "fast-trig"; }

CompileOptions compileOptions(const opt::PipelineOptions& pipeline, uint32_t seed, std::ostream& log) {
  CompileOptions o;
  o.seed = seed;
  o.compileThreads = 1;  // the fuzzer shares the machine; one thread gives the same samples (ParallelCompile.h)
  o.optimizer = pipeline;
  o.log = &log;
  return o;
}

// The optimized graph as text, without code generation: equal text means the variant compiles the reference's
// code, so it need not be rendered. nullopt with `error` when the compile stops.
std::optional<std::string> optimizedGraph(const std::string& text, const CompileOptions& options, std::string& error,
                                          std::unique_ptr<ir::Graph>* keep = nullptr) {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  SourceFile source("fuzz.patch", text);
  auto ast = parseSource(source, diagnostics);
  std::unique_ptr<ir::Graph> graph;
  if (ast) graph = buildGraph(*ast, diagnostics, options);
  if (!graph || !optimizeGraph(*graph, diagnostics, options)) {
    error = messages.str();
    return std::nullopt;
  }
  std::string printed = ir::printText(*graph);
  if (keep) *keep = std::move(graph);
  return printed;
}

struct Rendered {
  std::vector<std::vector<float>> channels;
  std::string error;
};

Rendered render(const std::string& text, const CompileOptions& options, int64_t frames) {
  Rendered out;
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  try {
    auto patch = compilePatch(std::make_unique<SourceFile>("fuzz.patch", text), diagnostics, options);
    if (!patch) {
      out.error = messages.str();
      return out;
    }
    runtime::PatchInstance instance(patch->abi());
    out.channels = runtime::renderToBuffer(instance, frames);
  } catch (const std::exception& e) {
    out.error = std::string("exception: ") + e.what();
  }
  return out;
}

double peakOf(const std::vector<std::vector<float>>& channels, bool& finite) {
  double peak = 0;
  finite = true;
  for (const auto& ch : channels)
    for (float x : ch) {
      if (!std::isfinite(x)) finite = false;
      else peak = std::max(peak, double(std::fabs(x)));
    }
  return peak;
}

// The largest difference, or nullopt when every sample is within the tolerance.
std::optional<Difference> compare(const std::vector<std::vector<float>>& expected,
                                  const std::vector<std::vector<float>>& actual, double tolerance, double peak) {
  std::optional<Difference> worst;
  if (expected.size() != actual.size()) {
    Difference d;
    d.what = fmt::format("{} channels instead of {}", actual.size(), expected.size());
    return d;
  }
  for (size_t c = 0; c < expected.size(); ++c)
    for (size_t i = 0; i < expected[c].size(); ++i) {
      double e = expected[c][i], a = actual[c][i];
      double size = std::isfinite(a) ? std::fabs(e - a) : INFINITY;
      if (size > tolerance && (!worst || size > worst->size)) {
        worst = Difference{};
        worst->what = std::isfinite(a) ? "samples differ" : "non-finite samples";
        worst->channel = static_cast<int>(c);
        worst->frame = static_cast<int64_t>(i);
        worst->expected = expected[c][i];
        worst->actual = actual[c][i];
        worst->size = size;
        worst->tolerance = tolerance;
        worst->peak = peak;
      }
    }
  return worst;
}

}  // namespace

std::vector<Variant> allVariants() {
  std::vector<Variant> variants;
  for (const auto& pass : opt::passNames()) {
    if (approximatingPass(pass)) continue;
    Variant v;
    v.name = pass;
    v.pipeline.passes = {pass};
    variants.push_back(std::move(v));
  }
  for (auto [name, level] : {std::pair{"-O1", opt::Level::O1}, std::pair{"-O2", opt::Level::O2},
                             std::pair{"-Ofast", opt::Level::Ofast}}) {
    Variant v;
    v.name = name;
    v.pipeline.level = level;
    v.approximates = level == opt::Level::Ofast;
    variants.push_back(std::move(v));
  }
  return variants;
}

Variant variantNamed(const std::string& name) {
  for (auto& v : allVariants())
    if (v.name == name) return v;
  throw std::invalid_argument("no variant named " + name);
}

std::string Difference::describe() const {
  if (channel < 0) return fmt::format("{}: {}", variant, what);
  return fmt::format("{}: {} on channel {} at frame {}: {:.9g} instead of {:.9g} (difference {:.3g}, tolerance "
                     "{:.3g}, reference peak {:.3g})",
                     variant, what, channel, frame, actual, expected, size, tolerance, peak);
}

CheckResult DifferentialChecker::check(const std::string& text, const std::vector<Variant>& variants) const {
  CheckResult result;
  std::ostringstream log;  // remarks and --print-after of the variants: not wanted here
  opt::PipelineOptions asWritten;
  asWritten.level = opt::Level::O0;
  std::string error;
  std::unique_ptr<ir::Graph> writtenGraph;
  auto written = optimizedGraph(text, compileOptions(asWritten, options_.seed, log), error, &writtenGraph);
  if (!written) {
    result.status = CheckResult::Status::Rejected;
    result.message = error;
    return result;
  }
  std::optional<Rendered> reference;  // rendered only when some variant changed the graph
  double peak = 0;
  auto renderReference = [&]() -> bool {
    if (!reference) {
      reference = render(text, compileOptions(asWritten, options_.seed, log), options_.frames);
      bool finite = true;
      peak = peakOf(reference->channels, finite);
      if (!reference->error.empty()) {
        result.status = CheckResult::Status::Rejected;
        result.message = reference->error;
      } else if (!finite || peak > options_.unstablePeak) {
        result.status = CheckResult::Status::Unstable;
        result.message = fmt::format("the reference is {}", finite ? "louder than the bound" : "not finite");
      }
    }
    return result.status == CheckResult::Status::Equal || result.status == CheckResult::Status::Different;
  };

  for (const auto& variant : variants) {
    CompileOptions options = compileOptions(variant.pipeline, options_.seed, log);
    auto optimized = optimizedGraph(text, options, error);
    if (!optimized) {
      Difference d;
      d.variant = variant.name;
      d.what = "does not compile: " + error;
      result.differences.push_back(d);
      continue;
    }
    const Rendered* expected = nullptr;
    std::optional<Rendered> approximated;
    if (!renderReference()) return result;
    expected = &*reference;
    if (variant.approximates) {
      // -Ofast's reference: the script as written with its approximations (share-noise only when it shares).
      opt::PipelineOptions approximations;
      approximations.passes = {"dce", "denorm-elide"};
      if (!opt::shareableNoises(*writtenGraph).empty()) approximations.passes.push_back("share-noise");
      approximations.passes.push_back("fast-trig");
      auto approximatedGraph = optimizedGraph(text, compileOptions(approximations, options_.seed, log), error);
      if (approximatedGraph && *approximatedGraph == *optimized) continue;
      approximated = render(text, compileOptions(approximations, options_.seed, log), options_.frames);
      if (!approximated->error.empty()) {
        Difference d;
        d.variant = variant.name;
        d.what = "its approximations alone do not compile: " + approximated->error;
        result.differences.push_back(d);
        continue;
      }
      expected = &*approximated;
    } else if (*optimized == *written) {
      continue;  // the same graph: the same code
    }
    Rendered actual = render(text, options, options_.frames);
    ++result.variantsRendered;
    if (!actual.error.empty()) {
      Difference d;
      d.variant = variant.name;
      d.what = "does not compile: " + actual.error;
      result.differences.push_back(d);
      continue;
    }
    double relative = options_.relativeTolerance + (variant.approximates ? options_.approximationTolerance : 0.0);
    double tolerance = relative * peak + options_.absoluteTolerance;
    if (auto d = compare(expected->channels, actual.channels, tolerance, peak)) {
      d->variant = variant.name;
      result.differences.push_back(*d);
    }
  }
  if (!result.differences.empty()) result.status = CheckResult::Status::Different;
  return result;
}

Patch shrink(Patch patch, const std::function<bool(const Patch&)>& stillFails, int maxChecks) {
  int checks = 0;
  bool progress = true;
  while (progress && checks < maxChecks) {
    progress = false;
    // Walk the simplifications; after a success, go on from the same position in the new patch's list.
    for (size_t i = 0;; ++i) {
      auto candidates = patch.simplifications();
      if (i >= candidates.size() || checks >= maxChecks) break;
      ++checks;
      if (stillFails(candidates[i])) {
        patch = std::move(candidates[i]);
        progress = true;
        --i;
      }
    }
  }
  return patch;
}

}  // namespace patchc::fuzz
