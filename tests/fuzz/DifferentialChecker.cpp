#include "tests/fuzz/DifferentialChecker.h"

#include "ir/Printer.h"
#include "optimizer/GraphQueries.h"
#include "optimizer/Pass.h"
#include "runtime/FileRenderer.h"
#include "runtime/MidiSource.h"
#include "runtime/PatchInstance.h"
#include "runtime/MidiOutput.h"
#include "runtime/Reports.h"
#include "stdlib/Registry.h"
#include "tools/Pipeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace patchc::fuzz {
namespace {

bool approximatingPass(const std::string& name) { return name == "share-noise" || name == "fast-trig"; }

CompileOptions compileOptions(const opt::PipelineOptions& pipeline, uint32_t seed, std::ostream& log) {
  CompileOptions o;
  o.seed = seed;
  o.compileThreads = 1;  // the fuzzer shares the machine; one thread gives the same samples (ParallelCompile.h)
  o.optimizer = pipeline;
  o.log = &log;
  return o;
}

// The optimized graph as text, without code generation: equal text means the variant compiles the reference's
// code, so it need not be rendered. nullopt with `error` when the compile stops.
std::optional<std::string> optimizedGraph(const std::string& text, const CompileOptions& options, std::string& error,
                                          std::unique_ptr<ir::Graph>* keep = nullptr,
                                          const std::function<void(ir::Graph&)>& change = {}) {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  SourceFile source("fuzz.patch", text);
  auto ast = parseSource(source, diagnostics);
  std::unique_ptr<ir::Graph> graph;
  if (ast) graph = buildGraph(*ast, diagnostics, options);
  if (!graph || !optimizeGraph(*graph, diagnostics, options)) {
    error = messages.str();
    return std::nullopt;
  }
  if (change) change(*graph);
  std::string printed = ir::printText(*graph);
  if (keep) *keep = std::move(graph);
  return printed;
}

// One report the patch queued (pyo's Print, print() in a callback): its format, frame and numbers.
struct Report {
  std::string format;
  int64_t frame = 0;
  std::vector<double> values;
};

struct Rendered {
  std::vector<std::vector<float>> channels;
  std::vector<Report> reports;
  uint32_t droppedReports = 0;  // the queue holds ReportQueue::kCapacity; the render is one call that never drains
  std::string error;
  // The runtime replaced a block that held a NaN or an infinity by silence (PatchInstance::nonFinite): the samples
  // are finite, but the patch's were not.
  bool muted = false;
};

// Two rounding-sized changes of every node's output, like the reorderings the exact passes make. A patch that
// moves beyond a fraction of the tolerance under either amplifies rounding (chaos, biquads at their 1 Hz clamp, a
// slow allpass of a constant) and cannot tell a miscompile of that size from rounding. Both are needed: rounding
// of a constant or slow signal is a bias, which only changed values move (Nudge); rounding of a moving signal is
// noise, which only a changed sequence moves (Dither).
enum class Perturbation {
  // Every constant of a signal input (freq, q, mul, add, ...) moves by a few units in the last place (a factor
  // 1 ± 2^-22, a hash of the node, input, lane and salt choosing where in that range): const-fold's compile-time
  // arithmetic moves constants that much, and a filter's coefficients at a low corner amplify it (a float ButLP
  // at 5 Hz is 3e-3 of its peak away from exact arithmetic). One ulp is not enough: the rounding bias of a
  // recursive filter of a constant hardly changes under it.
  Nudge,
  Dither,  // a constant `mul` c becomes a white noise between c·(1 - 2^-23) and c·(1 + 2^-23)
};

void perturbRounding(ir::Graph& graph, Perturbation how, uint32_t salt) {
  const ObjectSpec* noise = Registry::builtin().find("Noise");
  const size_t written = graph.size();
  // What the control program watches (a TrigFunc's triggers, a Score's integers) is compared exactly (== 1, a new
  // integer): a dithered trigger is no trigger. Those nodes and the Params handlers write keep their `mul`.
  std::vector<bool> keepMul(written, false);
  for (size_t id = 0; id < written; ++id) {
    const ir::Node& node = graph.node(id);
    if (node.holdsControlValue()) keepMul[id] = true;
    if (!node.isWatched()) continue;
    keepMul[id] = true;
    for (const auto& input : node.inputs)
      for (const auto& lane : input.lanes)
        if (!lane.isConstant() && lane.node < written) keepMul[lane.node] = true;
  }
  for (size_t id = 0; id < written; ++id) {
    if (how == Perturbation::Nudge) {
      ir::Node& node = graph.node(id);
      for (size_t i = 0; i < node.inputs.size(); ++i) {
        // Signal inputs only: a Constant sizes state or picks a mode (`type=1`), an Array's constant is a length.
        if (node.spec && i < node.spec->inputs.size()) {
          const auto& input = node.spec->inputs[i];
          if (input.hidden || (input.kind != InputKind::Audio && input.kind != InputKind::Signal)) continue;
        } else if (!node.spec && i < node.mulIndex()) {
          continue;  // a Mix's sources
        }
        for (size_t lane = 0; lane < node.inputs[i].lanes.size(); ++lane) {
          auto& source = node.inputs[i].lanes[lane];
          if (!source.isConstant() || source.value == 0.0f) continue;
          uint64_t h = ((uint64_t(id) << 32) ^ (uint64_t(i) << 16) ^ lane ^ (uint64_t(salt) << 56)) *
                       0x9E3779B97F4A7C15ull;
          double r = double(h >> 11) * 0x1p-53 * 2.0 - 1.0;  // in [-1, 1)
          source.value = static_cast<float>(double(source.value) * (1.0 + r * 0x1p-22));
        }
      }
      continue;
    }
    const auto& mul = graph.node(id).inputs[graph.node(id).mulIndex()];
    if (!mul.isConstant() || keepMul[id]) continue;
    ir::Signal scale, offset;
    for (const auto& lane : mul.lanes) {
      scale.lanes.push_back(ir::LaneSource::constant(lane.value * 0x1p-23f));
      offset.lanes.push_back(lane);
    }
    const int width = mul.width();  // `mul` dangles once a node is added
    ir::Node& dither = graph.add(ir::NodeKind::Object, noise, width, graph.node(id).origin);
    dither.seedIndex = static_cast<ir::NodeId>(1'000'000 + id);  // the script's noises keep their seeds
    dither.inputs = {scale, offset};
    graph.updateShape(dither);
    ir::NodeId ditherId = dither.id;
    graph.inputsChanged(ditherId);
    ir::Node& node = graph.node(id);
    ir::Signal dithered;
    for (int lane = 0; lane < width; ++lane) dithered.lanes.push_back(ir::LaneSource::of(ditherId, lane));
    node.inputs[node.mulIndex()] = dithered;
    graph.updateShape(node);
    graph.inputsChanged(static_cast<ir::NodeId>(id));
  }
}

// What the MIDI objects of every fuzzed patch read (the same for every variant): notes that overlap, share a frame
// and steal voices, controllers 0 to 9, pitch bends and channel pressure, on channels 1 and 2, within the first
// 8192 frames (the default render), some on a block's first frame and some inside one.
const std::vector<runtime::MidiEvent>& fuzzMidiEvents() {
  static const std::vector<runtime::MidiEvent> events = [] {
    std::vector<runtime::MidiEvent> e;
    auto add = [&](int64_t frame, uint8_t status, uint8_t d1, uint8_t d2) { e.push_back({frame, status, d1, d2}); };
    const uint8_t notes[] = {60, 64, 67, 72, 48, 55, 79, 62, 65, 69, 71, 74};
    for (int k = 0; k < 12; ++k) {
      const int64_t on = 37 + 397 * k;
      add(on, uint8_t(0x90 | (k % 2)), notes[k], uint8_t(40 + 7 * k));
      add(on + 1500 + 61 * k, k % 3 ? 0x80 : 0x90, notes[k], 0);
    }
    add(2048, 0x90, 50, 90);  // two notes on one frame
    add(2048, 0x90, 52, 91);
    for (int k = 0; k < 30; ++k) add(100 + 263 * k, uint8_t(0xB0 | (k % 2)), uint8_t(k % 10), uint8_t((k * 37) % 128));
    for (int k = 0; k < 8; ++k) add(300 + 900 * k, 0xE0, uint8_t((k * 53) % 128), uint8_t((k * 29) % 128));
    for (int k = 0; k < 5; ++k) add(700 + 1400 * k, 0xD0, uint8_t(20 + 21 * k), 0);
    std::stable_sort(e.begin(), e.end(), [](const auto& a, const auto& b) { return a.frame < b.frame; });
    return e;
  }();
  return events;
}

// The patch compiled with `options`, its optimized graph changed by `change` if given (a perturbation, a test's
// deliberate miscompile), rendered for `frames` samples per channel.
Rendered render(const std::string& text, const CompileOptions& options, int64_t frames,
                const std::function<void(ir::Graph&)>& change = {}) {
  Rendered out;
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  try {
    SourceFile source("fuzz.patch", text);
    auto ast = parseSource(source, diagnostics);
    CompiledPatch patch;
    if (ast) patch.graph = buildGraph(*ast, diagnostics, options);
    if (!patch.graph || !optimizeGraph(*patch.graph, diagnostics, options)) {
      out.error = messages.str();
      return out;
    }
    if (change) change(*patch.graph);
    if (!generateCode(patch, diagnostics, options)) {
      out.error = messages.str();
      return out;
    }
    runtime::PatchInstance instance(patch.abi());
    runtime::MidiFileSource midi(fuzzMidiEvents());
    instance.setMidiSource(&midi);
    out.channels = runtime::renderToBuffer(instance, frames);
    instance.setMidiSource(nullptr);
    out.muted = static_cast<bool>(instance.nonFinite());
    // What it printed, as tests/audio/PatchRender.h reads it.
    const runtime::PatchABI& abi = instance.abi();
    if (abi.reportQueue != runtime::PatchABI::kNoReports) {
      auto* queue = reinterpret_cast<runtime::ReportQueue*>(static_cast<char*>(instance.state()) + abi.reportQueue);
      queue->drain([&](const runtime::ReportQueue::Entry& e) {
        Report r;
        r.format = e.message >= 0 && e.message < abi.reportFormatCount ? abi.reportFormats[e.message] : "?";
        r.frame = e.frame;
        r.values.assign(e.values, e.values + e.count);
        out.reports.push_back(std::move(r));
      });
      out.droppedReports = queue->dropped.load();
    }
    // The MIDI messages it sent (Server.noteout, makenote, ...), compared as reports: bytes and frames exact.
    std::vector<runtime::MidiEvent> sent;
    runtime::takeMidiOut(instance, sent);
    for (const runtime::MidiEvent& e : sent) {
      Report r;
      r.format = std::string("MIDI out ") + char(runtime::kReportPythonInt) + " " + char(runtime::kReportPythonInt) +
                 " " + char(runtime::kReportPythonInt);
      r.frame = e.frame;
      r.values = {double(e.status), double(e.data1), double(e.data2)};
      out.reports.push_back(std::move(r));
    }
    out.droppedReports += runtime::takeMidiOutDropped(instance);
  } catch (const std::exception& e) {
    out.error = std::string("exception: ") + e.what();
  }
  return out;
}

double peakOf(const std::vector<std::vector<float>>& channels, bool& finite) {
  double peak = 0;
  finite = true;
  for (const auto& ch : channels)
    for (float x : ch) {
      if (!std::isfinite(x)) finite = false;
      else peak = std::max(peak, double(std::fabs(x)));
    }
  return peak;
}

// The largest difference, or nullopt when every sample is within the tolerance.
std::optional<Difference> compare(const std::vector<std::vector<float>>& expected,
                                  const std::vector<std::vector<float>>& actual, double tolerance, double peak) {
  std::optional<Difference> worst;
  if (expected.size() != actual.size()) {
    Difference d;
    d.what = fmt::format("{} channels instead of {}", actual.size(), expected.size());
    return d;
  }
  for (size_t c = 0; c < expected.size(); ++c)
    for (size_t i = 0; i < expected[c].size(); ++i) {
      double e = expected[c][i], a = actual[c][i];
      double size = std::isfinite(a) ? std::fabs(e - a) : INFINITY;
      if (size > tolerance && (!worst || size > worst->size)) {
        worst = Difference{};
        worst->what = std::isfinite(a) ? "samples differ" : "non-finite samples";
        worst->channel = static_cast<int>(c);
        worst->frame = static_cast<int64_t>(i);
        worst->expected = expected[c][i];
        worst->actual = actual[c][i];
        worst->size = size;
        worst->tolerance = tolerance;
        worst->peak = peak;
      }
    }
  return worst;
}

// A report's text as the runtime would print it (for messages).
std::string reportText(const Report& r) {
  runtime::ReportQueue::Entry e{};
  e.count = static_cast<int32_t>(std::min<size_t>(r.values.size(), runtime::ReportQueue::kMaxValues));
  for (int i = 0; i < e.count; ++i) e.values[i] = r.values[static_cast<size_t>(i)];
  std::string line = runtime::formatReport(r.format.c_str(), e);
  for (auto& ch : line)
    if (static_cast<unsigned char>(ch) < 0x20) ch = '?';
  return line;
}

// The first report that differs: another count, message or frame, or a number beyond the tolerance. A number's
// tolerance is relative to the largest number the reference reported with the same message (a Print of a
// signal compares like that signal's samples), plus the floor.
std::optional<Difference> compareReports(const Rendered& expected, const Rendered& actual, double relative,
                                         double absolute) {
  std::map<std::string, double> scale;
  for (const auto& r : expected.reports)
    for (double v : r.values)
      if (std::isfinite(v)) scale[r.format] = std::max(scale[r.format], std::fabs(v));
  auto differ = [](std::string what, int64_t frame) {
    Difference d;
    d.what = std::move(what);
    d.frame = frame;
    d.report = true;
    return d;
  };
  const size_t n = std::min(expected.reports.size(), actual.reports.size());
  for (size_t i = 0; i < n; ++i) {
    const Report &e = expected.reports[i], &a = actual.reports[i];
    bool same = e.format == a.format && e.frame == a.frame && e.values.size() == a.values.size();
    double size = 0, tolerance = 0;
    for (size_t k = 0; same && k < e.values.size(); ++k) {
      double t = relative * scale[e.format] + absolute;
      double d = std::fabs(e.values[k] - a.values[k]);
      bool bothNaN = std::isnan(e.values[k]) && std::isnan(a.values[k]);
      if (!bothNaN && !(d <= t) && e.values[k] != a.values[k]) {
        same = false;
        size = d;
        tolerance = t;
      }
    }
    if (!same) {
      auto d = differ(fmt::format("report {} differs: \"{}\" at frame {} instead of \"{}\" at frame {}", i,
                                  reportText(a), a.frame, reportText(e), e.frame),
                      e.frame);
      d.size = size;
      d.tolerance = tolerance;
      return d;
    }
  }
  if (expected.reports.size() != actual.reports.size() || expected.droppedReports != actual.droppedReports) {
    int64_t frame = n < expected.reports.size() ? expected.reports[n].frame
                    : n < actual.reports.size() ? actual.reports[n].frame
                                                : -1;
    return differ(fmt::format("{} reports ({} dropped) instead of {} ({} dropped){}", actual.reports.size(),
                              actual.droppedReports, expected.reports.size(), expected.droppedReports,
                              n < expected.reports.size()   ? fmt::format(", missing \"{}\"", reportText(expected.reports[n]))
                              : n < actual.reports.size() ? fmt::format(", extra \"{}\"", reportText(actual.reports[n]))
                                                            : ""),
                  frame);
  }
  return std::nullopt;
}

}  // namespace

std::vector<Variant> allVariants() {
  std::vector<Variant> variants;
  for (const auto& pass : opt::passNames()) {
    if (approximatingPass(pass)) continue;
    Variant v;
    v.name = pass;
    v.pipeline.passes = {pass};
    variants.push_back(std::move(v));
  }
  for (auto [name, level] : {std::pair{"-O1", opt::Level::O1}, std::pair{"-O2", opt::Level::O2},
                             std::pair{"-Ofast", opt::Level::Ofast}}) {
    Variant v;
    v.name = name;
    v.pipeline.level = level;
    v.approximates = level == opt::Level::Ofast;
    variants.push_back(std::move(v));
  }
  Variant quick;
  quick.name = "quick-tier";
  quick.pipeline.level = opt::Level::O2;
  quick.quickTier = true;
  variants.push_back(std::move(quick));
  return variants;
}

Variant variantNamed(const std::string& name) {
  for (auto& v : allVariants())
    if (v.name == name) return v;
  throw std::invalid_argument("no variant named " + name);
}

std::string Difference::describe() const {
  if (report) return fmt::format("{}: {}", variant, what);
  if (channel < 0) return fmt::format("{}: {}", variant, what);
  return fmt::format("{}: {} on channel {} at frame {}: {:.9g} instead of {:.9g} (difference {:.3g}, tolerance "
                     "{:.3g}, reference peak {:.3g})",
                     variant, what, channel, frame, actual, expected, size, tolerance, peak);
}

bool isInternalCompilerError(const std::string& message) {
  return message.find("internal compiler error") != std::string::npos;
}

CheckResult DifferentialChecker::check(const std::string& text, const std::vector<Variant>& variants) const {
  CheckResult result;
  std::ostringstream log;  // remarks and --print-after of the variants: not wanted here
  opt::PipelineOptions asWritten;
  asWritten.level = opt::Level::O0;
  std::string error;
  std::unique_ptr<ir::Graph> writtenGraph;
  // The patch as written does not compile: refused (Rejected), or a crash of the compiler (a difference).
  auto notCompiled = [&](const std::string& message) {
    result.message = message;
    if (!isInternalCompilerError(message)) {
      result.status = CheckResult::Status::Rejected;
      return;
    }
    result.status = CheckResult::Status::Different;
    Difference d;
    d.variant = kAsWritten;
    d.what = "does not compile as written: " + message;
    result.differences.push_back(d);
  };
  auto written = optimizedGraph(text, compileOptions(asWritten, options_.seed, log), error, &writtenGraph);
  if (!written) {
    notCompiled(error);
    return result;
  }
  std::optional<Rendered> reference;  // rendered only when some variant changed the graph
  double peak = 0;
  auto renderReference = [&]() -> bool {
    if (!reference) {
      reference = render(text, compileOptions(asWritten, options_.seed, log), options_.frames);
      bool finite = true;
      peak = peakOf(reference->channels, finite);
      // A block muted by the runtime hides non-finite samples: x·0 of an infinite x, which an exact pass may
      // remove as 0, made the block NaN (found with Exp of Notein's pitch in Hz).
      finite = finite && !reference->muted;
      if (!reference->error.empty()) {
        notCompiled(reference->error);
        return false;
      } else if (!finite || peak > options_.unstablePeak) {
        result.status = CheckResult::Status::Unstable;
        result.message = fmt::format("the reference is {}", finite ? "louder than the bound" : "not finite");
      }
    }
    return result.status == CheckResult::Status::Equal || result.status == CheckResult::Status::Different;
  };

  for (const auto& variant : variants) {
    CompileOptions options = compileOptions(variant.pipeline, options_.seed, log);
    codegen::ObjectCache quickCode;
    if (variant.quickTier) {
      quickCode.tiered = true;
      options.objectCache = &quickCode;
    }
    auto optimized = optimizedGraph(text, options, error, nullptr, options_.sabotage);
    if (!optimized) {
      Difference d;
      d.variant = variant.name;
      d.what = "does not compile: " + error;
      result.differences.push_back(d);
      continue;
    }
    const Rendered* expected = nullptr;
    std::optional<Rendered> approximated;
    if (!renderReference()) return result;
    expected = &*reference;
    if (variant.approximates) {
      // -Ofast's reference: the script as written with its approximations. const-fold (exact, checked alone and
      // in -O2) runs first, as in -Ofast: a fold can make a noise shareable (a stopped object as its add becomes
      // add 0), and the reference must share the noises -Ofast shares (found by seed 6000034).
      opt::PipelineOptions approximations;
      approximations.passes = {"const-fold", "dce", "denorm-elide", "share-noise", "fast-trig"};
      auto approximatedGraph = optimizedGraph(text, compileOptions(approximations, options_.seed, log), error);
      if (approximatedGraph && *approximatedGraph == *optimized) continue;
      approximated = render(text, compileOptions(approximations, options_.seed, log), options_.frames);
      if (!approximated->error.empty()) {
        Difference d;
        d.variant = variant.name;
        d.what = "its approximations alone do not compile: " + approximated->error;
        result.differences.push_back(d);
        continue;
      }
      expected = &*approximated;
    } else if (*optimized == *written && !variant.quickTier) {
      continue;  // the same graph: the same code
    }
    Rendered actual = render(text, options, options_.frames, options_.sabotage);
    ++result.variantsRendered;
    if (!actual.error.empty()) {
      Difference d;
      d.variant = variant.name;
      d.what = "does not compile: " + actual.error;
      result.differences.push_back(d);
      continue;
    }
    double relative = options_.relativeTolerance + (variant.approximates ? options_.approximationTolerance : 0.0);
    double tolerance = relative * peak + options_.absoluteTolerance;
    if (auto d = compare(expected->channels, actual.channels, tolerance, peak)) {
      d->variant = variant.name;
      result.differences.push_back(*d);
    } else if (auto r = compareReports(*expected, actual, relative, options_.absoluteTolerance)) {
      r->variant = variant.name;
      result.differences.push_back(*r);
    }
  }
  if (result.differences.empty()) return result;
  result.status = CheckResult::Status::Different;
  // Is the patch itself that sensitive? Sample differences no larger than a rounding-sized perturbation of the
  // reference makes (times `sensitivityMargin`) are rounding amplified, not a miscompile.
  // Reports the same way: a Print of a signal that moves by about its threshold (method 1), a `get()` compared in a
  // handler, print a rounding-sized perturbation differently too.
  bool sampleDifferences = false, reportDifferences = false;
  for (const auto& d : result.differences) {
    sampleDifferences |= d.channel >= 0;
    reportDifferences |= d.report;
  }
  if (!sampleDifferences && !reportDifferences) return result;
  double tolerance = options_.relativeTolerance * peak + options_.absoluteTolerance;
  std::optional<Difference> moved, reportsMoved;
  for (auto [how, salt] : {std::pair{Perturbation::Nudge, 1u}, std::pair{Perturbation::Nudge, 2u},
                           std::pair{Perturbation::Dither, 0u}}) {
    Rendered perturbed = render(text, compileOptions(asWritten, options_.seed, log), options_.frames,
                                [how = how, salt = salt](ir::Graph& g) { perturbRounding(g, how, salt); });
    if (!perturbed.error.empty()) continue;
    auto d = compare(reference->channels, perturbed.channels, 0.0, peak);
    if (d && (!moved || d->size > moved->size)) moved = d;
    if (!reportsMoved)
      reportsMoved = compareReports(*reference, perturbed, options_.sensitiveFraction * options_.relativeTolerance,
                                    options_.sensitiveFraction * options_.absoluteTolerance);
  }
  if (reportsMoved) {
    std::erase_if(result.differences, [](const Difference& d) { return d.report; });
    result.message = fmt::format("a rounding-sized perturbation changes the reports: {}", reportsMoved->what);
  }
  if (moved) result.sensitivity = moved->size;
  if (moved && moved->size > options_.sensitiveFraction * tolerance) {
    std::erase_if(result.differences, [&](const Difference& d) {
      return d.channel >= 0 && d.size <= options_.sensitivityMargin * moved->size;
    });
    if (result.differences.empty())
      result.message = fmt::format("rounding-sized perturbation moves the reference by {:.3g} (channel {}, frame {}; "
                                   "tolerance {:.3g})", moved->size, moved->channel, moved->frame, tolerance);
  }
  if (result.differences.empty()) result.status = CheckResult::Status::IllConditioned;
  return result;
}

Patch shrink(Patch patch, const std::function<bool(const Patch&)>& stillFails, int maxChecks) {
  int checks = 0;
  bool progress = true;
  while (progress && checks < maxChecks) {
    progress = false;
    // Walk the simplifications; after a success, go on from the same position in the new patch's list.
    for (size_t i = 0;; ++i) {
      auto candidates = patch.simplifications();
      if (i >= candidates.size() || checks >= maxChecks) break;
      ++checks;
      if (stillFails(candidates[i])) {
        patch = std::move(candidates[i]);
        progress = true;
        --i;
      }
    }
  }
  return patch;
}

}  // namespace patchc::fuzz
