#include "optimizer/PassManager.h"

#include "ir/Printer.h"
#include "ir/Verifier.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace patchc::opt {

bool parseLevel(const std::string& text, Level& level) {
  if (text == "0") level = Level::O0;
  else if (text == "1") level = Level::O1;
  else if (text == "2") level = Level::O2;
  else if (text == "fast") level = Level::Ofast;
  else return false;
  return true;
}

namespace {
constexpr int kMaxIterations = 16;
}

bool PassManager::runPass(Pass& pass, ir::Graph& graph) {
  auto start = std::chrono::steady_clock::now();
  bool changed = pass.run(graph, remarks_);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  auto it = std::find_if(times_.begin(), times_.end(), [&](const auto& t) { return t.first == pass.name(); });
  if (it == times_.end()) times_.emplace_back(pass.name(), ms);
  else it->second += ms;
  // Catch a broken invariant at the pass that broke it, not three stages later.
  auto problems = ir::verify(graph);
  if (!problems.empty())
    throw std::runtime_error(fmt::format("the {} pass left a malformed graph: {}", pass.name(), problems.front()));
  bool print = options_.printAfterAll ||
               std::find(options_.printAfter.begin(), options_.printAfter.end(), pass.name()) != options_.printAfter.end();
  if (print) log_ << fmt::format("; *** graph after {} ***\n", pass.name()) << ir::printText(graph);
  return changed;
}

void PassManager::run(ir::Graph& graph) {
  std::vector<PipelineStep> steps;
  if (!options_.passes.empty()) {
    for (const auto& name : options_.passes) steps.push_back({{name}, false});
  } else {
    steps = pipelineFor(options_.level);
  }
  for (const auto& step : steps) {
    std::vector<std::unique_ptr<Pass>> passes;
    for (const auto& name : step.passes) {
      auto pass = createPass(name);
      if (!pass) throw std::runtime_error(fmt::format("unknown pass '{}'", name));
      passes.push_back(std::move(pass));
    }
    for (int iteration = 0;; ++iteration) {
      if (iteration == kMaxIterations)
        throw std::runtime_error(fmt::format("the passes {} did not converge after {} rounds",
                                             fmt::join(step.passes, ", "), kMaxIterations));
      bool changed = false;
      for (auto& pass : passes) changed = runPass(*pass, graph) || changed;
      if (!step.untilFixedPoint || !changed) break;
    }
  }
  if (options_.timePasses) {
    double total = 0;
    for (const auto& [name, ms] : times_) total += ms;
    log_ << "===-- pass execution times --===\n";
    for (const auto& [name, ms] : times_) log_ << fmt::format("  {:8.3f} ms  {}\n", ms, name);
    log_ << fmt::format("  {:8.3f} ms  total\n", total);
  }
}

}  // namespace patchc::opt
