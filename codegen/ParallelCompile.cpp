#include "codegen/ParallelCompile.h"

#include "codegen/Jit.h"

#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/ModuleSlotTracker.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <exception>
#include <set>
#include <stdexcept>
#include <thread>

namespace patchc::codegen {
namespace {

bool isKernel(const llvm::Function& fn) { return fn.getName().starts_with("patchc_"); }

// The quick tier, as a level: LLVM's -O0 pipeline (the kernels are still inlined, and they come optimized) and
// the code generator at kQuickCodeGen. See ParallelCompile.h.
constexpr int kQuickTier = -1;
constexpr llvm::CodeGenOpt::Level kQuickCodeGen = llvm::CodeGenOpt::None;

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
  if (level == kQuickTier) {
    machine->setOptLevel(kQuickCodeGen);
    machine->setFastISel(kQuickCodeGen == llvm::CodeGenOpt::None);
  }
  optimizeModule(module, *machine, std::max(level, 0));
  return emitObject(module, *machine);
}

// Adds to `into` the globals `value` reaches: the functions it calls, the variables it reads and what their
// initializers name, through constant expressions. Another unit is reached but not entered: a part only declares it.
void reach(const llvm::Value* value, const std::set<const llvm::Function*>& units,
           std::set<const llvm::GlobalValue*>& into);

void reachBody(const llvm::Function& fn, const std::set<const llvm::Function*>& units,
               std::set<const llvm::GlobalValue*>& into) {
  for (const auto& block : fn)
    for (const auto& instruction : block)
      for (const auto& operand : instruction.operands())
        if (llvm::isa<llvm::Constant>(operand)) reach(operand, units, into);
}

void reach(const llvm::Value* value, const std::set<const llvm::Function*>& units,
           std::set<const llvm::GlobalValue*>& into) {
  if (const auto* global = llvm::dyn_cast<llvm::GlobalValue>(value)) {
    if (!into.insert(global).second) return;
    if (const auto* fn = llvm::dyn_cast<llvm::Function>(global)) {
      if (!units.count(fn)) reachBody(*fn, units, into);
    } else if (const auto* variable = llvm::dyn_cast<llvm::GlobalVariable>(global)) {
      if (variable->hasInitializer()) reach(variable->getInitializer(), units, into);
    }
    return;
  }
  if (const auto* constant = llvm::dyn_cast<llvm::Constant>(value))
    for (const auto& operand : constant->operands()) reach(operand, units, into);
}

// A module of its own for `root` and what it reaches (other units only declared), with nothing else in it, as
// bitcode: the same unit compiled twice gives the same bytes, whatever else the patch holds.
llvm::SmallVector<char, 0> partBitcode(llvm::Module& module, const llvm::GlobalValue* root,
                                       const std::set<const llvm::Function*>& units) {
  std::set<const llvm::GlobalValue*> reached{root};
  if (const auto* fn = llvm::dyn_cast<llvm::Function>(root)) reachBody(*fn, units, reached);
  else if (const auto* variable = llvm::dyn_cast<llvm::GlobalVariable>(root); variable && variable->hasInitializer())
    reach(variable->getInitializer(), units, reached);
  llvm::ValueToValueMapTy map;
  auto part = llvm::CloneModule(module, map, [&](const llvm::GlobalValue* value) {
    if (const auto* fn = llvm::dyn_cast<llvm::Function>(value); fn && units.count(fn)) return value == root;
    return reached.count(value) > 0;
  });
  // What the part does not use is not part of it (its declarations would change with every other node).
  const std::string rootName = root->getName().str();
  for (bool erased = true; erased;) {
    erased = false;
    for (auto it = part->global_begin(); it != part->global_end();) {
      llvm::GlobalVariable& variable = *it++;
      if (variable.use_empty() && variable.getName() != rootName) {
        variable.eraseFromParent();
        erased = true;
      }
    }
    for (auto it = part->begin(); it != part->end();) {
      llvm::Function& fn = *it++;
      if (fn.use_empty() && fn.getName() != rootName) {
        fn.eraseFromParent();
        erased = true;
      }
    }
  }
  part->setModuleIdentifier("patch.unit");
  part->setSourceFileName("patch");
  llvm::SmallVector<char, 0> bitcode;
  llvm::raw_svector_ostream os(bitcode);
  llvm::WriteBitcodeToFile(*part, os);
  return bitcode;
}

// What decides a unit's machine code, as text: its IR, every attribute list it carries (printed IR names them
// by module-wide numbers, which are dropped here), and the definitions of the variables it reaches; kernels and
// other units by name and type. Much cheaper than the part's bitcode, and only misses need that.
std::string unitKey(const llvm::Function& fn, const std::set<const llvm::Function*>& units,
                    llvm::ModuleSlotTracker& slots) {
  std::string text;
  llvm::raw_string_ostream os(text);
  static_cast<const llvm::Value&>(fn).print(os, slots);
  std::string key;
  key.reserve(text.size() + 1024);
  // " #N" at a line's end (or before its "{"): an attribute group's number.
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + begin, end - begin);
    const bool opens = line.size() >= 2 && line.substr(line.size() - 2) == " {";
    std::string_view body = opens ? line.substr(0, line.size() - 2) : line;
    size_t hash = body.rfind(" #");
    if (hash != std::string_view::npos && hash + 2 < body.size() &&
        body.find_first_not_of("0123456789", hash + 2) == std::string_view::npos)
      body = body.substr(0, hash);
    key.append(body);
    key += opens ? " {\n" : "\n";
    begin = end + 1;
  }
  llvm::raw_string_ostream out(key);
  fn.getAttributes().print(out);
  for (const auto& block : fn)
    for (const auto& instruction : block)
      if (const auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction)) call->getAttributes().print(out);
  std::set<const llvm::GlobalValue*> reached;
  reachBody(fn, units, reached);
  std::vector<const llvm::GlobalValue*> sorted(reached.begin(), reached.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->getName() < b->getName(); });
  for (const auto* global : sorted) {
    if (llvm::isa<llvm::GlobalVariable>(global)) {
      global->print(out, slots);
    } else {
      out << global->getName() << ": ";
      global->getValueType()->print(out);
    }
    out << '\n';
  }
  out.flush();
  return key;
}

std::unique_ptr<llvm::MemoryBuffer> compileBitcode(const llvm::SmallVector<char, 0>& bitcode, int level,
                                                   const MachineFactory& makeMachine) {
  llvm::LLVMContext context;
  llvm::MemoryBufferRef ref(llvm::StringRef(bitcode.data(), bitcode.size()), "part");
  auto part = llvm::parseBitcodeFile(ref, context);
  if (!part) throw std::runtime_error("re-reading a part of the patch failed: " + llvm::toString(part.takeError()));
  return optimizeAndEmit(**part, level, makeMachine);
}

// Calls `job(i)` for every i < count, on up to `threads` threads (this one among them); rethrows the first error.
void onThreads(size_t count, unsigned threads, const std::function<void(size_t)>& job) {
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  std::atomic<size_t> next{0};
  auto work = [&](unsigned worker) {
    try {
      for (size_t i = next++; i < count; i = next++) job(i);
    } catch (...) {
      errors[worker] = std::current_exception();
    }
  };
  for (unsigned t = 1; t < threads && t < count; ++t) workers.emplace_back(work, t);
  work(0);
  for (auto& worker : workers) worker.join();
  for (auto& error : errors)
    if (error) std::rethrow_exception(error);
}

// The cached path: one part per unit, the ABI global in a part of its own. Tiered: misses at the quick tier.
std::vector<std::unique_ptr<llvm::MemoryBuffer>> compileWithCache(llvm::Module& module, int level, unsigned threads,
                                                                  const MachineFactory& makeMachine,
                                                                  ObjectCache& cache) {
  std::vector<llvm::Function*> functions = unitsOf(module);
  for (llvm::Function* fn : functions) fn->setLinkage(llvm::GlobalValue::ExternalLinkage);
  const std::set<const llvm::Function*> units(functions.begin(), functions.end());
  struct Part {
    llvm::SmallVector<char, 0> bitcode;
    std::string key;
    std::unique_ptr<llvm::MemoryBuffer> object;
  };
  const auto start = std::chrono::steady_clock::now();
  auto msSince = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  };
  std::vector<Part> parts(functions.size());
  llvm::ModuleSlotTracker slots(&module);
  std::vector<size_t> missing;
  ObjectCache::PatchParts linked;
  for (size_t p = 0; p < parts.size(); ++p) {
    // The full level's key: a quick unit is the same unit on its way there.
    parts[p].key = std::to_string(level) + "\n" + unitKey(*functions[p], units, slots);
    linked.keys.push_back(parts[p].key);
    bool quick = false;
    if ((parts[p].object = cache.find(parts[p].key, &quick))) {
      linked.quick |= quick;
    } else {
      parts[p].bitcode = partBitcode(module, functions[p], units);
      missing.push_back(p);
    }
  }
  const llvm::GlobalValue* abi = module.getNamedValue(kAbiSymbol);
  if (!abi) throw std::runtime_error("the module has no ABI global");
  Part abiPart{partBitcode(module, abi, units), {}, nullptr};
  cache.keyMilliseconds = msSince(start);
  const auto compiling = std::chrono::steady_clock::now();
  const int missLevel = cache.tiered ? kQuickTier : level;
  linked.quick |= cache.tiered && !missing.empty();
  // The units to compile, shared out between the threads; the ABI's part on this one.
  onThreads(missing.size(), threads, [&](size_t i) {
    parts[missing[i]].object = compileBitcode(parts[missing[i]].bitcode, missLevel, makeMachine);
  });
  abiPart.object = compileBitcode(abiPart.bitcode, level, makeMachine);
  cache.compileMilliseconds = msSince(compiling);

  std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects;
  for (size_t p : missing)
    cache.insert(parts[p].key, llvm::MemoryBuffer::getMemBufferCopy(parts[p].object->getBuffer(), "unit"),
                 cache.tiered ? std::move(parts[p].bitcode) : llvm::SmallVector<char, 0>{});
  linked.abi = llvm::MemoryBuffer::getMemBufferCopy(abiPart.object->getBuffer(), "abi");
  cache.endCompile(std::move(linked));
  for (auto& part : parts) objects.push_back(std::move(part.object));
  objects.push_back(std::move(abiPart.object));
  return objects;
}

}  // namespace

std::vector<std::unique_ptr<llvm::MemoryBuffer>> compileToObjects(std::unique_ptr<llvm::Module> module,
                                                                  std::unique_ptr<llvm::LLVMContext> context,
                                                                  int level, unsigned threads,
                                                                  const MachineFactory& makeMachine,
                                                                  ObjectCache* cache) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (cache) {
    auto objects = compileWithCache(*module, level, threads, makeMachine, *cache);
    module.reset();  // before its context
    return objects;
  }
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

int upgradeQuickUnits(ObjectCache& cache, int level, unsigned threads, const MachineFactory& makeMachine) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  auto units = cache.quickUnits();
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects(units.size());
  onThreads(units.size(), threads, [&](size_t i) { objects[i] = compileBitcode(units[i].second, level, makeMachine); });
  for (size_t i = 0; i < units.size(); ++i) cache.upgrade(units[i].first, std::move(objects[i]));
  return int(units.size());
}

}  // namespace patchc::codegen
