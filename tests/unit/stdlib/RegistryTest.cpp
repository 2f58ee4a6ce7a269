// The registry: pyo's signatures, lookups, and the facts each entry declares, checked on its kernel.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "stdlib/CheckedSize.h"
#include "stdlib/Declare.h"
#include "stdlib/kernels/Delay.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

// pyo 1.0.4's constructor signatures, dumped by tests/pyo/dump-signatures.py (inspect.signature of each class).
const nlohmann::json& pyoClasses() {
  static const nlohmann::json classes = [] {
    std::ifstream in(PATCHC_SOURCE_DIR "/tests/pyo/signatures.json");
    return nlohmann::json::parse(in).at("classes");
  }();
  return classes;
}

// Every object in the registry, walked (so that none can be forgotten): pyo has a class of its name whose
// arguments, after mul and add are left out, are the object's inputs that are not hidden, in the same order,
// with the same defaults; a hidden input is none of pyo's arguments.
TEST(StdlibRegistry, EveryObjectHasPyosSignature) {
  ASSERT_GT(pyoClasses().size(), 200u);
  int checked = 0;
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    if (spec.internal) continue;  // the elaborator's arithmetic (pyo's own Sub and Div classes are not it yet)
    ASSERT_TRUE(pyoClasses().contains(spec.name)) << spec.name << " is not a pyo 1.0.4 class";
    std::vector<nlohmann::json> params;
    for (const auto& p : pyoClasses().at(spec.name).at("params"))
      if (p[0] != "mul" && p[0] != "add") params.push_back(p);
    std::vector<const InputSpec*> visible;
    for (const InputSpec& input : spec.inputs) {
      if (!input.hidden) {
        visible.push_back(&input);
        continue;
      }
      for (const auto& p : params) EXPECT_NE(p[0], input.name) << spec.name << ": hidden input is pyo's argument";
    }
    ASSERT_EQ(visible.size(), params.size()) << spec.name << ": pyo's arguments are " << nlohmann::json(params);
    for (size_t i = 0; i < params.size(); ++i) {
      const InputSpec& input = *visible[i];
      EXPECT_EQ(input.name, params[i][0].get<std::string>()) << spec.name << " argument " << i;
      if (params[i].size() < 2) {
        EXPECT_FALSE(input.defaultValue.has_value()) << spec.name << "." << input.name << " is required in pyo";
        continue;
      }
      const auto& pyoDefault = params[i][1];
      if (input.kind == InputKind::Array && pyoDefault.is_array()) {  // pyo's one-number list (Seq's seq=[1])
        ASSERT_EQ(pyoDefault.size(), 1u) << spec.name << "." << input.name;
        ASSERT_TRUE(input.defaultValue.has_value()) << spec.name << "." << input.name << " has pyo's default "
                                                    << pyoDefault;
        EXPECT_EQ(*input.defaultValue, pyoDefault[0].get<float>()) << spec.name << "." << input.name;
        continue;
      }
      if (pyoDefault.is_string()) {  // a keyword (Compare's mode "<"): the default is its index
        const auto& words = input.keywords;
        auto it = std::find(words.begin(), words.end(), pyoDefault.get<std::string>());
        ASSERT_NE(it, words.end()) << spec.name << "." << input.name << ": pyo's default " << pyoDefault
                                   << " is not one of its keywords";
        ASSERT_TRUE(input.defaultValue.has_value()) << spec.name << "." << input.name;
        EXPECT_EQ(*input.defaultValue, static_cast<float>(it - words.begin())) << spec.name << "." << input.name;
        continue;
      }
      ASSERT_TRUE(pyoDefault.is_number() || pyoDefault.is_boolean())
          << spec.name << "." << input.name << ": pyo's default " << pyoDefault << " is not a number";
      ASSERT_TRUE(input.defaultValue.has_value()) << spec.name << "." << input.name << " has pyo's default "
                                                  << pyoDefault;
      float expected = pyoDefault.is_boolean() ? (pyoDefault.get<bool>() ? 1.0f : 0.0f) : pyoDefault.get<float>();
      EXPECT_EQ(*input.defaultValue, expected) << spec.name << "." << input.name;
    }
    for (const InputSpec& input : spec.inputs) {
      EXPECT_FALSE(input.doc.empty()) << spec.name << "." << input.name;
      EXPECT_EQ(spec.inputIndex(input.name), &input - spec.inputs.data());
    }
    EXPECT_FALSE(spec.doc.empty()) << spec.name;
    ++checked;
  }
  EXPECT_GE(checked, 25);
}

// pyo's named streams (obj['trig'], Beat's obj['amp'], ...; the names its documentation offers, dumped beside the
// signatures): patchc computes none of them yet, so each object declares exactly those as streamsNotYet, and
// obj['name'] says so (tests/lit/errors/streams-not-yet.patch) instead of "no stream named".
TEST(StdlibRegistry, EveryObjectDeclaresPyosNamedStreams) {
  int named = 0;
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    if (spec.internal) continue;
    std::vector<std::string> pyo;
    if (pyoClasses().at(spec.name).contains("streams")) pyo = pyoClasses().at(spec.name).at("streams");
    std::vector<std::string> declared = spec.streamsNotYet;
    std::sort(declared.begin(), declared.end());
    EXPECT_EQ(declared, pyo) << spec.name;
    named += !pyo.empty();
  }
  EXPECT_GE(named, 10);
}

// The declarations' own checks (Registry.cpp's declaredObject and ObjectSpec::input): an input declared out of its
// enum's order, a missing doc, a pyo argument after a hidden one are refused when the registry is built.
void declareOutOfOrder(ObjectSpec& spec) {
  spec.doc = "test";
  spec.input(1, declare::signal("freq", 1.0f, "frequency"));
}
void declareWithoutDoc(ObjectSpec&) {}
void declareHiddenFirst(ObjectSpec& spec) {
  spec.doc = "test";
  spec.input(0, declare::hidden("playing", 0.0f, "set by the elaborator"));
  spec.input(1, declare::signal("freq", 1.0f, "frequency"));
}

TEST(StdlibRegistry, DeclarationsAreChecked) {
  EXPECT_THROW(declaredObject("T", &declareOutOfOrder, {}), std::logic_error);
  EXPECT_THROW(declaredObject("T", &declareWithoutDoc, {}), std::logic_error);
  EXPECT_THROW(declaredObject("T", &declareHiddenFirst, {}), std::logic_error);
}

// The generated registry holds every kernel's native functions, and lane blocks where the kernel defines them.
TEST(StdlibRegistry, GeneratedEntriesHaveTheirKernels) {
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    EXPECT_NE(spec.native.init, nullptr) << spec.name;
    EXPECT_NE(spec.native.process, nullptr) << spec.name;
    EXPECT_EQ(spec.laneBlock, spec.native.processLanes != nullptr) << spec.name;
  }
  for (const char* lanes : {"Sine", "SineLoop", "FastSine", "Phaser", "Biquad", "Biquadx", "Allpass2"})
    EXPECT_TRUE(Registry::builtin().find(lanes)->laneBlock) << lanes;
}

TEST(StdlibRegistry, Lookups) {
  const Registry& registry = Registry::builtin();
  EXPECT_EQ(registry.find("NoSuchObject"), nullptr);
  EXPECT_EQ(registry.find("sine"), nullptr);  // names are case-sensitive, as Python's
  const ObjectSpec* phaser = registry.find("Phaser");
  ASSERT_NE(phaser, nullptr);
  EXPECT_EQ(phaser->inputIndex("num"), 5);
  EXPECT_EQ(phaser->inputIndex("mul"), -1);  // mul and add are not kernel inputs
  EXPECT_EQ(phaser->inputIndex("nope"), -1);
  std::vector<std::string> names = registry.names();
  EXPECT_EQ(names.size(), registry.all().size());
  for (const char* internal : {"Add", "Sub", "Mul", "Div"}) {
    const ObjectSpec* spec = registry.find(internal);
    ASSERT_NE(spec, nullptr) << internal;
    EXPECT_TRUE(spec->internal);
    EXPECT_TRUE(spec->facts.stateless);
    ASSERT_EQ(spec->inputs.size(), 2u);
    EXPECT_EQ(spec->inputs[0].name, "a");
    EXPECT_EQ(spec->inputs[1].name, "b");
    EXPECT_EQ(spec->inputs[0].kind, InputKind::Audio);
    EXPECT_EQ(spec->inputs[1].kind, InputKind::Audio);
  }
  // Names are unique.
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

TEST(StdlibRegistry, EveryEntryHasANativeKernelAndConsistentFlags) {
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    EXPECT_NE(kernelFunctions(spec.name), nullptr) << spec.name;
    bool hasAudio = std::any_of(spec.inputs.begin(), spec.inputs.end(),
                                [](const InputSpec& i) { return i.kind == InputKind::Audio; });
    EXPECT_EQ(spec.generator, !hasAudio) << spec.name;
    EXPECT_GT(spec.facts.cost, 0.0f) << spec.name;
    if (spec.facts.stateless) {
      EXPECT_EQ(spec.stateBytes, 0u) << spec.name;
    }
    bool hiddenSeen = false;
    for (const InputSpec& input : spec.inputs) {
      // A Constant has a default, but where pyo requires the argument (Midictl's ctlnumber).
      const bool requiredInPyo =
          !spec.internal && !input.hidden && pyoClasses().contains(spec.name) &&
          std::any_of(pyoClasses().at(spec.name).at("params").begin(), pyoClasses().at(spec.name).at("params").end(),
                      [&](const nlohmann::json& p) { return p[0] == input.name && p.size() < 2; });
      if (input.kind == InputKind::Constant && !requiredInPyo) {
        EXPECT_TRUE(input.defaultValue.has_value()) << spec.name << "." << input.name;
      }
      // Hidden inputs come last, and the elaborator sets them: they are Constant, with a default, but for
      // `playing` and `resets` (Declare.h's playing(), resets()), Signals that callbacks drive at run time.
      // Or an Audio input that holds one object of a list input (Selector's input1..., InputSpec::List).
      const size_t index = static_cast<size_t>(&input - spec.inputs.data());
      const bool listExtra = std::any_of(spec.inputs.begin(), spec.inputs.end(), [&](const InputSpec& i) {
        return i.list && std::find(i.list->extras.begin(), i.list->extras.end(), index) != i.list->extras.end();
      });
      if (input.hidden && listExtra) {
        EXPECT_EQ(input.kind, InputKind::Audio) << spec.name << "." << input.name;
      } else if (input.hidden) {
        EXPECT_EQ(input.kind, input.name == "playing" || input.name == "resets" ? InputKind::Signal : InputKind::Constant)
            << spec.name << "." << input.name;
        EXPECT_TRUE(input.defaultValue.has_value()) << spec.name << "." << input.name;
      }
      EXPECT_FALSE(hiddenSeen && !input.hidden) << spec.name << "." << input.name << " follows a hidden input";
      hiddenSeen = hiddenSeen || input.hidden;
    }
  }
}

// Inputs for a property test: Audio inputs get the given signals, the others their defaults (as numbers, or as
// stride-1 signals holding the default when `parametersAsSignals`). Array inputs get a short envelope (Linseg)
// or a sound (SfPlayer), and the hidden `playing` is 1, so that envelopes run.
std::vector<Input> propertyInputs(const ObjectSpec& spec, const std::vector<std::vector<float>>& audio, int count,
                                  bool parametersAsSignals = false) {
  std::vector<Input> inputs;
  size_t next = 0;
  for (const InputSpec& input : spec.inputs) {
    if (input.kind == InputKind::Audio) {
      inputs.push_back(Input::signal(audio[next++ % audio.size()]));
    } else if (input.kind == InputKind::Array) {
      if (spec.name == "Linseg")
        inputs.push_back(Input::array({0.0f, 0.0f, 0.01f, 1.0f, 0.05f, 0.2f}));
      else
        inputs.push_back(Input::array(uniformNoise(5000, 61)));
    } else if (input.hidden && input.name == "playing") {
      inputs.push_back(Input::value(1.0f));
    } else {
      float value = input.defaultValue.value_or(0.5f);
      if (spec.name == "Delay" && input.name == "delay") value = 0.005f;  // come back within the render
      if (parametersAsSignals && input.kind == InputKind::Signal)
        inputs.push_back(Input::signal(std::vector<float>(static_cast<size_t>(count), value)));
      else
        inputs.push_back(Input::value(value));
    }
  }
  return inputs;
}

size_t audioInputCount(const ObjectSpec& spec) {
  return static_cast<size_t>(std::count_if(spec.inputs.begin(), spec.inputs.end(),
                                           [](const InputSpec& i) { return i.kind == InputKind::Audio; }));
}

double peak(const std::vector<float>& x) {
  double p = 0.0;
  for (float v : x) p = std::max(p, static_cast<double>(std::abs(v)));
  return p;
}

TEST(StdlibFacts, LinearInInput) {
  // f(a·x + b·y) = a·f(x) + b·f(y), every Audio input scaled and summed together, on random signals.
  const int count = 4096;
  const float a = 0.7f, b = -1.3f;
  int checked = 0;
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    if (!spec.facts.linearInInput) continue;
    ASSERT_GT(audioInputCount(spec), 0u) << spec.name << " is declared linear but has no Audio input";
    std::vector<std::vector<float>> xs, ys, mixes;
    for (size_t k = 0; k < audioInputCount(spec); ++k) {
      xs.push_back(uniformNoise(count, 11 + static_cast<uint32_t>(k), 0.5f));
      ys.push_back(uniformNoise(count, 101 + static_cast<uint32_t>(k), 0.5f));
      std::vector<float> mix(count);
      for (int i = 0; i < count; ++i) mix[i] = a * xs[k][i] + b * ys[k][i];
      mixes.push_back(mix);
    }
    std::vector<float> fx = render(spec.name, propertyInputs(spec, xs, count), count);
    std::vector<float> fy = render(spec.name, propertyInputs(spec, ys, count), count);
    std::vector<float> fmix = render(spec.name, propertyInputs(spec, mixes, count), count);
    const double scale = std::max(1e-3, peak(fmix));
    for (int i = 0; i < count; ++i)
      ASSERT_NEAR(fmix[i], a * fx[i] + b * fy[i], 1e-4 * scale) << spec.name << " at sample " << i;
    ++checked;
  }
  EXPECT_GE(checked, 9);  // the filters, Delay, Freeverb, Add and Sub
}

TEST(StdlibFacts, RecursiveObjectsRingAfterTheirInputStops) {
  // An impulse, then silence: an object declared recursive still sounds 6000 samples later (longer than any
  // of their fixed delays at these parameters); one that only reads its current input is exactly 0 by then.
  // Their recursion on: a feedback gain of 0.5 (Delay, Harmonizer, Chorus), Disto's lowpass at slope 0.99 (at 0.5
  // its tail halves each sample, to 0 even through the subnormals).
  const int count = 8000;
  std::vector<float> impulse(count, 0.0f);
  impulse[0] = 1.0f;
  int recursive = 0;
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    if (spec.generator || audioInputCount(spec) == 0) continue;
    std::vector<Input> inputs = propertyInputs(spec, {impulse}, count);
    if (spec.facts.feedsBackThrough) inputs[*spec.facts.feedsBackThrough] = Input::value(0.5f);
    if (int slope = spec.inputIndex("slope"); slope >= 0 && spec.facts.recursive)
      inputs[static_cast<size_t>(slope)] = Input::value(0.99f);
    std::vector<float> out = render(spec.name, inputs, count);
    double tail = peak(std::vector<float>(out.begin() + 6000, out.end()));
    if (spec.facts.recursive) {
      EXPECT_GT(tail, 0.0) << spec.name << " is declared recursive but its impulse response has ended";
      ++recursive;
    } else if (spec.facts.stateless && spec.facts.linearInInput) {
      EXPECT_EQ(tail, 0.0) << spec.name << " reads only its current input but still sounds after it stopped";
    }
  }
  EXPECT_GE(recursive, 11);  // the filters, Phaser, Delay and the reverbs
}

TEST(StdlibFacts, NonlinearOpsAreNotDeclaredLinear) {
  // A declaration of `false` must be true as well: Mul and Div are not linear in both inputs at once.
  for (const char* name : {"Mul", "Div"}) EXPECT_FALSE(Registry::builtin().find(name)->facts.linearInInput) << name;
}

TEST(StdlibFacts, TimeInvariant) {
  // Delaying the input by D samples delays the output by D samples (parameters constant).
  const int count = 4096, shift = 100;
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    if (!spec.facts.timeInvariant || spec.generator) continue;
    std::vector<std::vector<float>> xs, shifted;
    for (size_t k = 0; k < audioInputCount(spec); ++k) {
      xs.push_back(uniformNoise(count, 21 + static_cast<uint32_t>(k), 0.5f));
      std::vector<float> s(count, 0.0f);
      std::copy(xs.back().begin(), xs.back().end() - shift, s.begin() + shift);
      shifted.push_back(s);
    }
    std::vector<float> y = render(spec.name, propertyInputs(spec, xs, count), count);
    std::vector<float> ys = render(spec.name, propertyInputs(spec, shifted, count), count);
    for (int i = shift; i < count; ++i) ASSERT_NEAR(ys[i], y[i - shift], 1e-6) << spec.name << " at " << i;
  }
}

TEST(StdlibFacts, Stateless) {
  // A stateless op's output depends only on the current samples: reversing the inputs reverses the output.
  const int count = 500;
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    if (!spec.facts.stateless || spec.generator) continue;
    std::vector<std::vector<float>> xs, reversed;
    for (size_t k = 0; k < audioInputCount(spec); ++k) {
      xs.push_back(uniformNoise(count, 31 + static_cast<uint32_t>(k)));
      reversed.emplace_back(xs.back().rbegin(), xs.back().rend());
    }
    std::vector<float> y = render(spec.name, propertyInputs(spec, xs, count), count);
    std::vector<float> yr = render(spec.name, propertyInputs(spec, reversed, count), count);
    std::reverse(yr.begin(), yr.end());
    EXPECT_EQ(y, yr) << spec.name;
  }
}

TEST(StdlibFacts, DeterministicAndSeeded) {
  const int count = 5000;  // longer than WGVerb's shortest line, whose modulation is seeded
  std::vector<float> x = uniformNoise(count, 41);
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    std::vector<Input> inputs = propertyInputs(spec, {x}, count);
    std::vector<float> first = render(spec.name, inputs, count, {.seed = 5});
    std::vector<float> again = render(spec.name, inputs, count, {.seed = 5});
    std::vector<float> other = render(spec.name, inputs, count, {.seed = 6});
    EXPECT_EQ(first, again) << spec.name << ": same seed, same output";
    if (spec.facts.deterministic) {
      EXPECT_EQ(first, other) << spec.name << " is declared deterministic but depends on its seed";
      // and on silence too (Denorm's noise shows only there)
      std::vector<Input> silent = propertyInputs(spec, {std::vector<float>(count, 0.0f)}, count);
      EXPECT_EQ(render(spec.name, silent, count, {.seed = 5}), render(spec.name, silent, count, {.seed = 6}))
          << spec.name << " is declared deterministic but depends on its seed";
    } else {
      // The seed shows on the input or on silence: Denorm's 1e-24 is lost in the rounding of a louder input.
      std::vector<Input> silent = propertyInputs(spec, {std::vector<float>(count, 0.0f)}, count);
      bool differs = first != other ||
                     render(spec.name, silent, count, {.seed = 5}) != render(spec.name, silent, count, {.seed = 6});
      // Or on triggers (samples of 1: TrigRand, Percent draw only there), or later (Beat, Cloud draw seldom).
      if (!differs) {
        std::vector<Input> triggers = propertyInputs(spec, {std::vector<float>(count, 1.0f)}, count);
        differs = render(spec.name, triggers, count, {.seed = 5}) != render(spec.name, triggers, count, {.seed = 6});
      }
      if (!differs) {
        const int longer = 40 * count;
        std::vector<Input> later = propertyInputs(spec, {uniformNoise(longer, 41)}, longer);
        differs = render(spec.name, later, longer, {.seed = 5}) != render(spec.name, later, longer, {.seed = 6});
      }
      // Or in one of its modes: a Constant that picks among a few whole numbers (LFO's type 6 is random).
      for (size_t k = 0; k < spec.inputs.size() && !differs; ++k) {
        const auto& valid = spec.inputs[k].valid;
        if (spec.inputs[k].kind != InputKind::Constant || !valid || !valid->wholeNumbers || valid->max - valid->min > 16)
          continue;
        for (float mode = valid->min; mode <= valid->max && !differs; mode += 1.0f) {
          std::vector<Input> moded = inputs;
          moded[k] = Input::value(mode);
          differs = render(spec.name, moded, count, {.seed = 5}) != render(spec.name, moded, count, {.seed = 6});
        }
      }
      EXPECT_TRUE(differs) << spec.name << " is declared not deterministic but does not depend on its seed";
    }
  }
}

TEST(StdlibKernels, ConstantAndAudioRateParametersAgree) {
  // The per-block (stride 0) and per-sample (stride 1) paths of every kernel compute the same output when the
  // parameter holds one value, and so do block sizes that do not divide the render: equal but for the
  // oscillators' float phase within a call (PhaseAccumulator.h: one rounding of the phase unwrapped over the
  // call), which a lost or doubled sample of state would exceed by far.
  const int count = 3000;
  std::vector<float> x = uniformNoise(count, 51, 0.5f);
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    std::vector<float> constant = render(spec.name, propertyInputs(spec, {x}, count, false), count);
    std::vector<float> audio = render(spec.name, propertyInputs(spec, {x}, count, true), count);
    std::vector<float> odd = render(spec.name, propertyInputs(spec, {x}, count, false), count, {.blockSize = 37});
    for (int i = 0; i < count; ++i) {
      ASSERT_NEAR(audio[i], constant[i], 1e-5 * std::max(1.0, peak(constant))) << spec.name << " at " << i;
      ASSERT_NEAR(odd[i], constant[i], 1e-5 * std::max(1.0, peak(constant))) << spec.name << " at " << i;
    }
  }
}

TEST(StdlibRegistry, DocumentedRangesSayWhatHappensOutside) {
  // InputSpec::valid: the elaborator's warning quotes these texts, so each side must have one, and pyo's own
  // default must be inside the range it documents.
  int declared = 0;
  for (const ObjectSpec& spec : Registry::builtin().all())
    for (const InputSpec& input : spec.inputs) {
      if (!input.valid) continue;
      ++declared;
      const ValidRange& valid = *input.valid;
      SCOPED_TRACE(spec.name + "." + input.name);
      EXPECT_LT(valid.min, valid.max);
      EXPECT_FALSE(valid.below.empty());
      EXPECT_FALSE(valid.above.empty());
      EXPECT_EQ(valid.wholeNumbers, !valid.fraction.empty());
      ASSERT_TRUE(input.defaultValue.has_value());
      EXPECT_GE(*input.defaultValue, valid.min);
      EXPECT_LE(*input.defaultValue, valid.max);
    }
  EXPECT_GE(declared, 18);
}

TEST(StdlibKernels, StateSizesAre64BitAndSaturate) {
  // maxdelay=1e5 at 44.1 kHz is 4.41e9 samples: an int wrapped it to 18446744065119617664 bytes (issue 7).
  const ObjectSpec* delay = Registry::builtin().find("Delay");
  const uint64_t header = sizeof(kernel::delay::State);
  // (maxdelay · sr is a float product, as the kernel computes it: 4409999872 samples.)
  const uint64_t samples = static_cast<uint64_t>(1e5f * 44100.0f);
  EXPECT_GT(samples, 4409990000u);
  EXPECT_EQ(delay->laneStateBytes({{NAN, 0.25f, 0.0f, 1e5f}}, 44100.0), header + 4ull * (samples + 2));
  EXPECT_EQ(delay->laneStateBytes({{NAN, 0.25f, 0.0f, 1e4f}}, 44100.0), header + 4ull * (441000000ull + 2));
  // Too big for 64 bits, or infinite: saturated, so that every limit refuses it.
  EXPECT_EQ(delay->laneStateBytes({{NAN, 0.25f, 0.0f, 3e38f}}, 768000.0), UINT64_MAX);
  EXPECT_EQ(delay->laneStateBytes({{NAN, 0.25f, 0.0f, INFINITY}}, 44100.0), UINT64_MAX);
  EXPECT_EQ(saturatingMul(UINT64_MAX / 2, 3), UINT64_MAX);
  EXPECT_EQ(saturatingAdd(UINT64_MAX - 1, 2), UINT64_MAX);
  EXPECT_EQ(saturatingAlignUp(UINT64_MAX - 3, 64), UINT64_MAX);
  EXPECT_EQ(saturatingCount(2.5), 3u);
  EXPECT_EQ(saturatingCount(1e30), UINT64_MAX);
}

TEST(StdlibKernels, StateSizeCoversConstantInputs) {
  // State that depends on constants: Delay's line grows with maxdelay and the sample rate, Freeverb's with the rate.
  const ObjectSpec* delay = Registry::builtin().find("Delay");
  ConstantInputs oneSecond{{NAN, 0.25f, 0.0f, 1.0f}}, fiveSeconds{{NAN, 0.25f, 0.0f, 5.0f}};
  EXPECT_GE(delay->laneStateBytes(oneSecond, 44100.0), 44100u * sizeof(float));
  EXPECT_GE(delay->laneStateBytes(fiveSeconds, 44100.0), 5u * 44100u * sizeof(float));
  EXPECT_GE(delay->laneStateBytes(oneSecond, 96000.0), 96000u * sizeof(float));
  const ObjectSpec* freeverb = Registry::builtin().find("Freeverb");
  EXPECT_GT(freeverb->laneStateBytes({}, 96000.0), freeverb->laneStateBytes({}, 44100.0));
  // A full-length delay at 96 kHz stays inside its state (the harness checks guard bytes).
  const int count = 96000 + 500;
  std::vector<float> y =
      render("Delay", {Input::signal(impulse(count)), Input::value(2.0f), Input::value(0.0f), Input::value(1.0f)},
             count, {.sampleRate = 96000.0f});
  EXPECT_NEAR(y[96000], 1.0f, 1e-4);
  // Biquadx's histories grow with stages, Waveguide's line with 1 / minfreq and the rate, WGVerb's with the rate.
  const ObjectSpec* biquadx = Registry::builtin().find("Biquadx");
  EXPECT_EQ(biquadx->laneStateBytes({{NAN, 1000.0f, 1.0f, 0.0f, 8.0f}}, 44100.0),
            2 * biquadx->laneStateBytes({{NAN, 1000.0f, 1.0f, 0.0f, 4.0f}}, 44100.0));
  EXPECT_EQ(biquadx->laneStateBytes({{NAN, NAN, NAN, NAN, NAN}}, 44100.0),
            biquadx->laneStateBytes({{NAN, 1000.0f, 1.0f, 0.0f, 4.0f}}, 44100.0));  // pyo's 4 stages
  const ObjectSpec* waveguide = Registry::builtin().find("Waveguide");
  EXPECT_GE(waveguide->laneStateBytes({{NAN, 100.0f, 10.0f, 20.0f}}, 44100.0), 2205u * sizeof(float));
  EXPECT_GE(waveguide->laneStateBytes({{NAN, 100.0f, 10.0f, 5.0f}}, 44100.0), 8820u * sizeof(float));
  EXPECT_GE(waveguide->laneStateBytes({{NAN, 100.0f, 10.0f, 20.0f}}, 96000.0), 4800u * sizeof(float));
  const ObjectSpec* wgverb = Registry::builtin().find("WGVerb");
  EXPECT_GT(wgverb->laneStateBytes({}, 96000.0), 2 * wgverb->laneStateBytes({}, 44100.0) - 1000);
  // The lowest frequency at 96 kHz and the longest Biquadx stay inside their state (guard bytes).
  const int strings = 20000;
  std::vector<float> string =
      render("Waveguide", {Input::signal(impulse(strings)), Input::value(5.0f), Input::value(1.0f), Input::value(5.0f)},
             strings, {.sampleRate = 96000.0f});
  EXPECT_GT(rms(string, 0, strings), 0.0);
  render("Biquadx",
         {Input::signal(uniformNoise(500, 3)), Input::value(1000.0f), Input::value(1.0f), Input::value(0.0f),
          Input::value(300.0f)},
         500);
}

}  // namespace
}  // namespace patchc::stdlibtest

namespace patchc::stdlibtest {
namespace {

// Signal arithmetic the compiler cannot fold (it leaves inf·0 to run) can hand a kernel a NaN parameter: every
// kernel must survive one on each of its Signal inputs, at audio rate and as a number, without reading or
// writing outside its state and lines (found by the differential fuzzer: Waveguide(freq=NaN) indexed its line
// with a NaN and crashed the JIT'd callback). Non-finite output is allowed: the runtime mutes it.
TEST(StdlibRegistry, EveryKernelSurvivesANaNParameter) {
  const int count = 2048;
  const std::vector<std::vector<float>> audio = {uniformNoise(count, 5), uniformNoise(count, 6)};
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    for (size_t k = 0; k < spec.inputs.size(); ++k) {
      if (spec.inputs[k].kind != InputKind::Signal) continue;
      for (bool asSignal : {false, true}) {
        std::vector<Input> inputs = propertyInputs(spec, audio, count);
        const float nan = std::nanf("");
        inputs[k] = asSignal ? Input::signal(std::vector<float>(count, nan)) : Input::value(nan);
        std::vector<float> out = render(spec.name, inputs, count);
        EXPECT_EQ(out.size(), static_cast<size_t>(count)) << spec.name << "." << spec.inputs[k].name;
      }
    }
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
