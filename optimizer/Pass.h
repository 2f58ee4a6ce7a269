// A graph → graph pass: a name (for --passes, --print-after, remarks), a one-line purpose, and `run`.
#pragma once

#include "ir/Graph.h"
#include "optimizer/Remarks.h"

#include <memory>
#include <string>

namespace patchc::opt {

class Pass {
 public:
  virtual ~Pass() = default;
  virtual const char* name() const = 0;
  virtual const char* purpose() const = 0;
  // Rewrites the graph; returns whether anything changed.
  virtual bool run(ir::Graph& graph, Remarks& remarks) = 0;
};

// Every pass by name, or null.
std::unique_ptr<Pass> createPass(const std::string& name);
// The names createPass knows, in pipeline order.
const std::vector<std::string>& passNames();

}  // namespace patchc::opt
