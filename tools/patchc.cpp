// The `patchc` driver: render, run, emit. Each subcommand is a thin layer over tools/Pipeline.h and the runtime.
#include "codegen/CodeGen.h"
#include "codegen/Jit.h"
#include "ir/Printer.h"
#include "runtime/AudioPlayer.h"
#include "runtime/Program.h"
#include "runtime/FileRenderer.h"
#include "runtime/PatchInstance.h"
#include "runtime/StopSignals.h"
#include "tools/ObjectsDoc.h"
#include "tools/NativeBuild.h"
#include "tools/Pipeline.h"
#include "tools/ReadSource.h"
#include "tools/Repl.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATCHC_VERSION
#define PATCHC_VERSION "0.0.0"
#endif

namespace {

using namespace patchc;

// A whole number in [0, max], checked on the text before CLI11 converts it, so that `--seed -1` reads
// "--seed: '-1' is not a whole number from 0 to 4294967295" instead of CLI11's conversion error (exit 104).
CLI::Validator wholeNumberUpTo(uint64_t max) {
  return CLI::Validator(
      [max](std::string& text) -> std::string {
        uint64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc() || end != text.data() + text.size() || value > max)
          return fmt::format("'{}' is not a whole number from 0 to {}", text, max);
        return {};
      },
      "0.." + std::to_string(max));
}

// A finite number of seconds > 0 (CLI::PositiveNumber's message prints the double range in 300 digits).
CLI::Validator positiveSeconds() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        errno = 0;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(value) || !(value > 0))
          return fmt::format("'{}' is not a positive, finite number of seconds", text);
        return {};
      },
      "SECONDS");
}

// positiveSeconds(), or 0 for "no limit" / "until stopped".
CLI::Validator secondsOrZero() {
  return CLI::Validator(
      [](std::string& text) -> std::string { return text == "0" ? std::string() : positiveSeconds()(text); },
      "SECONDS");
}

// Options every subcommand that compiles shares.
struct CommonOptions {
  std::string input;
  uint32_t seed = 0;
  std::string level = "2";
  std::vector<std::string> passes, printAfter, remarks, limits;
  bool printAfterAll = false, timePasses = false;
  unsigned jobs = 0;
};

void addCommon(CLI::App& command, CommonOptions& common, bool fileRequired = true) {
  auto* file = command.add_option("file", common.input, fileRequired ? "The patch: a pyo script"
                                                                      : "A patch to start the session from");
  if (fileRequired) file->required();
  command.add_option("--seed", common.seed, "Seed of compile-time `random` and of noise generators")
      ->check(wholeNumberUpTo(UINT32_MAX))
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
      ->check(wholeNumberUpTo(1024))
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
  options->printOutput = &std::cout;  // render and play: the script's print() as Python's, on stdout
  auto source = readSource(common.input, options->limits);
  if (!source) return nullptr;
  Diagnostics diagnostics(std::cerr);
  return compilePatch(std::move(source), diagnostics, *options);
}

// The render's settings from the command line.
struct RenderFlags {
  std::string output, format;
  std::string midi;  // --midi FILE.mid: what the patch's MIDI objects read
  std::string midiOut;  // --midi-out FILE.mid: where the MIDI messages the patch sends are written
  double seconds = 10.0;
  double maxSeconds = kDefaultMaxSeconds;  // 0: no limit
  bool quiet = false;
  static constexpr double kDefaultMaxSeconds = 3600.0;
};

// An error when `output` is the patch file itself (same device and inode, so hard links and other spellings of
// the path count too), before anything is compiled or written.
std::optional<std::string> outputIsInput(const std::string& input, const std::string& output) {
  struct stat in {}, out {};
  if (::stat(input.c_str(), &in) != 0) return std::nullopt;  // readSource reports it
  bool same = false;
  if (::stat(output.c_str(), &out) == 0) {
    same = in.st_dev == out.st_dev && in.st_ino == out.st_ino;
  } else {
    std::error_code ignored;
    same = std::filesystem::weakly_canonical(input, ignored) == std::filesystem::weakly_canonical(output, ignored);
  }
  if (!same) return std::nullopt;
  return fmt::format("the output '{}' is the patch '{}' itself; rendering would overwrite it", output, input);
}

int runRender(const CommonOptions& common, const RenderFlags& flags) {
  runtime::RenderOptions options;
  options.path = flags.output;
  options.seconds = flags.seconds;
  options.showProgress = !flags.quiet;
  auto container = runtime::containerForPath(flags.output);
  if (!container) {
    std::cerr << fmt::format(
        "patchc: error: cannot tell the file format of '{}': use .wav, .aiff, .flac, .rf64 or .w64\n", flags.output);
    return 1;
  }
  if (!flags.format.empty()) {
    auto parsed = runtime::parseSampleFormat(flags.format);
    if (!parsed) {
      std::cerr << fmt::format("patchc: error: unknown sample format '{}': use float, 16 or 24\n", flags.format);
      return 1;
    }
    options.format = *parsed;
  }
  if (flags.maxSeconds > 0 && flags.seconds > flags.maxSeconds) {
    std::cerr << fmt::format(
        "patchc: error: -d {:g} is longer than the {:g} s a render may last{}; pass --max-duration {:g} (or 0 for no "
        "limit) to render it\n",
        flags.seconds, flags.maxSeconds, flags.maxSeconds == RenderFlags::kDefaultMaxSeconds ? " by default" : "",
        flags.seconds);
    return 1;
  }
  if (auto error = outputIsInput(common.input, flags.output)) {
    std::cerr << "patchc: error: " << *error << '\n';
    return 1;
  }
  auto patch = compile(common);
  if (!patch) return 1;
  runtime::PatchInstance instance(patch->abi());
  runtime::RenderRequest request{flags.output, flags.format, flags.seconds, flags.quiet, flags.midi, flags.midiOut};
  runtime::RenderStats stats;
  if (int status = runtime::renderCommand(instance, request, "patchc", stats); status != 0) return status;
  if (!flags.quiet)
    std::cout << fmt::format(
        "rendered {:.2f} s of audio to {} in {:.3f} s of CPU: {:.1f}x real time; compiled in {:.1f} ms "
        "(parse {:.1f}, elaborate {:.1f}, passes {:.1f}, codegen {:.1f}, llvm {:.1f}, jit {:.1f})\n",
        stats.audioSeconds, flags.output, stats.processCpuSeconds, stats.realTimeFactor(),
        patch->times.total(), patch->times.parse, patch->times.elaborate, patch->times.passes, patch->times.codegen,
        patch->times.optimize, patch->times.jit);
  return 0;
}

struct RunFlags {
  double seconds = 0;
  bool simulate = false;
  int frames = 0;
  std::string midiDevice = "all";  // --midi-device: all, default or a PortMidi id
  std::string midiOutDevice = "all";  // --midi-out-device: all (or 99), default or a PortMidi id
};

int runLive(const CommonOptions& common, const RunFlags& flags) {
  const std::optional<int> midiDevice = runtime::parseMidiDevice(flags.midiDevice);
  if (!midiDevice) {
    std::cerr << "patchc: error: --midi-device must be all, default or a device id, not '" << flags.midiDevice << "'\n";
    return 1;
  }
  const std::optional<int> midiOutDevice = runtime::parseMidiDevice(flags.midiOutDevice);
  if (!midiOutDevice) {
    std::cerr << "patchc: error: --midi-out-device must be all, default or a device id, not '" << flags.midiOutDevice
              << "'\n";
    return 1;
  }
  auto patch = compile(common);
  if (!patch) return 1;
  runtime::PatchInstance instance(patch->abi());
  runtime::PlayOptions options;
  options.seconds = flags.seconds;
  options.simulate = flags.simulate;
  options.framesPerBuffer = flags.frames;
  runtime::StopSignals stopSignals;
  options.stop = runtime::StopSignals::flag();
  // The script's own MIDI (a MidiFile it plays) when it has some; else the devices.
  auto scriptMidi = runtime::attachScriptMidi(instance);
  auto midi = scriptMidi ? nullptr : runtime::openLiveMidi(instance, *midiDevice, "patchc");
  auto midiOut = runtime::openLiveMidiOut(instance, *midiOutDevice, "patchc");
  auto result = runtime::playLive(instance, options);
  runtime::closeLiveMidiOut(midiOut, "patchc");  // sends what is due and the note-offs still waiting
  instance.setMidiSource(nullptr);
  if (!result) {
    std::cerr << "patchc: error: " << result.error << '\n';
    return 1;
  }
  runtime::reportNonFinite(instance, "played as", "patchc");
  if (flags.simulate) {
    const int frames = flags.frames > 0 ? flags.frames : instance.bufferSize();
    const auto& stats = result.stats;
    std::cout << fmt::format(
        "simulated device: {} callbacks of {} frames ({:.3f} ms at {:g} Hz), {} missed deadlines ({} overruns: "
        "callbacks longer than a period; {} late wake-ups); slowest callback {:.3f} ms, worst wake-up latency "
        "{:.3f} ms{}\n",
        stats.callbacks, frames, 1e3 * frames / instance.sampleRate(), instance.sampleRate(), stats.missedDeadlines,
        stats.overruns, stats.missedDeadlines - stats.overruns, 1e3 * stats.slowestCallbackSeconds,
        1e3 * stats.worstWakeLatencySeconds,
        stats.realTimePriority ? " (SCHED_FIFO)" : " (no real-time priority: SCHED_FIFO was refused)");
  }
  return 0;
}

int runEmit(const CommonOptions& common, const std::string& stage, const std::string& format) {
  auto options = compileOptions(common);
  if (!options) return 1;
  auto source = readSource(common.input, options->limits);
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

struct BuildFlags {
  std::string output, cpu;
  bool portable = false, quiet = false;
};

int runBuild(const CommonOptions& common, const BuildFlags& flags) {
  auto options = compileOptions(common);
  if (!options) return 1;
  options->printOutput = &std::cout;
  if (auto error = outputIsInput(common.input, flags.output)) {
    std::cerr << "patchc: error: " << *error << '\n';
    return 1;
  }
  auto source = readSource(common.input, options->limits);
  if (!source) return 1;
  Diagnostics diagnostics(std::cerr);
  auto module = parseSource(*source, diagnostics);
  if (!module) return 1;
  auto graph = buildGraph(*module, diagnostics, *options);
  if (!graph || !optimizeGraph(*graph, diagnostics, *options)) return 1;
  NativeBuildOptions build;
  build.output = flags.output;
  // The baseline of x86-64: what any 64-bit x86 machine runs.
  build.cpu = flags.portable ? "x86-64" : flags.cpu;
  build.llvmOptLevel = options->llvmOptLevel;
  build.compileThreads = options->compileThreads;
  NativeBuildReport report;
  if (!buildNativeExecutable(*graph, build, report, std::cerr)) return 1;
  if (!flags.quiet)
    std::cout << fmt::format("built {} ({:.0f} KiB, for {}) in {:.0f} ms: compile {:.0f}, link {:.0f} ({})\n",
                             flags.output, double(report.bytes) / 1024.0, build.cpu.empty() ? "this CPU" : build.cpu,
                             report.compileMs + report.linkMs, report.compileMs, report.linkMs, report.driver);
  return 0;
}

int runReplCommand(const CommonOptions& common, ReplFlags flags) {
  if (flags.offline && flags.output.empty()) {
    std::cerr << "patchc: error: repl --offline needs -o FILE, the sound file to write\n";
    return 1;
  }
  if (flags.offline && !runtime::containerForPath(flags.output)) {
    std::cerr << fmt::format(
        "patchc: error: cannot tell the file format of '{}': use .wav, .aiff, .flac, .rf64 or .w64\n", flags.output);
    return 1;
  }
  if (!flags.format.empty() && !runtime::parseSampleFormat(flags.format)) {
    std::cerr << fmt::format("patchc: error: unknown sample format '{}': use float, 16 or 24\n", flags.format);
    return 1;
  }
  if (!flags.midiDevice.empty() && !runtime::parseMidiDevice(flags.midiDevice)) {
    std::cerr << "patchc: error: --midi-device must be all, default or a device id, not '" << flags.midiDevice << "'\n";
    return 1;
  }
  auto options = compileOptions(common);
  if (!options) return 1;
  flags.file = common.input;
  return runRepl(*options, flags);
}

int printObjects(const std::string& output) {
  std::string text = objectsMarkdown(Registry::builtin());
  if (output.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream file(output);
  file << text;
  if (!file.flush()) {
    std::cerr << "patchc: error: cannot write " << output << '\n';
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
  RenderFlags renderFlags;
  auto* render = app.add_subcommand("render", "Render a patch offline to a sound file, as fast as possible");
  addCommon(*render, renderCommon);
  render->add_option("-o,--output", renderFlags.output,
                     "Output file: .wav (RF64 beyond 4 GiB), .aiff, .flac, .rf64 or .w64")
      ->required();
  render->add_option("-d,--duration", renderFlags.seconds, "Seconds of audio to render")
      ->check(positiveSeconds())
      ->default_val(10.0);
  render->add_option("--max-duration", renderFlags.maxSeconds,
                     "Refuse a -d longer than this many seconds (default 3600; 0: no limit)")
      ->check(secondsOrZero())
      ->default_val(RenderFlags::kDefaultMaxSeconds);
  render->add_option("--format", renderFlags.format, "Sample format: float, 16 or 24 (default: float; 24 for .flac)");
  render->add_flag("-q,--quiet", renderFlags.quiet, "Print nothing on success");
  render->add_option("--midi", renderFlags.midi,
                     "A standard MIDI file (.mid) whose events the patch's MIDI objects (Notein, Midictl, ...) read, "
                     "each at its exact sample");
  render->add_option("--midi-out", renderFlags.midiOut,
                     "Write the MIDI messages the patch sends (Server.noteout, makenote, ctlout, ...) to this standard "
                     "MIDI file (format 0, one tick per frame), each at its exact frame");

  CommonOptions runCommon;
  RunFlags runFlags;
  auto* run = app.add_subcommand("run", "Play a patch live through the default audio device");
  addCommon(*run, runCommon);
  run->add_flag("--simulate", runFlags.simulate,
                "Play on a simulated device (no sound card needed): a real-time thread calls the patch every buffer "
                "period and counts missed deadlines");
  run->add_option("--frames", runFlags.frames, "Frames per callback (default: the patch's buffersize)")
      ->check(wholeNumberUpTo(8192));
  run->add_option("-d,--duration", runFlags.seconds, "Seconds to play (default 0: until Ctrl-C)")->check(secondsOrZero());
  run->add_option("--midi-device", runFlags.midiDevice,
                  "MIDI input for a patch with MIDI objects: all (default: every input, as pyo's "
                  "setMidiInputDevice(99)), default, or a PortMidi device id");
  run->add_option("--midi-out-device", runFlags.midiOutDevice,
                  "MIDI output for a patch that sends MIDI (Server.noteout, makenote, ...): all (default, or 99: every "
                  "output, as pyo's setMidiOutputDevice(99)), default, or a PortMidi device id");

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

  CommonOptions buildCommon;
  BuildFlags buildFlags;
  auto* build = app.add_subcommand("build", "Compile a patch into a native program that plays it live or renders "
                                            "it (PROG --help), without LLVM or patchc");
  addCommon(*build, buildCommon);
  build->add_option("-o,--output", buildFlags.output, "The program to write")->required();
  auto* cpu = build->add_option("--target-cpu", buildFlags.cpu,
                                "Compile for this CPU (LLVM's name: x86-64-v3, znver4, ...; default: this machine's)");
  build->add_flag("--portable", buildFlags.portable, "Compile for any x86-64 machine (the baseline CPU)")->excludes(cpu);
  build->add_flag("-q,--quiet", buildFlags.quiet, "Print nothing on success");

  CommonOptions replCommon;
  ReplFlags replFlags;
  auto* repl = app.add_subcommand("repl", "Live coding: each statement typed changes the playing patch, which keeps "
                                          "the state of what it still has and crossfades the rest");
  addCommon(*repl, replCommon, false);
  repl->add_flag("--simulate", replFlags.simulate, "Play on the simulated device (no sound card needed)");
  repl->add_option("--device", replFlags.device, "PortAudio output device (patchc build's PROG --list-devices)")
      ->check(wholeNumberUpTo(4096));
  auto* script = repl->add_option("--script", replFlags.script,
                                  "Read statements and :commands from this file instead of the terminal");
  auto* offline = repl->add_flag("--offline", replFlags.offline,
                                 "Run the --script against a virtual clock (':wait SECONDS' renders) into -o")
                      ->needs(script);
  repl->add_option("-o,--output", replFlags.output, "--offline: the sound file to write")->needs(offline);
  repl->add_option("--format", replFlags.format, "--offline: sample format float, 16 or 24")->needs(offline);
  repl->add_option("--fade", replFlags.fadeMilliseconds, "Crossfade of each swap, in milliseconds (default 5)")
      ->check(CLI::Range(0.0, 1000.0))
      ->default_val(5.0);
  auto* replMidi = repl->add_option("--midi", replFlags.midi,
                                    "A standard MIDI file (.mid) the session's MIDI objects read, from the session's "
                                    "start on its clock (--offline: each event at its exact sample)");
  repl->add_option("--midi-device", replFlags.midiDevice,
                   "Live MIDI input for the session's MIDI objects: all (every input), default, or a PortMidi device "
                   "id")
      ->excludes(replMidi)
      ->excludes(offline);
  repl->add_flag("--timings", replFlags.timings, "Print each edit's compile time and when it was heard");
  repl->add_flag("-q,--quiet", replFlags.quiet, "No banner");
  repl->add_flag("!--no-code-cache", replFlags.reuseCode,
                 "Compile the whole patch at every edit instead of reusing the code of what the edit left as it was");
  repl->add_flag("!--no-tiered-compile", replFlags.tiered,
                 "Compile what an edit changed at the full level before playing it, instead of quick code first "
                 "and the full level's swapped in when ready (--offline always does)");

  std::string objectsOutput;
  auto* objects = app.add_subcommand("objects", "Print the objects patchc compiles, their arguments and how they "
                                                "differ from pyo, as Markdown");
  objects->add_option("-o,--output", objectsOutput, "Write to this file instead of standard output");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Every bad command line is one line and status 1, like every other error (CLI11's own codes are 100+).
    std::cerr << "patchc: error: " << e.what() << " (see patchc --help)\n";
    return 1;
  }
  try {
    if (*render) return runRender(renderCommon, renderFlags);
    if (*run) return runLive(runCommon, runFlags);
    if (*emit) return runEmit(emitCommon, stage, emitFormat);
    if (*build) return runBuild(buildCommon, buildFlags);
    if (*objects) return printObjects(objectsOutput);
    if (*repl) return runReplCommand(replCommon, replFlags);
  } catch (const runtime::StateAllocationFailed& e) {
    std::cerr << "patchc: error: " << e.what() << '\n';
  } catch (const std::bad_alloc&) {
    std::cerr << "patchc: error: out of memory\n";
  }
  return 1;
}
