#include "codegen/ParallelCompile.h"

#include "codegen/Jit.h"

#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/IR/Instructions.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <algorithm>
#include <exception>
#include <set>
#include <stdexcept>
#include <thread>

namespace patchc::codegen {
namespace {

bool isKernel(const llvm::Function& fn) { return fn.getName().starts_with("patchc_"); }

// The functions the generated code defines (patch_init, patch_process, one per node): the units shared out.
std::vector<llvm::Function*> unitsOf(llvm::Module& module) {
  std::vector<llvm::Function*> units;
  for (auto& fn : module)
    if (!fn.isDeclaration() && !isKernel(fn)) units.push_back(&fn);
  return units;
}

// Instructions in `fn` and in the kernels it calls (inlined later), not in other units it calls: what LLVM
// will chew on for it, roughly.
size_t weightOf(const llvm::Function& fn, std::set<const llvm::Function*>& seen) {
  if (!seen.insert(&fn).second || fn.isDeclaration()) return 0;
  size_t weight = fn.getInstructionCount();
  for (const auto& block : fn)
    for (const auto& instruction : block)
      if (const auto* call = llvm::dyn_cast<llvm::CallInst>(&instruction))
        if (const llvm::Function* callee = call->getCalledFunction(); callee && isKernel(*callee))
          weight += weightOf(*callee, seen);
  return weight;
}

// Parts by weight, heaviest unit first into the lightest part (greedy); no empty parts.
std::vector<std::vector<llvm::Function*>> partition(llvm::Module& module, unsigned parts) {
  std::vector<std::pair<size_t, llvm::Function*>> weighted;
  for (llvm::Function* fn : unitsOf(module)) {
    std::set<const llvm::Function*> seen;
    weighted.push_back({weightOf(*fn, seen), fn});
  }
  std::stable_sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::vector<llvm::Function*>> result(parts);
  std::vector<size_t> load(parts, 0);
  for (const auto& [weight, fn] : weighted) {
    size_t lightest = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    result[lightest].push_back(fn);
    load[lightest] += weight;
  }
  result.erase(std::remove_if(result.begin(), result.end(), [](const auto& p) { return p.empty(); }), result.end());
  return result;
}

std::unique_ptr<llvm::MemoryBuffer> optimizeAndEmit(llvm::Module& module, int level, const MachineFactory& makeMachine) {
  auto machine = makeMachine();
  optimizeModule(module, *machine, level);
  return emitObject(module, *machine);
}

}  // namespace

std::vector<std::unique_ptr<llvm::MemoryBuffer>> compileToObjects(std::unique_ptr<llvm::Module> module,
                                                                  std::unique_ptr<llvm::LLVMContext> context,
                                                                  int level, unsigned threads,
                                                                  const MachineFactory& makeMachine) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  auto parts = partition(*module, threads);
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects(parts.size());
  if (parts.size() <= 1) {
    objects[0] = optimizeAndEmit(*module, level, makeMachine);
    module.reset();  // before its context
    return objects;
  }
  // Units called from another part are linked by name: make them external (their names are unique).
  for (llvm::Function* fn : unitsOf(*module)) fn->setLinkage(llvm::GlobalValue::ExternalLinkage);
  // Parts 1.. leave as bitcode for their threads, each with its units, every kernel (unused ones are dropped
  // when optimizing) and a private copy of every constant; part 0 stays in this context with the rest deleted.
  std::vector<llvm::SmallVector<char, 0>> bitcode(parts.size());
  for (size_t p = 1; p < parts.size(); ++p) {
    std::set<const llvm::Function*> mine(parts[p].begin(), parts[p].end());
    llvm::ValueToValueMapTy map;
    // The ABI global is part 0's alone (one definition of an exported name).
    auto part = llvm::CloneModule(*module, map, [&](const llvm::GlobalValue* value) {
      const auto* fn = llvm::dyn_cast<llvm::Function>(value);
      if (!fn) return value->getName() != kAbiSymbol;
      return isKernel(*fn) || mine.count(fn) > 0;
    });
    part->setModuleIdentifier(module->getModuleIdentifier() + ".part" + std::to_string(p));
    llvm::raw_svector_ostream os(bitcode[p]);
    llvm::WriteBitcodeToFile(*part, os);
  }
  for (size_t p = 1; p < parts.size(); ++p)
    for (llvm::Function* fn : parts[p]) fn->deleteBody();

  std::vector<std::exception_ptr> errors(parts.size());
  std::vector<std::thread> workers;
  for (size_t p = 1; p < parts.size(); ++p) {
    workers.emplace_back([&, p] {
      try {
        llvm::LLVMContext partContext;
        llvm::MemoryBufferRef ref(llvm::StringRef(bitcode[p].data(), bitcode[p].size()), "part");
        auto part = llvm::parseBitcodeFile(ref, partContext);
        if (!part) throw std::runtime_error("re-reading a part of the patch failed: " + llvm::toString(part.takeError()));
        objects[p] = optimizeAndEmit(**part, level, makeMachine);
      } catch (...) {
        errors[p] = std::current_exception();
      }
    });
  }
  try {
    objects[0] = optimizeAndEmit(*module, level, makeMachine);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& worker : workers) worker.join();
  module.reset();  // before its context
  for (auto& error : errors)
    if (error) std::rethrow_exception(error);
  return objects;
}

}  // namespace patchc::codegen
