// The built-in objects: one entry per kernel in stdlib/kernels/, with pyo 1.0.4's argument names, positional
// order and defaults (mul and add are left out: every object has them and the code generator applies them).
//
// Facts (DESIGN §4), tested in tests/unit/stdlib/:
// - linearInInput: f(a·x + b·y) = a·f(x) + b·f(y) when every Audio-kind input is scaled and summed together and
//   the other inputs are fixed. For Add and Sub (two Audio inputs) that means both inputs at once, so a mixdown
//   must sum both; Mul and Div are bilinear, not linear, and are declared false.
// - timeInvariant: starting the object k samples later (on an input delayed by k samples) delays its output by k.
#include <cmath>

#include "stdlib/Registry.h"
#include "stdlib/kernels/Delay.h"
#include "stdlib/kernels/FastSine.h"
#include "stdlib/kernels/Freeverb.h"
#include "stdlib/kernels/KernelMath.h"
#include "stdlib/kernels/Noise.h"
#include "stdlib/kernels/Phaser.h"
#include "stdlib/kernels/Sine.h"
#include "stdlib/kernels/SineLoop.h"

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

ObjectFacts oscillatorFacts(float cost) {
  ObjectFacts facts;
  facts.cost = cost;
  return facts;
}

ObjectFacts filterFacts(float cost) {
  ObjectFacts facts;
  facts.linearInInput = true;
  facts.cost = cost;
  return facts;
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
    spec.generator = true;
    spec.bipolar = false;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Sine";
    spec.doc = "A sine wave oscillator.";
    spec.inputs = {signal("freq", 1000.0f, "frequency in Hz"), signal("phase", 0.0f, "phase offset in cycles, 0..1")};
    spec.facts = oscillatorFacts(1.0f);
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
                   signal("feedback", 0.0f, "amount of output added to the phase, 0..1 (brightness)")};
    spec.facts = oscillatorFacts(1.2f);
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
                   constant("initphase", 0.0f, "initial phase in cycles, 0..1, read at init only"),
                   constant("quality", 1.0f, "1: refined parabola (error < 0.0011), 0: plain parabola (< 0.056)")};
    spec.facts = oscillatorFacts(0.5f);
    spec.stateBytes = sizeof(kernel::fastsine::State);
    spec.generator = true;
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Noise";
    spec.doc = "A white noise generator, uniform in [-1, 1).";
    spec.facts = oscillatorFacts(0.3f);
    spec.facts.deterministic = false;
    spec.stateBytes = sizeof(kernel::noise::State);
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
                   constant("num", 8.0f, "number of allpass stages (notches), read at init only")};
    spec.facts = filterFacts(8.0f);
    spec.stateBytesFor = [](const ConstantInputs& constants, double) {
      return kernel::phaser::laneBytes(constants[5]);
    };
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
                   signal("q", 1.0f, "Q: centre frequency / bandwidth, 1..500")};
    spec.facts = filterFacts(1.0f);
    spec.stateBytes = sizeof(kernel::BiquadHistory);
    registry.add(std::move(spec));
  }
  {
    ObjectSpec spec;
    spec.name = "Biquad";
    spec.doc = "A sweepable RBJ-cookbook biquad: lowpass, highpass, bandpass, bandstop or allpass.";
    spec.inputs = {audio("input", "input signal to process"),
                   signal("freq", 1000.0f, "cutoff or centre frequency in Hz"), signal("q", 1.0f, "Q of the filter"),
                   constant("type", 0.0f, "0 lowpass, 1 highpass, 2 bandpass, 3 bandstop, 4 allpass")};
    spec.facts = filterFacts(1.0f);
    spec.stateBytes = sizeof(kernel::BiquadHistory);
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
                   signal("size", 0.5f, "room size, 0..1: longer reverb when higher"),
                   signal("damp", 0.5f, "high frequency damping, 0..1"),
                   signal("bal", 0.5f, "balance between dry (0) and wet (1) signal")};
    spec.facts = filterFacts(8.0f);
    spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
      return kernel::freeverb::laneBytes(static_cast<float>(sampleRate));
    };
    registry.add(std::move(spec));
  }

  // --- Internal: the elaborator's signal arithmetic ---------------------------------------------------------
  registry.add(arithmetic("Add", "a + b", true, 0.1f));
  registry.add(arithmetic("Sub", "a - b", true, 0.1f));
  registry.add(arithmetic("Mul", "a * b", false, 0.1f));
  registry.add(arithmetic("Div", "a / b; a divisor within 1e-5 of 0 counts as 1e-5, as pyo", false, 0.2f));
}

}  // namespace patchc
