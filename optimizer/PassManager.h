// Runs passes over the graph: the pipelines -O0 -O1 -O2 -Ofast (Pipelines.cpp), or an explicit --passes list;
// verifies the graph after every pass, prints it after the passes asked for, and times each pass.
#pragma once

#include "ir/Graph.h"
#include "optimizer/Pass.h"
#include "optimizer/Remarks.h"

#include <ostream>
#include <string>
#include <vector>

namespace patchc::opt {

enum class Level { O0, O1, O2, Ofast };

// "0", "1", "2", "fast" → a level; false if the text is none of them.
bool parseLevel(const std::string& text, Level& level);

struct PipelineOptions {
  Level level = Level::O2;
  std::vector<std::string> passes;      // when not empty: exactly these passes, in this order, once each
  std::vector<std::string> printAfter;  // pass names after which the graph is printed to `log`
  bool printAfterAll = false;
  bool timePasses = false;
  RemarkFilter remarks;
};

// The pipeline of a level, as pass names (the groups that enable each other are repeated until nothing changes).
struct PipelineStep {
  std::vector<std::string> passes;
  bool untilFixedPoint = false;
};
std::vector<PipelineStep> pipelineFor(Level level);

class PassManager {
 public:
  PassManager(PipelineOptions options, std::ostream& log)
      : options_(std::move(options)), log_(log), remarks_(&log, options_.remarks) {}
  // Runs the pipeline. Throws std::runtime_error when a pass breaks the graph (a compiler bug, named after the
  // pass) or when a name in `passes` is unknown.
  void run(ir::Graph& graph);
  const Remarks& remarks() const { return remarks_; }

 private:
  bool runPass(Pass& pass, ir::Graph& graph);
  PipelineOptions options_;
  std::ostream& log_;
  Remarks remarks_;
  std::vector<std::pair<std::string, double>> times_;
};

}  // namespace patchc::opt
