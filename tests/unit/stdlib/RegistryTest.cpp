// The registry: pyo's signatures, lookups, and the facts each entry declares, checked on its kernel.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

struct ExpectedInput {
  const char* name;
  std::optional<float> defaultValue;
  InputKind kind;
};

struct ExpectedObject {
  const char* name;
  std::vector<ExpectedInput> inputs;
};

constexpr auto A = InputKind::Audio;
constexpr auto S = InputKind::Signal;
constexpr auto C = InputKind::Constant;

// pyo 1.0.4's signatures (inspect.signature of each class, mul and add left out).
const std::vector<ExpectedObject>& pyoSignatures() {
  static const std::vector<ExpectedObject> table = {
      {"Sig", {{"value", std::nullopt, S}}},
      {"Sine", {{"freq", 1000.0f, S}, {"phase", 0.0f, S}}},
      {"SineLoop", {{"freq", 1000.0f, S}, {"feedback", 0.0f, S}}},
      {"FastSine", {{"freq", 1000.0f, S}, {"initphase", 0.0f, C}, {"quality", 1.0f, C}}},
      {"Noise", {}},
      {"Phaser",
       {{"input", std::nullopt, A},
        {"freq", 1000.0f, S},
        {"spread", 1.1f, S},
        {"q", 10.0f, S},
        {"feedback", 0.0f, S},
        {"num", 8.0f, C}}},
      {"ButLP", {{"input", std::nullopt, A}, {"freq", 1000.0f, S}}},
      {"ButHP", {{"input", std::nullopt, A}, {"freq", 1000.0f, S}}},
      {"ButBP", {{"input", std::nullopt, A}, {"freq", 1000.0f, S}, {"q", 1.0f, S}}},
      {"Biquad", {{"input", std::nullopt, A}, {"freq", 1000.0f, S}, {"q", 1.0f, S}, {"type", 0.0f, C}}},
      {"Delay", {{"input", std::nullopt, A}, {"delay", 0.25f, S}, {"feedback", 0.0f, S}, {"maxdelay", 1.0f, C}}},
      {"Freeverb", {{"input", std::nullopt, A}, {"size", 0.5f, S}, {"damp", 0.5f, S}, {"bal", 0.5f, S}}},
  };
  return table;
}

TEST(StdlibRegistry, SignaturesMatchPyo) {
  for (const ExpectedObject& expected : pyoSignatures()) {
    const ObjectSpec* spec = Registry::builtin().find(expected.name);
    ASSERT_NE(spec, nullptr) << expected.name;
    EXPECT_FALSE(spec->internal) << expected.name;
    ASSERT_EQ(spec->inputs.size(), expected.inputs.size()) << expected.name;
    for (size_t i = 0; i < expected.inputs.size(); ++i) {
      const InputSpec& input = spec->inputs[i];
      EXPECT_EQ(input.name, expected.inputs[i].name) << expected.name;
      EXPECT_EQ(input.defaultValue, expected.inputs[i].defaultValue) << expected.name << "." << input.name;
      EXPECT_EQ(input.kind, expected.inputs[i].kind) << expected.name << "." << input.name;
      EXPECT_FALSE(input.doc.empty()) << expected.name << "." << input.name;
      EXPECT_EQ(spec->inputIndex(input.name), static_cast<int>(i));
    }
    EXPECT_FALSE(spec->doc.empty()) << expected.name;
  }
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
    for (const InputSpec& input : spec.inputs) {
      if (input.kind == InputKind::Constant) {
        EXPECT_TRUE(input.defaultValue.has_value()) << spec.name << "." << input.name;
      }
    }
  }
}

// Inputs for a property test: Audio inputs get the given signals, the others their defaults (as numbers, or as
// stride-1 signals holding the default when `parametersAsSignals`).
std::vector<Input> propertyInputs(const ObjectSpec& spec, const std::vector<std::vector<float>>& audio, int count,
                                  bool parametersAsSignals = false) {
  std::vector<Input> inputs;
  size_t next = 0;
  for (const InputSpec& input : spec.inputs) {
    if (input.kind == InputKind::Audio) {
      inputs.push_back(Input::signal(audio[next++ % audio.size()]));
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
  const int count = 1000;
  std::vector<float> x = uniformNoise(count, 41);
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    std::vector<Input> inputs = propertyInputs(spec, {x}, count);
    std::vector<float> first = render(spec.name, inputs, count, {.seed = 5});
    std::vector<float> again = render(spec.name, inputs, count, {.seed = 5});
    std::vector<float> other = render(spec.name, inputs, count, {.seed = 6});
    EXPECT_EQ(first, again) << spec.name << ": same seed, same output";
    if (spec.facts.deterministic) {
      EXPECT_EQ(first, other) << spec.name << " is declared deterministic but depends on its seed";
    } else {
      EXPECT_NE(first, other) << spec.name;
    }
  }
}

TEST(StdlibKernels, ConstantAndAudioRateParametersAgree) {
  // The per-block (stride 0) and per-sample (stride 1) paths of every kernel compute the same output when the
  // parameter holds one value, and so do block sizes that do not divide the render.
  const int count = 3000;
  std::vector<float> x = uniformNoise(count, 51, 0.5f);
  for (const ObjectSpec& spec : Registry::builtin().all()) {
    std::vector<float> constant = render(spec.name, propertyInputs(spec, {x}, count, false), count);
    std::vector<float> audio = render(spec.name, propertyInputs(spec, {x}, count, true), count);
    std::vector<float> odd = render(spec.name, propertyInputs(spec, {x}, count, false), count, {.blockSize = 37});
    for (int i = 0; i < count; ++i) {
      ASSERT_NEAR(audio[i], constant[i], 1e-5 * std::max(1.0, peak(constant))) << spec.name << " at " << i;
      ASSERT_EQ(odd[i], constant[i]) << spec.name << " at " << i;
    }
  }
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
}

}  // namespace
}  // namespace patchc::stdlibtest
