// The `patchc` driver: render, run, emit. Each subcommand is a thin layer over tools/Pipeline.h and the runtime.
#include "codegen/CodeGen.h"
#include "codegen/Jit.h"
#include "ir/Printer.h"
#include "runtime/AudioPlayer.h"
#include "runtime/FileRenderer.h"
#include "runtime/PatchInstance.h"
#include "tools/Pipeline.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <iostream>
#include <sstream>

#ifndef PATCHC_VERSION
#define PATCHC_VERSION "0.0.0"
#endif

namespace {

using namespace patchc;

// Options every subcommand that compiles shares.
struct CommonOptions {
  std::string input;
  uint32_t seed = 0;
  std::string level = "2";
  std::vector<std::string> passes, printAfter, remarks, limits;
  bool printAfterAll = false, timePasses = false;
  unsigned jobs = 0;
};

void addCommon(CLI::App& command, CommonOptions& common) {
  command.add_option("file", common.input, "The patch: a pyo script")->required();
  command.add_option("--seed", common.seed, "Seed of compile-time `random` and of noise generators")
      ->default_val(0);
  command.add_option("-O", common.level,
                     "Optimization: -O0 (the graph as written, as pyo runs it), -O1, -O2 (default: every exact "
                     "pass), -Ofast (also approximations)")
      ->check(CLI::IsMember({"0", "1", "2", "fast"}))
      ->default_val("2");
  // One value per flag, split at commas: the patch file after it is not another pass name.
  command.add_option("--passes", common.passes, "Run exactly these graph passes, in order (for tests)")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--print-after", common.printAfter, "Print the graph to stderr after this pass")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_flag("--print-after-all", common.printAfterAll, "Print the graph to stderr after every pass");
  command.add_flag("--time-passes", common.timePasses, "Print the time each graph pass took");
  command.add_option("-j,--jobs", common.jobs,
                     "Threads for LLVM's optimization and machine code (default 0: one per core)")
      ->default_val(0);
  command.add_option("--limit", common.limits,
                     "Raise or lower a compile limit, NAME=VALUE (0: none): source-bytes, steps, recursion, "
                     "collection-elements, objects, state-bytes")
      ->allow_extra_args(false);
  command.add_option("-R", common.remarks,
                     "Optimization remarks: -Rpass[=regex] (what was done), -Rpass-missed[=regex] (tips that could "
                     "not be applied, and why), -Rpass-analysis[=regex] (estimates)")
      ->allow_extra_args(false);
}

// The file's text, or a clang-style error and null.
std::unique_ptr<SourceFile> readSource(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("patchc: error: no such file or directory: '{}'\n", path);
    return nullptr;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::make_unique<SourceFile>(path, text.str());
}

// The options, or a clang-style error and nullopt for a flag that does not make sense.
std::optional<CompileOptions> compileOptions(const CommonOptions& common) {
  CompileOptions options;
  options.seed = common.seed;
  options.compileThreads = common.jobs;
  opt::parseLevel(common.level, options.optimizer.level);
  // -O0 is the script as written: no graph pass, and no LLVM optimization either.
  options.llvmOptLevel = options.optimizer.level == opt::Level::O0 ? 0 : 2;
  const auto& known = opt::passNames();
  for (const auto& lists : {&common.passes, &common.printAfter})
    for (const auto& name : *lists)
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::cerr << fmt::format("patchc: error: unknown pass '{}' (passes: {})\n", name, fmt::join(known, ", "));
        return std::nullopt;
      }
  for (const auto& assignment : common.limits)
    if (auto error = setLimit(options.limits, assignment)) {
      std::cerr << "patchc: error: " << *error << '\n';
      return std::nullopt;
    }
  options.optimizer.passes = common.passes;
  options.optimizer.printAfter = common.printAfter;
  options.optimizer.printAfterAll = common.printAfterAll;
  options.optimizer.timePasses = common.timePasses;
  for (const auto& flag : common.remarks) {
    bool ok = false;
    try {
      ok = options.optimizer.remarks.add(flag);
    } catch (const std::regex_error&) {
      std::cerr << fmt::format("patchc: error: bad pattern in -R{}\n", flag);
      return std::nullopt;
    }
    if (!ok) {
      std::cerr << fmt::format("patchc: error: unknown flag -R{}: use -Rpass, -Rpass-missed or -Rpass-analysis\n", flag);
      return std::nullopt;
    }
  }
  return options;
}

std::unique_ptr<CompiledPatch> compile(const CommonOptions& common) {
  auto options = compileOptions(common);
  if (!options) return nullptr;
  auto source = readSource(common.input);
  if (!source) return nullptr;
  Diagnostics diagnostics(std::cerr);
  return compilePatch(std::move(source), diagnostics, *options);
}

int runRender(const CommonOptions& common, const std::string& output, double seconds, const std::string& format,
              bool quiet) {
  runtime::RenderOptions options;
  options.path = output;
  options.seconds = seconds;
  options.showProgress = !quiet;
  if (!runtime::containerForPath(output)) {
    std::cerr << fmt::format("patchc: error: cannot tell the file format of '{}': use .wav, .aiff or .flac\n",
                             output);
    return 1;
  }
  if (!format.empty()) {
    auto parsed = runtime::parseSampleFormat(format);
    if (!parsed) {
      std::cerr << fmt::format("patchc: error: unknown sample format '{}': use float, 16 or 24\n", format);
      return 1;
    }
    options.format = *parsed;
  }
  auto patch = compile(common);
  if (!patch) return 1;
  runtime::PatchInstance instance(patch->abi());
  auto result = runtime::renderToFile(instance, options);
  if (!result) {
    std::cerr << "patchc: error: " << result.error << '\n';
    return 1;
  }
  if (!quiet)
    std::cout << fmt::format(
        "rendered {:.2f} s of audio to {} in {:.3f} s of CPU: {:.1f}x real time; compiled in {:.1f} ms "
        "(parse {:.1f}, elaborate {:.1f}, passes {:.1f}, codegen {:.1f}, llvm {:.1f}, jit {:.1f})\n",
        result.stats.audioSeconds, output, result.stats.processCpuSeconds, result.stats.realTimeFactor(),
        patch->times.total(), patch->times.parse, patch->times.elaborate, patch->times.passes, patch->times.codegen,
        patch->times.optimize, patch->times.jit);
  return 0;
}

int runLive(const CommonOptions& common, double seconds) {
  auto patch = compile(common);
  if (!patch) return 1;
  runtime::PatchInstance instance(patch->abi());
  runtime::PlayOptions options;
  options.seconds = seconds;
  auto result = runtime::playLive(instance, options);
  if (!result) {
    std::cerr << "patchc: error: " << result.error << '\n';
    return 1;
  }
  return 0;
}

int runEmit(const CommonOptions& common, const std::string& stage, const std::string& format) {
  auto options = compileOptions(common);
  if (!options) return 1;
  auto source = readSource(common.input);
  if (!source) return 1;
  Diagnostics diagnostics(std::cerr);
  auto module = parseSource(*source, diagnostics);
  if (!module) return 1;
  if (stage == "ast") {
    std::cout << ast::print(*module);
    return 0;
  }
  auto graph = buildGraph(*module, diagnostics, *options);
  if (!graph) return 1;
  // `graph` is the graph as the script wrote it; every later stage sees the optimized one.
  if (stage != "graph" && !optimizeGraph(*graph, diagnostics, *options)) return 1;
  if (stage == "graph" || stage == "opt") {
    std::cout << (format == "dot" ? ir::printDot(*graph) : ir::printText(*graph));
    return 0;
  }
  try {
    llvm::LLVMContext context;
    codegen::ModuleInfo info;
    auto llvmModule = codegen::buildModule(*graph, context, info);
    auto machine = codegen::hostTargetMachine();
    codegen::optimizeModule(*llvmModule, *machine, options->llvmOptLevel);
    if (stage == "llvm")
      std::cout << codegen::printModule(*llvmModule);
    else
      std::cout << codegen::emitAssembly(*llvmModule, *machine);
  } catch (const std::exception& e) {
    std::cerr << "patchc: internal compiler error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"patchc: compiles pyo patches into one fused, native audio callback"};
  app.set_version_flag("--version", std::string("patchc ") + PATCHC_VERSION);
  app.require_subcommand(1);

  CommonOptions renderCommon;
  std::string output, format;
  double seconds = 10.0;
  bool quiet = false;
  auto* render = app.add_subcommand("render", "Render a patch offline to a sound file, as fast as possible");
  addCommon(*render, renderCommon);
  render->add_option("-o,--output", output, "Output file: .wav, .aiff or .flac")->required();
  render->add_option("-d,--duration", seconds, "Seconds of audio to render")
      ->check(CLI::PositiveNumber)
      ->default_val(10.0);
  render->add_option("--format", format, "Sample format: float, 16 or 24 (default: float; 24 for .flac)");
  render->add_flag("-q,--quiet", quiet, "Print nothing on success");

  CommonOptions runCommon;
  double runSeconds = 0;
  auto* run = app.add_subcommand("run", "Play a patch live through the default audio device");
  addCommon(*run, runCommon);
  run->add_option("-d,--duration", runSeconds, "Seconds to play (default: until Ctrl-C)");

  CommonOptions emitCommon;
  std::string stage = "graph", emitFormat = "text";
  auto* emit = app.add_subcommand("emit", "Print a compiler stage's output");
  addCommon(*emit, emitCommon);
  emit->add_option("--stage", stage, "ast, graph (as written), opt (after the graph passes), llvm or asm")
      ->check(CLI::IsMember({"ast", "graph", "opt", "llvm", "asm"}))
      ->default_val("graph");
  emit->add_option("--format", emitFormat, "text or dot (Graphviz; for --stage=graph and opt)")
      ->check(CLI::IsMember({"text", "dot"}))
      ->default_val("text");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*render) return runRender(renderCommon, output, seconds, format, quiet);
    if (*run) return runLive(runCommon, runSeconds);
    if (*emit) return runEmit(emitCommon, stage, emitFormat);
  } catch (const runtime::StateAllocationFailed& e) {
    std::cerr << "patchc: error: " << e.what() << '\n';
  } catch (const std::bad_alloc&) {
    std::cerr << "patchc: error: out of memory\n";
  }
  return 1;
}
