#include "tools/Pipeline.h"

#include "runtime/MidiFile.h"

#include "codegen/ParallelCompile.h"
#include "elab/Elaborator.h"
#include "frontend/Parser.h"
#include "ir/Verifier.h"

#include <chrono>
#include <iostream>

namespace patchc {
namespace {

class Stopwatch {
 public:
  double lapMs() {
    auto now = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

runtime::PatchABI CompiledPatch::abi() const { return jit->abi(); }

std::unique_ptr<ast::Module> parseSource(const SourceFile& source, Diagnostics& diagnostics) {
  return parseModule(source, diagnostics);
}

std::unique_ptr<ir::Graph> buildGraph(const ast::Module& module, Diagnostics& diagnostics,
                                      const CompileOptions& options) {
  ElaborationOptions elaboration;
  elaboration.seed = options.seed;
  elaboration.limits = options.limits;
  elaboration.printOutput = options.printOutput;
  elaboration.namesInScope = options.namesInScope;
  elaboration.registry = options.registry ? options.registry : &Registry::builtin();
  auto graph = elaborate(module, diagnostics, elaboration);
  if (!graph) return nullptr;
  graph->registry = elaboration.registry;
  // The MIDI file the script plays into its own MIDI objects (mido's MidiFile fed to addMidiEvent): its events at
  // their frames, for the code generator to embed (PatchABI::midiSequence).
  if (!graph->scriptMidi.empty()) {
    auto& midi = graph->scriptMidi;
    midi.events.clear();
    for (const auto& bytes : midi.atStart) midi.events.push_back({0, bytes[0], bytes[1], bytes[2]});
    if (!midi.file.empty()) {
      runtime::MidiFileResult read = runtime::readMidiFile(midi.file);
      if (!read.ok()) {
        diagnostics.error(midi.origin, read.error);
        return nullptr;
      }
      for (const runtime::MidiEvent& e : runtime::midiFileEventsAtFrames(read.file, graph->server.sampleRate))
        midi.events.push_back({e.frame, e.status, e.data1, e.data2});
    }
  }
  // A broken invariant here is a compiler bug, not the user's: say so plainly.
  auto problems = ir::verify(*graph);
  if (!problems.empty()) {
    diagnostics.error({}, "internal compiler error: the graph is malformed: " + problems.front());
    return nullptr;
  }
  return graph;
}

bool optimizeGraph(ir::Graph& graph, Diagnostics& diagnostics, const CompileOptions& options) {
  try {
    opt::PassManager manager(options.optimizer, options.log ? *options.log : std::cerr);
    manager.run(graph);
  } catch (const std::exception& e) {
    diagnostics.error({}, std::string("internal compiler error: ") + e.what());
    return false;
  }
  return true;
}

bool generateCode(CompiledPatch& patch, Diagnostics& diagnostics, const CompileOptions& options) {
  Stopwatch clock;
  try {
    auto context = std::make_unique<llvm::LLVMContext>();
    // A session that keeps code between compiles wants offsets that stay put (CodeGen.h's roomToGrow).
    auto module = codegen::buildModule(*patch.graph, *context, patch.info, options.objectCache != nullptr);
    patch.times.codegen = clock.lapMs();
    auto objects = codegen::compileToObjects(std::move(module), std::move(context), options.llvmOptLevel,
                                             options.compileThreads, codegen::hostTargetMachine,
                                             options.objectCache);
    patch.times.optimize = clock.lapMs();
    if (options.objectCache) patch.parts = options.objectCache->lastParts();
    std::string error;
    patch.jit = codegen::JitPatch::link(std::move(objects), patch.info.data, error);
    patch.times.jit = clock.lapMs();
    if (!patch.jit) {
      diagnostics.error({}, "internal compiler error: the JIT failed: " + error);
      return false;
    }
  } catch (const std::exception& e) {
    diagnostics.error({}, std::string("internal compiler error: ") + e.what());
    return false;
  }
  return true;
}

std::unique_ptr<CompiledPatch> compilePatch(std::unique_ptr<SourceFile> source, Diagnostics& diagnostics,
                                            const CompileOptions& options) {
  auto patch = std::make_unique<CompiledPatch>();
  patch->source = std::move(source);
  Stopwatch clock;
  patch->ast = parseSource(*patch->source, diagnostics);
  patch->times.parse = clock.lapMs();
  if (!patch->ast) return nullptr;
  patch->graph = buildGraph(*patch->ast, diagnostics, options);
  patch->times.elaborate = clock.lapMs();
  if (!patch->graph) return nullptr;
  bool optimized = optimizeGraph(*patch->graph, diagnostics, options);
  patch->times.passes = clock.lapMs();
  if (!optimized) return nullptr;
  if (!generateCode(*patch, diagnostics, options)) return nullptr;
  return patch;
}

}  // namespace patchc
