// The built-in objects: one entry per kernel in stdlib/kernels/, with pyo 1.0.4's argument names, positional
// order and defaults (mul and add are left out: every object has them and the code generator applies them).
//
// Facts (DESIGN §4), tested in tests/unit/stdlib/:
// - linearInInput: f(a·x + b·y) = a·f(x) + b·f(y) when every Audio-kind input is scaled and summed together and
//   the other inputs are fixed. For Add and Sub (two Audio inputs) that means both inputs at once, so a mixdown
//   must sum both; Mul and Div are bilinear, not linear, and are declared false.
// - timeInvariant: starting the object k samples later (on an input delayed by k samples) delays its output by k.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "stdlib/Registry.h"
#include "stdlib/kernels/Biquad.h"
#include "stdlib/kernels/BrownNoise.h"
#include "stdlib/kernels/Delay.h"
#include "stdlib/kernels/Envelope.h"
#include "stdlib/kernels/FastSine.h"
#include "stdlib/kernels/Freeverb.h"
#include "stdlib/kernels/KernelMath.h"
#include "stdlib/kernels/Lorenz.h"
#include "stdlib/kernels/Noise.h"
#include "stdlib/kernels/Phaser.h"
#include "stdlib/kernels/SfPlayer.h"
#include "stdlib/kernels/Sine.h"
#include "stdlib/kernels/SineLoop.h"
#include "stdlib/kernels/WGVerb.h"
#include "stdlib/kernels/Waveguide.h"

namespace patchc {

namespace {

InputSpec audio(std::string name, std::string doc) {
  return {std::move(name), InputKind::Audio, std::nullopt, std::move(doc)};
}
InputSpec signal(std::string name, float defaultValue, std::string doc) {
  return {std::move(name), InputKind::Signal, defaultValue, std::move(doc)};
}
InputSpec constant(std::string name, float defaultValue, std::string doc) {
  return {std::move(name), InputKind::Constant, defaultValue, std::move(doc)};
}
InputSpec array(std::string name, std::string doc) {
  return {std::move(name), InputKind::Array, std::nullopt, std::move(doc)};
}
// Not one of pyo's arguments: a Constant the elaborator sets (Registry.h's InputSpec::hidden); comes last.
InputSpec hidden(std::string name, float defaultValue, std::string doc) {
  return {std::move(name), InputKind::Constant, defaultValue, std::move(doc), true};
}

// An input with pyo's documented range (Registry.h's ValidRange).
InputSpec within(InputSpec input, ValidRange valid) {
  input.valid = std::move(valid);
  return input;
}

std::string number(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(v));
  return text;
}

// A range that both pyo 1.0.4 and patchc clamp to.
ValidRange clampedAsPyo(float min, float max) {
  auto to = [](float v) { return "pyo 1.0.4 and patchc clamp it to " + number(v); };
  return {min, max, false, to(min), to(max), ""};
}

// Biquad's and Biquadx's type: pyo 1.0.4's switch has no case for other values, so no coefficients are made.
ValidRange filterType() {
  return {0.0f, 4.0f, true, "pyo 1.0.4 has no filter for it (it never computes coefficients); patchc uses 0, lowpass",
          "pyo 1.0.4 has no filter for it (it never computes coefficients); patchc uses 4, allpass",
          "pyo 1.0.4 refuses it (type takes an int); patchc uses its whole part"};
}

// The RBJ biquads' q: pyo documents 1..500 but computes with any q from 0.1 up (0.1 below that).
ValidRange cookbookQ() {
  return {1.0f, 500.0f, false,
          "pyo 1.0.4 filters with it all the same (with 0.1 below 0.1), patchc too (with 0.01 below 0.01)",
          "pyo 1.0.4 filters with it all the same, patchc too (up to 10000)", ""};
}

// A number of stages in series: pyo 1.0.4 runs none for 0 or less, and any number above.
ValidRange stagesInSeries(float max, const char* none) {
  return {1.0f, max, true, std::string("pyo 1.0.4 then runs no stage (") + none + "); patchc clamps it to 1",
          "pyo 1.0.4 runs them all; patchc clamps it to " + number(max),
          "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"};
}

// pyo's arithmetic objects (Sin, Cos, Sqrt): one input, per sample, no state, not linear.
ObjectSpec mathFunction(std::string name, std::string doc, float cost, bool bipolar) {
  ObjectSpec spec;
  spec.name = std::move(name);
  spec.doc = std::move(doc);
  spec.inputs = {audio("input", "input signal")};
  spec.facts.stateless = true;
  spec.facts.cost = cost;
  spec.bipolar = bipolar;
  return spec;
}

ObjectFacts oscillatorFacts(float cost) {
  ObjectFacts facts;
  facts.cost = cost;
  return facts;
}

ObjectFacts filterFacts(float cost) {
  ObjectFacts facts;
  facts.linearInInput = true;
  facts.recursive = true;  // every filter and effect here has a pole or a feedback path
  facts.cost = cost;
  return facts;
}

// An output range that does not depend on the inputs (ObjectFacts::outputRange).
std::function<Range(const RangeQuery&)> always(Interval range) {
  return [range](const RangeQuery&) -> Range { return range; };
}

// The index of a declared input, for facts that name one.
size_t inputNamed(const ObjectSpec& spec, const char* name) {
  int index = spec.inputIndex(name);
  if (index < 0) std::abort();  // a declaration naming an input it does not have: caught by every test run
  return static_cast<size_t>(index);
}

ObjectSpec arithmetic(std::string name, std::string doc, bool linear, float cost) {
  ObjectSpec spec;
  spec.name = std::move(name);
  spec.doc = std::move(doc);
  spec.inputs = {audio("a", "left operand"), audio("b", "right operand")};
  spec.facts.linearInInput = linear;
  spec.facts.stateless = true;
  spec.facts.cost = cost;
  spec.bipolar = false;
  spec.internal = true;
  return spec;
}

}  // namespace

void registerBuiltinObjects(Registry& registry) {
  // --- Generators -------------------------------------------------------------------------------------------
  {
    ObjectSpec spec;
    spec.name = "Sig";
    spec.doc = "Converts a number or a signal into an audio signal.";
    // pyo 1.0.4: Sig(value, mul=1, add=0), value is required.
    spec.inputs = {{"value", InputKind::Signal, std::nullopt, "the value to output: number or signal"}};
    spec.facts = oscillatorFacts(0.1f);
    spec.facts.stateless = true;
    spec.facts.outputIs = OutputIs::Input;
    spec.facts.fold = [](const ConstantInputs& c) { return c[0]; };
    spec.facts.outputRange = [](const RangeQuery& q) { return q.input(0); };
    spec.generator = true;
    spec.bipolar = false;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Sine";
    spec.doc = "A sine wave oscillator.";
    // pyo 1.0.4 adds phase · 512 to its table index and wraps it once: from 2 up, or below 0, it reads outside
    // its table.
    spec.inputs = {signal("freq", 1000.0f, "frequency in Hz"),
                   within(signal("phase", 0.0f, "phase offset in cycles, 0..1"),
                          {0.0f, 1.0f, false,
                           "pyo 1.0.4 then reads outside its sine table (undefined output); patchc wraps it to its "
                           "fractional part",
                           "pyo 1.0.4 wraps it once and reads outside its sine table from 2 up; patchc wraps it to "
                           "its fractional part",
                           ""})};
    spec.facts = oscillatorFacts(1.0f);
    spec.facts.outputRange = always({-1.0f, 1.0f});
    // -Ofast's fast-trig: FastSine(freq, initphase=phase, quality=1), within 0.0011 of it.
    spec.facts.substitute = Substitute{"FastSine",
                                       {{"freq", "freq"}, {"initphase", "phase", 0.0f, true}, {"quality", "", 1.0f}},
                                       0.0011, "FastSine's polynomial", "exact sine", 2.5e-7};
    spec.stateBytes = sizeof(kernel::sine::State);
    spec.laneBlock = true;
    spec.generator = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "SineLoop";
    spec.doc = "A sine wave oscillator with its output fed back into its phase.";
    spec.inputs = {signal("freq", 1000.0f, "frequency in Hz"),
                   within(signal("feedback", 0.0f, "amount of output added to the phase, 0..1 (brightness)"),
                          clampedAsPyo(0.0f, 1.0f))};
    spec.facts = oscillatorFacts(1.2f);
    spec.facts.outputRange = always({-1.0f, 1.0f});
    spec.stateBytes = sizeof(kernel::sineloop::State);
    spec.laneBlock = true;
    spec.generator = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "FastSine";
    spec.doc = "A fast sine approximation from a parabola.";
    spec.inputs = {signal("freq", 1000.0f, "frequency in Hz"),
                   within(constant("initphase", 0.0f, "initial phase in cycles, 0..1, read at init only"),
                          {0.0f, 1.0f, false, "pyo 1.0.4 clamps it to 0; patchc wraps it to its fractional part",
                           "pyo 1.0.4 clamps it to 1; patchc wraps it to its fractional part", ""}),
                   within(constant("quality", 1.0f, "1: refined parabola (error < 0.0011), 0: plain parabola (< 0.056)"),
                          {0.0f, 1.0f, true, "pyo 1.0.4 and patchc use 0", "pyo 1.0.4 and patchc use 1",
                           "pyo 1.0.4 refuses it (quality takes an int); patchc uses 1 from 0.5 up"})};
    spec.facts = oscillatorFacts(0.5f);
    spec.facts.outputRange = always({-1.0f, 1.0f});
    spec.stateBytes = sizeof(kernel::fastsine::State);
    spec.generator = true;
    spec.laneBlock = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Noise";
    spec.doc = "A white noise generator, uniform in [-1, 1).";
    spec.facts = oscillatorFacts(0.3f);
    spec.facts.deterministic = false;
    spec.facts.outputRange = always({-1.0f, 1.0f});
    spec.facts.shareableNoise = true;
    spec.stateBytes = sizeof(kernel::noise::State);
    spec.generator = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "BrownNoise";
    spec.doc = "A brown noise generator: power falls 6 dB per octave (leaky-integrated white noise).";
    spec.facts = oscillatorFacts(0.4f);
    spec.facts.deterministic = false;
    spec.stateBytes = sizeof(kernel::brownnoise::State);
    spec.generator = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Lorenz";
    spec.doc = "A chaotic oscillator: the Lorenz attractor's x, normalized (stereo=True's y stream is not supported).";
    spec.inputs = {within(signal("pitch", 0.25f, "speed of the variations, 0..1: an LFO below 0.2, a buzzing noise above"),
                          clampedAsPyo(0.0f, 1.0f)),
                   within(signal("chaos", 0.5f, "0: periodic (rho 320) .. 1: chaotic (rho 28)"), clampedAsPyo(0.0f, 1.0f)),
                   constant("stereo", 0.0f, "pyo: 1 adds the y variable as a second stream; patchc: x only")};
    spec.facts = oscillatorFacts(3.0f);
    spec.stateBytes = sizeof(kernel::lorenz::State);
    spec.generator = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "SfPlayer";
    spec.doc = "Plays a sound file read when compiling, at a given speed, once or looped.";
    spec.inputs = {array("path", "the sound file; the compiler reads it and gives each lane one channel"),
                   signal("speed", 1.0f, "playback rate: 1 the original pitch, negative plays backwards"),
                   constant("loop", 0.0f, "1: play in a loop, 0: once, then output 0"),
                   constant("offset", 0.0f, "seconds of the sound skipped at the start (and at each loop)"),
                   within(constant("interp", 2.0f, "interpolation: 1 none, 2 linear, 3 cosine, 4 cubic"),
                          {1.0f, 4.0f, true,
                           "pyo 1.0.4 reads 0 as 2 (linear) and has no interpolation below 0; patchc uses 1 (none)",
                           "pyo 1.0.4 has no interpolation for it; patchc uses 4 (cubic)",
                           "pyo 1.0.4 refuses it (interp takes an int); patchc uses its whole part"}),
                   hidden("fileSampleRate", 0.0f, "the sound file's sample rate (0: the server's)")};
    spec.facts = oscillatorFacts(1.0f);
    spec.stateBytes = sizeof(kernel::sfplayer::State);
    spec.generator = true;
    registry.add(std::move(spec));
  }

  // --- Envelopes: they run once play() or out() started them -------------------------------------------------
  {
    ObjectSpec spec;
    spec.name = "Fader";
    spec.doc = "A linear fade-in / fade-out envelope between 0 and 1; starts with play().";
    spec.inputs = {constant("fadein", 0.01f, "rising time in seconds"),
                   constant("fadeout", 0.1f, "falling time in seconds"),
                   constant("dur", 0.0f, "total duration in seconds; 0: fade in and hold"),
                   hidden("playing", 0.0f, "1 once play() or out() started the envelope")};
    spec.facts = oscillatorFacts(0.3f);
    spec.facts.outputRange = always({0.0f, 1.0f});
    spec.stateBytes = sizeof(kernel::envelope::State);
    spec.generator = true;
    spec.bipolar = false;  // [0, 1]: .range(min, max) maps 0 to min and 1 to max
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Linseg";
    spec.doc = "Straight line segments between (time, value) breakpoints; starts with play().";
    spec.inputs = {array("list", "breakpoints [(time, value), ...], times in seconds, increasing"),
                   constant("loop", 0.0f, "1: restart at the end of the list"),
                   constant("initToFirstVal", 0.0f, "1: output the first value until started (else 0)"),
                   hidden("playing", 0.0f, "1 once play() or out() started the envelope")};
    spec.facts = oscillatorFacts(0.3f);
    // Between its breakpoints' values, and 0 before play().
    spec.facts.outputRange = [](const RangeQuery& q) -> Range {
      auto points = q.array(0);  // t0 v0 t1 v1 ...
      if (!points) return std::nullopt;
      Interval range = Interval::point(0.0f);
      for (size_t i = 1; i < points->size(); i += 2) range = join(range, Interval::point((*points)[i]));
      return range;
    };
    spec.stateBytes = sizeof(kernel::envelope::State);
    spec.generator = true;
    registry.add(std::move(spec));
  }

  // --- Filters and effects ----------------------------------------------------------------------------------
  {
    ObjectSpec spec;
    spec.name = "Phaser";
    spec.doc = "A phase shifter: num cascaded second-order allpass filters.";
    spec.inputs = {audio("input", "input signal to process"),
                   signal("freq", 1000.0f, "centre frequency of the first notch in Hz"),
                   signal("spread", 1.1f, "spreading factor for upper notch frequencies"),
                   signal("q", 10.0f, "Q of each notch: centre frequency / bandwidth"),
                   signal("feedback", 0.0f, "amount of output fed back into the chain, -1..1"),
                   within(constant("num", 8.0f, "number of allpass stages (notches), read at init only"),
                          stagesInSeries(kernel::phaser::kMaxStages, "the input passes through, with the feedback"))};
    spec.facts = filterFacts(8.0f);
    spec.stateBytesFor = [](const ConstantInputs& constants, double) {
      return kernel::phaser::laneBytes(constants[5]);
    };
    spec.laneBlock = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "ButLP";
    spec.doc = "A second-order Butterworth lowpass filter.";
    spec.inputs = {audio("input", "input signal to process"), signal("freq", 1000.0f, "cutoff frequency in Hz")};
    spec.facts = filterFacts(1.0f);
    spec.stateBytes = sizeof(kernel::BiquadHistory);
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "ButHP";
    spec.doc = "A second-order Butterworth highpass filter.";
    spec.inputs = {audio("input", "input signal to process"), signal("freq", 1000.0f, "cutoff frequency in Hz")};
    spec.facts = filterFacts(1.0f);
    spec.stateBytes = sizeof(kernel::BiquadHistory);
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "ButBP";
    spec.doc = "A second-order Butterworth bandpass filter.";
    spec.inputs = {audio("input", "input signal to process"), signal("freq", 1000.0f, "centre frequency in Hz"),
                   within(signal("q", 1.0f, "Q: centre frequency / bandwidth, 1..500"),
                          {1.0f, 500.0f, false, "pyo 1.0.4 uses 1; patchc uses it as given (down to 0.01)",
                           "pyo 1.0.4 filters with it all the same, patchc too (up to 10000)", ""})};
    spec.facts = filterFacts(1.0f);
    spec.stateBytes = sizeof(kernel::BiquadHistory);
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Biquad";
    spec.doc = "A sweepable RBJ-cookbook biquad: lowpass, highpass, bandpass, bandstop or allpass.";
    spec.inputs = {audio("input", "input signal to process"),
                   signal("freq", 1000.0f, "cutoff or centre frequency in Hz"),
                   within(signal("q", 1.0f, "Q of the filter"), cookbookQ()),
                   within(constant("type", 0.0f, "0 lowpass, 1 highpass, 2 bandpass, 3 bandstop, 4 allpass"),
                          filterType())};
    spec.facts = filterFacts(1.0f);
    spec.facts.cascade = Cascade{"Biquadx", "stages", {"freq", "q", "type"}};
    spec.stateBytes = sizeof(kernel::BiquadHistory);
    spec.laneBlock = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Biquadx";
    spec.doc = "stages identical RBJ-cookbook biquads in series, designed once.";
    spec.inputs = {audio("input", "input signal to process"),
                   signal("freq", 1000.0f, "cutoff or centre frequency in Hz"),
                   within(signal("q", 1.0f, "Q of each stage"), cookbookQ()),
                   within(constant("type", 0.0f, "0 lowpass, 1 highpass, 2 bandpass, 3 bandstop, 4 allpass"),
                          filterType()),
                   within(constant("stages", 4.0f, "number of filters in series, read at init only"),
                          stagesInSeries(kernel::biquad::kMaxStages, "it outputs silence"))};
    spec.facts = filterFacts(0.8f * 4.0f);
    spec.stateBytesFor = [](const ConstantInputs& constants, double) {
      return kernel::biquad::laneBytes(constants[4]);
    };
    spec.laneBlock = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Allpass2";
    spec.doc = "A second-order allpass: phase -180 degrees at freq, bw Hz between -90 and -270 degrees.";
    spec.inputs = {audio("input", "input signal to process"), signal("freq", 1000.0f, "centre frequency in Hz"),
                   signal("bw", 100.0f, "bandwidth in Hz")};
    spec.facts = filterFacts(1.0f);
    spec.stateBytes = sizeof(kernel::BiquadHistory);
    spec.laneBlock = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Delay";
    spec.doc = "A sweepable recursive delay with linear interpolation.";
    spec.inputs = {audio("input", "input signal to delay"),
                   signal("delay", 0.25f, "delay time in seconds, at least one sample, at most maxdelay"),
                   signal("feedback", 0.0f, "amount of output fed back into the line, 0..1"),
                   constant("maxdelay", 1.0f, "maximum delay in seconds, read at init only")};
    spec.facts = filterFacts(1.5f);
    spec.facts.feedsBackThrough = inputNamed(spec, "feedback");
    spec.stateBytesFor = [](const ConstantInputs& constants, double sampleRate) {
      return kernel::delay::laneBytes(constants[3], static_cast<float>(sampleRate));
    };
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Freeverb";
    spec.doc = "Jezar's Freeverb: 8 damped combs into 4 allpasses.";
    spec.inputs = {audio("input", "input signal to process"),
                   within(signal("size", 0.5f, "room size, 0..1: longer reverb when higher"), clampedAsPyo(0.0f, 1.0f)),
                   within(signal("damp", 0.5f, "high frequency damping, 0..1"), clampedAsPyo(0.0f, 1.0f)),
                   within(signal("bal", 0.5f, "balance between dry (0) and wet (1) signal"), clampedAsPyo(0.0f, 1.0f))};
    spec.facts = filterFacts(8.0f);
    spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
      return kernel::freeverb::laneBytes(static_cast<float>(sampleRate));
    };
    registry.add(std::move(spec));
  }

  {
    ObjectSpec spec;
    spec.name = "Waveguide";
    spec.doc = "A basic waveguide string: a delay line of one period closed through a lowpass.";
    spec.inputs = {audio("input", "excitation signal"), signal("freq", 100.0f, "frequency in Hz (1 / loop delay)"),
                   signal("dur", 10.0f, "seconds for the tone to fall 40 dB"),
                   constant("minfreq", 20.0f, "lowest frequency, sizes the delay line, read at init only")};
    spec.facts = filterFacts(2.0f);
    spec.stateBytesFor = [](const ConstantInputs& constants, double sampleRate) {
      return kernel::waveguide::laneBytes(constants[3], static_cast<float>(sampleRate));
    };
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "WGVerb";
    spec.doc = "An 8-line waveguide (feedback delay network) reverb with lowpassed, slowly moving delays.";
    spec.inputs = {audio("input", "input signal to process"),
                   signal("feedback", 0.5f, "amount sent back into the lines, 0..1: longer reverb when higher"),
                   signal("cutoff", 5000.0f, "cutoff of the lowpass in each line, in Hz"),
                   within(signal("bal", 0.5f, "balance between dry (0) and wet (1) signal"), clampedAsPyo(0.0f, 1.0f))};
    spec.facts = filterFacts(10.0f);
    spec.facts.timeInvariant = false;  // the delays move with time, whatever the input
    spec.facts.deterministic = false;  // and how they move depends on the lane's seed
    spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
      return kernel::wgverb::laneBytes(static_cast<float>(sampleRate));
    };
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Denorm";
    spec.doc = "Adds noise of magnitude 1e-24 to its input, keeping filters out of subnormal numbers.";
    spec.inputs = {audio("input", "input signal to process")};
    spec.facts.linearInInput = false;  // it adds noise: f(0) is not 0
    spec.facts.deterministic = false;
    spec.facts.cost = 0.3f;
    spec.facts.denormalGuard = true;
    spec.stateBytes = sizeof(kernel::noise::State);
    registry.add(std::move(spec));
  }

  // --- pyo's arithmetic objects ------------------------------------------------------------------------------
  // Sin and Cos have a hidden "fast" input: -Ofast's fast-trig sets it to use the polynomial sine.
  for (auto [name, doc] : {std::pair{"Sin", "The sine of its input (radians), per sample."},
                           std::pair{"Cos", "The cosine of its input (radians), per sample."}}) {
    ObjectSpec spec = mathFunction(name, doc, 1.0f, true);
    spec.inputs.push_back(hidden("fast", 0.0f, "1: the polynomial sine of -Ofast (fast-trig) instead of libm's"));
    // Trig.h derives the bound; MathTest checks it.
    spec.facts.approximationSwitch = ApproximationSwitch{inputNamed(spec, "fast"), {3.1e-7, 1.8e-7},
                                                         "the polynomial sine", "libm", "rad"};
    registry.add(std::move(spec));
  }
  registry.add(mathFunction("Sqrt", "The square root of its input per sample; 0 for a negative input.", 0.3f, true));

  // --- Internal: the elaborator's signal arithmetic ---------------------------------------------------------
  // Their folds are the kernels' arithmetic; identities in the order the first that holds applies.
  {
    ObjectSpec spec = arithmetic("Add", "a + b", true, 0.1f);
    spec.facts.fold = [](const ConstantInputs& c) { return c[0] + c[1]; };
    spec.facts.outputRange = [](const RangeQuery& q) { return sum(q.input(0), q.input(1)); };
    spec.facts.outputIs = OutputIs::SumOfInputs;
    spec.facts.identities = {{0, 0.0f, 1}, {1, 0.0f, 0}};  // 0 + b = b, a + 0 = a
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec = arithmetic("Sub", "a - b", true, 0.1f);
    spec.facts.fold = [](const ConstantInputs& c) { return c[0] - c[1]; };
    spec.facts.outputRange = [](const RangeQuery& q) { return difference(q.input(0), q.input(1)); };
    spec.facts.identities = {{1, 0.0f, 0}};  // a - 0 = a
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec = arithmetic("Mul", "a * b", false, 0.1f);
    spec.facts.fold = [](const ConstantInputs& c) { return c[0] * c[1]; };
    spec.facts.outputRange = [](const RangeQuery& q) { return product(q.input(0), q.input(1)); };
    spec.facts.outputIs = OutputIs::ProductOfInputs;
    spec.facts.identities = {{0, 1.0f, 1}, {1, 1.0f, 0}};  // 1 · b = b, a · 1 = a
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec = arithmetic("Div", "a / b; a divisor within 1e-5 of 0 counts as 1e-5, as pyo", false, 0.2f);
    spec.facts.fold = [](const ConstantInputs& c) { return c[0] / (std::fabs(c[1]) < 1e-5f ? 1e-5f : c[1]); };
    spec.facts.identities = {{1, 1.0f, 0}};  // a / 1 = a
    registry.add(std::move(spec));
  }
}

}  // namespace patchc
