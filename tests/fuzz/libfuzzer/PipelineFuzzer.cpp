// libFuzzer target of the whole pipeline from text (issue 7): parse, elaborate, optimize at -O2 (and at -O0),
// generate LLVM IR, JIT-compile and run a few blocks. Any crash, sanitizer report, uncaught exception or hang is
// a bug; a diagnostic is the expected answer to bad input.
//
// Throughput: the front end and the graph passes take microseconds to a millisecond, building the LLVM module a few
// milliseconds, LLVM's -O2 and machine code tens to hundreds (more under a sanitizer on a busy machine). LLVM is not
// instrumented, so compiling with it adds no coverage, only the chance of a crash in it or in the generated code.
// So every input goes through the front end and both graph pipelines; an -O2 graph that is small (kSmallGraph*)
// is turned into an LLVM module (and verified); one small graph in kJitEvery is also compiled on one thread,
// JIT-linked and run. The -O0 graph takes the same path for one input in kUnoptimizedEvery. The choice is a hash
// of the input, so an input always takes the same path. The limits are far below the driver's so that no input
// runs for seconds.
//
// Built twice from this file: with -fsanitize=fuzzer (PATCHC_FUZZ=ON, tests/fuzz/libfuzzer/CMakeLists.txt) and,
// in every build, with ReplayMain.cpp, which runs saved inputs (the crash regressions) through the same code.
#include "codegen/ParallelCompile.h"
#include "runtime/FileRenderer.h"
#include "runtime/PatchInstance.h"
#include "tools/Pipeline.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace {

using namespace patchc;

// Inputs longer than this are skipped: libFuzzer's -max_len keeps them rare, and the lexer's cost in a token's
// length is limits-lang's to bound, not something to find again here.
constexpr size_t kMaxInputBytes = 16 * 1024;
// Graphs turned into LLVM IR: at most this many nodes and lanes in all.
constexpr size_t kSmallGraphNodes = 32;
constexpr size_t kSmallGraphLanes = 256;
// One small graph in this many (by the input's hash) is also compiled, JIT-linked and run.
constexpr size_t kJitEvery = 8;
// One input in this many also goes on from its -O0 graph (the same path as the -O2 one).
constexpr size_t kUnoptimizedEvery = 4;
// Server(nchnls=...) outputs rendered; more are compiled but not run (the render's buffers are the test's).
constexpr int kMaxRenderedChannels = 64;
// Frames run: a few blocks, plus a partial one so PatchInstance's partial-block path runs too.
constexpr int64_t kRenderedFrames = 3 * 64 + 17;

CompileLimits fuzzLimits() {
  CompileLimits limits;
  limits.sourceBytes = kMaxInputBytes;
  limits.steps = 50'000;
  limits.recursion = 40;  // below the depth where a long expression per level overflows the stack (limits-lang)
  limits.collectionElements = 20'000;
  limits.objects = 2'000;
  limits.stateBytes = 16ull << 20;
  return limits;
}

// A compiler bug (an internal error, not a diagnostic about the input): say what it was, then crash so that
// libFuzzer keeps the input.
[[noreturn]] void internalError(const std::string& what) {
  std::fprintf(stderr, "PipelineFuzzer: internal compiler error: %s\n", what.c_str());
  std::abort();
}

size_t totalLanes(const ir::Graph& graph) {
  size_t lanes = 0;
  for (const auto& node : graph.nodes()) lanes += size_t(node.lanes);
  return lanes;
}

// Generates the LLVM module of an optimized graph, as compilePatch does; when `run`, also compiles it on one thread,
// JIT-links it and runs a few blocks, as `patchc render` does.
void generateCode(std::unique_ptr<ir::Graph> graph, const CompileOptions& options, bool run) try {
  CompiledPatch patch;
  patch.graph = std::move(graph);
  auto context = std::make_unique<llvm::LLVMContext>();
  auto module = codegen::buildModule(*patch.graph, *context, patch.info);  // verifies the module
  if (!run) return;
  auto objects = codegen::compileToObjects(std::move(module), std::move(context), options.llvmOptLevel,
                                           options.compileThreads);
  std::string error;
  patch.jit = codegen::JitPatch::link(std::move(objects), patch.info.data, error);
  if (!patch.jit) internalError("the JIT failed: " + error);
  if (patch.graph->server.channels > kMaxRenderedChannels) return;
  runtime::PatchInstance instance(patch.abi());
  auto samples = runtime::renderToBuffer(instance, kRenderedFrames);
  (void)samples;
} catch (const std::exception& e) {
  internalError(e.what());
}

bool isSmall(const ir::Graph& graph) {
  return graph.size() <= kSmallGraphNodes && totalLanes(graph) <= kSmallGraphLanes;
}

// Runs the optimizer; a pass that throws (a malformed graph, no fixed point) is a compiler bug.
void optimize(ir::Graph& graph, Diagnostics& diagnostics, CompileOptions& options, opt::Level level) {
  options.optimizer.level = level;
  if (!optimizeGraph(graph, diagnostics, options)) internalError(diagnostics.all().back().message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return -1;  // -1: not added to the corpus
  std::string text(reinterpret_cast<const char*>(data), size);
  const size_t hash = std::hash<std::string_view>{}(text);

  std::ostream discard(nullptr);  // diagnostics are formatted (that code is fuzzed too) but not printed
  Diagnostics diagnostics(discard);
  CompileOptions options;
  options.limits = fuzzLimits();
  options.compileThreads = 1;
  options.log = &discard;

  SourceFile source("fuzz.patch", std::move(text));
  auto ast = parseSource(source, diagnostics);
  if (!ast) return 0;
  auto graph = buildGraph(*ast, diagnostics, options);
  if (!graph) return 0;

  auto unoptimized = std::make_unique<ir::Graph>(*graph);
  optimize(*unoptimized, diagnostics, options, opt::Level::O0);
  optimize(*graph, diagnostics, options, opt::Level::O2);

  const bool run = hash / kUnoptimizedEvery % kJitEvery == 0;
  if (isSmall(*graph)) generateCode(std::move(graph), options, run);
  if (hash % kUnoptimizedEvery == 0 && isSmall(*unoptimized)) generateCode(std::move(unoptimized), options, run);
  return 0;
}
