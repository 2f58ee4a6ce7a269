// The facts objects declare for the optimizer (Registry.h's ObjectFacts), each checked against the kernel: every
// object that declares a fact is rendered and the fact must hold on its samples. A fact declared wrongly is a
// miscompile the passes cannot see, so these tests walk the registry rather than a list of names.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <span>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

const Registry& registry() { return Registry::builtin(); }

// The entries that declare `fact` and whose kernel the harness knows; fails if none does (a test of nothing).
std::vector<const ObjectSpec*> declaring(const std::function<bool(const ObjectFacts&)>& fact) {
  std::vector<const ObjectSpec*> specs;
  for (const ObjectSpec& spec : registry().all())
    if (fact(spec.facts) && kernelFunctions(spec.name)) specs.push_back(&spec);
  EXPECT_FALSE(specs.empty()) << "no object declares the fact";
  return specs;
}

bool sameFloat(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)); }

// Inputs to render one object with: Audio inputs a noise of amplitude 3, Signal inputs their default (a
// frequency stays a frequency), the hidden "playing" on, an Array input (Linseg's breakpoints) some pairs.
std::vector<Input> someInputs(const ObjectSpec& spec, uint32_t seed, int count) {
  std::vector<Input> inputs = defaultInputs(spec);
  for (size_t k = 0; k < spec.inputs.size(); ++k) {
    const InputSpec& input = spec.inputs[k];
    if (input.kind == InputKind::Audio) inputs[k] = Input::signal(uniformNoise(count, seed + static_cast<uint32_t>(k), 3.0f));
    if (input.kind == InputKind::Signal && !input.defaultValue)
      inputs[k] = Input::signal(uniformNoise(count, seed + static_cast<uint32_t>(k), 2.0f));
    if (input.name == "playing") inputs[k] = Input::value(1.0f);
    if (input.kind == InputKind::Array) inputs[k] = Input::array({0.0f, 0.2f, 0.01f, -0.7f, 0.02f, 0.9f, 0.05f, 0.1f});
  }
  return inputs;
}

// What a range declaration may ask of the rendered inputs: the smallest interval of each.
RangeQuery queryOf(const std::vector<Input>& inputs) {
  RangeQuery query;
  query.input = [&inputs](size_t k) -> Range {
    const Input& input = inputs[k];
    if (!input.isSignal()) return Interval::point(input.constant);
    auto [low, high] = std::minmax_element(input.samples.begin(), input.samples.end());
    return Interval{*low, *high};
  };
  query.array = [&inputs](size_t k) -> std::optional<std::span<const float>> {
    if (!inputs[k].isArray) return std::nullopt;
    return std::span<const float>(inputs[k].samples);
  };
  return query;
}

TEST(Facts, OutputRangeHoldsOnRenderedSamples) {
  const int count = 8192;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return bool(f.outputRange); })) {
    for (uint32_t seed : {1u, 2u, 3u}) {
      std::vector<Input> inputs = someInputs(*spec, seed * 10, count);
      Range range = spec->facts.outputRange(queryOf(inputs));
      ASSERT_TRUE(range) << spec->name << ": no range from bounded inputs";
      std::vector<float> out = render(spec->name, inputs, count, {.seed = seed});
      for (int i = 0; i < count; ++i)
        ASSERT_TRUE(range->contains(out[i])) << spec->name << " sample " << i << " = " << out[i] << " outside ["
                                             << range->low << ", " << range->high << "]";
    }
  }
}

// Interval arithmetic on the arithmetic objects: the ranges are the tightest the operands allow.
TEST(Facts, ArithmeticRangesAreIntervalArithmetic) {
  RangeQuery query;
  query.input = [](size_t k) -> Range { return k == 0 ? Interval{-1.0f, 2.0f} : Interval{3.0f, 4.0f}; };
  EXPECT_EQ(*registry().find("Add")->facts.outputRange(query), (Interval{2.0f, 6.0f}));
  EXPECT_EQ(*registry().find("Sub")->facts.outputRange(query), (Interval{-5.0f, -1.0f}));
  EXPECT_EQ(*registry().find("Mul")->facts.outputRange(query), (Interval{-4.0f, 8.0f}));
  EXPECT_EQ(*registry().find("Sig")->facts.outputRange(query), (Interval{-1.0f, 2.0f}));
  query.input = [](size_t) -> Range { return std::nullopt; };
  EXPECT_FALSE(registry().find("Add")->facts.outputRange(query));  // nothing known in, nothing known out
}

// Constant operands: the ones where arithmetic has edges (pyo's divisor guard at 1e-5, overflow, zeros, NaN).
std::vector<float> constantOperands() {
  std::vector<float> values = {0.0f, -0.0f, 1.0f, -1.0f, 1e-5f, -1e-5f, 9.9999e-6f, -9.9999e-6f, 1e-6f, 2e-5f,
                               -2e-5f, 3.0f, 0.1f, 1e38f, -1e38f, 1e-38f, NAN, INFINITY};
  std::mt19937 random(7);
  std::uniform_real_distribution<float> wide(-1000.0f, 1000.0f);
  for (int i = 0; i < 40; ++i) values.push_back(wide(random));
  return values;
}

TEST(Facts, FoldEqualsTheKernelOnConstants) {
  const std::vector<float> operands = constantOperands();
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return bool(f.fold); })) {
    ASSERT_LE(spec->inputs.size(), 2u) << spec->name << ": extend the test to more inputs";
    std::vector<size_t> at(spec->inputs.size(), 0);
    // Every tuple of operands.
    for (;;) {
      ConstantInputs constants;
      std::vector<Input> inputs;
      for (size_t k : at) {
        constants.values.push_back(operands[k]);
        inputs.push_back(Input::value(operands[k]));
      }
      float folded = spec->facts.fold(constants);
      float kernel = render(spec->name, inputs, 1)[0];
      ASSERT_TRUE(sameFloat(folded, kernel)) << spec->name << " folds (" << constants.values[0]
                                             << (constants.values.size() > 1 ? ", " + std::to_string(constants.values[1]) : "")
                                             << ") to " << folded << ", its kernel computes " << kernel;
      size_t k = 0;
      while (k < at.size() && ++at[k] == operands.size()) at[k++] = 0;
      if (k == at.size()) break;
    }
  }
}

TEST(Facts, IdentitiesHoldOnSignals) {
  const int count = 1000;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return !f.identities.empty(); })) {
    for (const Identity& identity : spec->facts.identities) {
      std::vector<Input> inputs = someInputs(*spec, 5, count);
      inputs[identity.when] = Input::value(identity.value);
      std::vector<float> out = render(spec->name, inputs, count);
      // The result input as samples, whether it is a signal or a number (Pow's base is a number here).
      const Input& result = inputs[identity.result];
      std::vector<float> expected = result.isSignal() ? result.samples : std::vector<float>(count, result.constant);
      EXPECT_EQ(out, expected) << spec->name << ": input " << identity.when << " = "
                                                      << identity.value << " does not give input " << identity.result;
    }
  }
}

TEST(Facts, OutputIsWhatItDeclares) {
  const int count = 1000;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return f.outputIs != OutputIs::Opaque; })) {
    std::vector<Input> inputs = someInputs(*spec, 9, count);
    std::vector<float> out = render(spec->name, inputs, count);
    for (int i = 0; i < count; ++i) {
      auto x = [&](size_t k) { return inputs[k].isSignal() ? inputs[k].samples[static_cast<size_t>(i)] : inputs[k].constant; };
      float expected = spec->facts.outputIs == OutputIs::Input         ? x(0)
                       : spec->facts.outputIs == OutputIs::SumOfInputs ? x(0) + x(1)
                                                                       : x(0) * x(1);
      ASSERT_EQ(out[i], expected) << spec->name << " sample " << i;
    }
  }
}

// A denormal guard adds no more than 1e-24 (on silence) and leaves an audible signal as it is.
TEST(Facts, DenormalGuardIsItsInputAboveTheSubnormals) {
  const int count = 20000;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return f.denormalGuard; })) {
    std::vector<Input> inputs = defaultInputs(*spec);
    const size_t audio = static_cast<size_t>(std::find_if(spec->inputs.begin(), spec->inputs.end(),
                                                          [](const InputSpec& i) { return i.kind == InputKind::Audio; }) -
                                             spec->inputs.begin());
    inputs[audio] = Input::signal(std::vector<float>(count, 0.0f));
    for (float v : render(spec->name, inputs, count)) ASSERT_LE(std::fabs(v), 1e-24f) << spec->name;
    std::vector<float> audible = uniformNoise(count, 4);
    for (float& v : audible) v = std::copysign(std::max(std::fabs(v), 1e-6f), v);
    inputs[audio] = Input::signal(audible);
    EXPECT_EQ(render(spec->name, inputs, count), audible) << spec->name;
  }
}

// A recursive object whose feedback input is 0 has no tail: after the impulse has gone through, silence.
TEST(Facts, FeedsBackOnlyThroughItsDeclaredInput) {
  const int count = 2 * 44100;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return f.feedsBackThrough.has_value(); })) {
    ASSERT_TRUE(spec->facts.recursive) << spec->name;
    for (float gain : {0.0f, 0.5f}) {
      std::vector<Input> inputs = defaultInputs(*spec);
      for (size_t k = 0; k < spec->inputs.size(); ++k)
        if (spec->inputs[k].kind == InputKind::Audio) inputs[k] = Input::signal(impulse(count));
      inputs[*spec->facts.feedsBackThrough] = Input::value(gain);
      std::vector<float> out = render(spec->name, inputs, count);
      bool tail = std::any_of(out.begin() + count / 2, out.end(), [](float v) { return v != 0.0f; });
      EXPECT_EQ(tail, gain != 0.0f) << spec->name << " with " << spec->inputs[*spec->facts.feedsBackThrough].name
                                    << " = " << gain;
    }
  }
}

// The approximation's error against the exact function, which the test knows for the objects that have one.
TEST(Facts, ApproximationSwitchStaysWithinItsBound) {
  std::vector<float> x;
  for (int i = -20000; i <= 20000; ++i) x.push_back(static_cast<float>(i) * 0.005f);  // -100..100
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return f.approximationSwitch.has_value(); })) {
    const ApproximationSwitch& approximation = *spec->facts.approximationSwitch;
    std::function<double(double)> exact;
    if (spec->name == "Sin") exact = [](double v) { return std::sin(v); };
    if (spec->name == "Cos") exact = [](double v) { return std::cos(v); };
    ASSERT_TRUE(exact) << spec->name << ": say here what it approximates";
    std::vector<Input> inputs = defaultInputs(*spec);
    inputs[0] = Input::signal(x);
    inputs[approximation.input] = Input::value(1.0f);
    std::vector<float> out = render(spec->name, inputs, static_cast<int>(x.size()));
    for (size_t i = 0; i < x.size(); ++i)
      ASSERT_NEAR(out[i], exact(x[i]), approximation.error.at(std::fabs(x[i]))) << spec->name << "(" << x[i] << ")";
  }
}

// The substitute's inputs, made as fast-trig makes them.
std::vector<Input> substituteInputs(const ObjectSpec& spec, const std::vector<Input>& inputs, const ObjectSpec& target) {
  std::vector<Input> result = defaultInputs(target);
  for (const auto& mapping : spec.facts.substitute->inputs) {
    size_t k = static_cast<size_t>(target.inputIndex(mapping.name));
    result[k] = mapping.from.empty() ? Input::value(mapping.value) : inputs[static_cast<size_t>(spec.inputIndex(mapping.from))];
  }
  return result;
}

TEST(Facts, SubstituteStaysWithinItsError) {
  const int count = 44100;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return f.substitute.has_value(); })) {
    const ObjectSpec* target = registry().find(spec->facts.substitute->object);
    ASSERT_TRUE(target) << spec->name;
    for (float scale : {1.0f, 0.37f, 0.011f}) {
      std::vector<Input> inputs = defaultInputs(*spec);
      for (size_t k = 0; k < inputs.size(); ++k)  // other frequencies and phases
        if (spec->inputs[k].kind == InputKind::Signal) inputs[k] = Input::value(inputs[k].constant * scale + (1.0f - scale) * 0.4f);
      std::vector<float> original = render(spec->name, inputs, count);
      std::vector<float> substitute = render(target->name, substituteInputs(*spec, inputs, *target), count);
      double worst = 0.0;
      for (int i = 0; i < count; ++i) worst = std::max(worst, std::fabs(static_cast<double>(original[i]) - substitute[i]));
      EXPECT_LE(worst, spec->facts.substitute->error) << spec->name << " → " << target->name << " at scale " << scale;
    }
  }
}

// Sine's own error, quoted by exact-trig: at frequencies whose phase steps are exact in float, against the sine
// of the exact phase, over a whole cycle; the declared bound is tight (not ten times what it measures).
TEST(Facts, SineOwnErrorIsWhatItDeclares) {
  const ObjectSpec* sine = registry().find("Sine");
  ASSERT_TRUE(sine->facts.substitute);
  const double declared = sine->facts.substitute->exactError;
  double worst = 0.0;
  for (double steps : {64.0, 256.0 / 3.0, 65536.0}) {
    const double freq = kSampleRate / steps;
    const int count = 65536;
    std::vector<float> out = render("Sine", {Input::value(static_cast<float>(freq)), Input::value(0.0f)}, count);
    for (int i = 0; i < count; ++i) {
      double error = std::fabs(out[i] - std::sin(2.0 * M_PI * std::fmod(i / steps, 1.0)));
      ASSERT_LE(error, declared) << freq << " Hz, sample " << i;
      worst = std::max(worst, error);
    }
  }
  EXPECT_GT(worst, declared / 10);
}

// Renders n instances in series, each fed by the one before.
std::vector<float> chain(const ObjectSpec& spec, std::vector<Input> inputs, size_t audio, int n, int count) {
  for (int i = 0; i < n; ++i) inputs[audio] = Input::signal(render(spec.name, inputs, count));
  return inputs[audio].samples;
}

TEST(Facts, CascadeIsTheChainSampleForSample) {
  const int count = 4096;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return f.cascade.has_value(); })) {
    const Cascade& cascade = *spec->facts.cascade;
    const ObjectSpec* target = registry().find(cascade.object);
    ASSERT_TRUE(target) << spec->name;
    // The cascade object has one value of each input for all stages: the chain must agree on every one it takes.
    for (const InputSpec& input : target->inputs)
      if (input.kind != InputKind::Audio && input.name != cascade.countInput && spec->inputIndex(input.name) >= 0)
        EXPECT_NE(std::find(cascade.sameInputs.begin(), cascade.sameInputs.end(), input.name), cascade.sameInputs.end())
            << spec->name << "'s cascade must name " << input.name;
    for (int variant = 0; variant < 3; ++variant) {
      std::vector<Input> inputs = defaultInputs(*spec);
      size_t audio = 0;
      for (size_t k = 0; k < inputs.size(); ++k) {
        const InputSpec& input = spec->inputs[k];
        if (input.kind == InputKind::Audio) {
          inputs[k] = Input::signal(uniformNoise(count, 3));
          audio = k;
        }
        if (variant == 1 && input.kind == InputKind::Signal) inputs[k] = Input::value(inputs[k].constant * 0.37f + 0.25f);
        if (variant == 2 && input.kind == InputKind::Constant && input.valid) inputs[k] = Input::value(input.valid->max);
      }
      for (int n : {2, 3, 5}) {
        std::vector<Input> fused = defaultInputs(*target);
        for (size_t k = 0; k < target->inputs.size(); ++k)
          if (int from = spec->inputIndex(target->inputs[k].name); from >= 0) fused[k] = inputs[static_cast<size_t>(from)];
        fused[static_cast<size_t>(target->inputIndex(cascade.countInput))] = Input::value(static_cast<float>(n));
        EXPECT_EQ(chain(*spec, inputs, audio, n, count), render(target->name, fused, count))
            << n << " " << spec->name << " (variant " << variant << ") are not one " << target->name;
      }
    }
  }
}

// Copies of a shareable noise are the same random process: the same statistics whatever the seed, so sharing one
// generator changes only which noise, not its kind.
TEST(Facts, ShareableNoiseCopiesAreAlike) {
  const int count = 1 << 18;
  for (const ObjectSpec* spec : declaring([](const ObjectFacts& f) { return f.shareableNoise; })) {
    EXPECT_TRUE(spec->inputs.empty()) << spec->name << ": a noise with inputs is not the same noise at every use";
    EXPECT_FALSE(spec->facts.deterministic) << spec->name;
    std::vector<double> means, variances;
    std::vector<std::vector<float>> outs;
    for (uint32_t seed : {11u, 12345u}) {
      outs.push_back(render(spec->name, {}, count, {.seed = seed}));
      double sum = 0, squares = 0;
      for (float v : outs.back()) {
        sum += v;
        squares += static_cast<double>(v) * v;
      }
      means.push_back(sum / count);
      variances.push_back(squares / count - means.back() * means.back());
    }
    EXPECT_NE(outs[0], outs[1]) << spec->name;
    EXPECT_NEAR(means[0], means[1], 0.01) << spec->name;
    EXPECT_NEAR(variances[0] / variances[1], 1.0, 0.02) << spec->name;
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
