#include "optimizer/Pass.h"
#include "optimizer/Passes.h"

#include <functional>
#include <map>

namespace patchc::opt {
namespace {

using Factory = std::function<std::unique_ptr<Pass>()>;

template <typename P>
Factory make() {
  return [] { return std::make_unique<P>(); };
}

const std::vector<std::pair<std::string, Factory>>& factories() {
  static const std::vector<std::pair<std::string, Factory>> all{
      {"dce", make<DeadCodeElimination>()},   {"denorm-elide", make<DenormElide>()},
      {"share-noise", make<ShareNoise>()},    {"const-fold", make<ConstantFolding>()},
      {"rate-infer", make<RateInference>()},  {"gain-fold", make<GainFolding>()},
      {"cse", make<CommonSubexpressionElimination>()}, {"cascade-fuse", make<CascadeFuse>()},
      {"mixdown", make<Mixdown>()},           {"fast-trig", make<FastTrig>()},
      {"exact-trig", make<ExactTrig>()},    {"noise-advice", make<NoiseAdvice>()},
      {"lane-fuse", make<LaneFusion>()},
  };
  return all;
}

}  // namespace

std::unique_ptr<Pass> createPass(const std::string& name) {
  for (const auto& [n, factory] : factories())
    if (n == name) return factory();
  return nullptr;
}

const std::vector<std::string>& passNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& [n, f] : factories()) v.push_back(n);
    return v;
  }();
  return names;
}

}  // namespace patchc::opt
