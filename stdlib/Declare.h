// What a kernel's header uses to declare its object, once, beside the kernel:
//
//   namespace patchc::kernel::allpass2 {
//   enum Input { kInput, kFreq, kBw };  // the kernel reads in[kFreq], never in[1]
//   }
//   PATCHC_OBJECT(Allpass2) {
//     using namespace patchc::declare;
//     using namespace patchc::kernel::allpass2;
//     spec.doc = "...";
//     spec.input(kInput, audio("input", "input signal to process"));
//     spec.input(kFreq, signal("freq", 1000.0f, "centre frequency in Hz"));
//     ...
//   }
//
// The build finds every PATCHC_OBJECT in stdlib/kernels/*.h and every PATCHC_KERNEL_PROCESS_LANES in the kernels'
// sources and generates the registry from them (cmake/GenerateRegistry.cmake): nothing else lists objects.
// The declaration is an inline function: a kernel compiled to bitcode includes it and never emits it.
#pragma once

#include "stdlib/Kernel.h"
#include "stdlib/Registry.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

// Declares the object `Name` (pyo's class name, the kernel's symbol stem): the body sets `spec`, which arrives
// with its name set.
#define PATCHC_OBJECT(Name)                                                                                      \
  extern "C" void patchc_##Name##_init(void*, const ::patchc::kernel::In*, const ::patchc::kernel::Env*,         \
                                       uint32_t);                                                                \
  extern "C" void patchc_##Name##_process(void*, const ::patchc::kernel::In*, float* const*, int,                \
                                          const ::patchc::kernel::Env*);                                          \
  inline void patchc_declare_##Name([[maybe_unused]] ::patchc::ObjectSpec& spec)

namespace patchc::declare {

inline InputSpec makeInput(std::string name, InputKind kind, std::optional<float> defaultValue, std::string doc,
                           bool hidden = false) {
  InputSpec input;
  input.name = std::move(name);
  input.kind = kind;
  input.defaultValue = defaultValue;
  input.doc = std::move(doc);
  input.hidden = hidden;
  return input;
}
inline InputSpec audio(std::string name, std::string doc) {
  return makeInput(std::move(name), InputKind::Audio, std::nullopt, std::move(doc));
}
inline InputSpec signal(std::string name, std::optional<float> defaultValue, std::string doc) {
  return makeInput(std::move(name), InputKind::Signal, defaultValue, std::move(doc));
}
inline InputSpec constant(std::string name, float defaultValue, std::string doc) {
  return makeInput(std::move(name), InputKind::Constant, defaultValue, std::move(doc));
}
inline InputSpec array(std::string name, std::string doc) {
  return makeInput(std::move(name), InputKind::Array, std::nullopt, std::move(doc));
}
// An Array input whose default is pyo's one-number list [value] (Seq's seq=[1]); the elaborator gives that list
// when the script does not.
inline InputSpec arrayWithDefault(std::string name, float value, std::string doc) {
  return makeInput(std::move(name), InputKind::Array, value, std::move(doc));
}
// A table (PyoTableObject) the object reads: one channel per lane, size + 1 numbers (Table.h).
inline InputSpec table(std::string name, std::string doc) {
  InputSpec input = makeInput(std::move(name), InputKind::Array, std::nullopt, std::move(doc));
  input.table = true;
  return input;
}
// A table the object writes while the patch plays (TableRec, TableFill): the kernel writes through
// table::writable(in[k]) (TableReading.h); the table moves into the patch's state (docs/tables.md).
inline InputSpec writtenTable(std::string name, std::string doc) {
  InputSpec input = table(std::move(name), std::move(doc));
  input.writes = true;
  return input;
}
// A list of tables (TableMorph's sources), packed into one array: [count, size₀, ..., size₍count−1₎, then the first
// channel of each, size samples each, without guard points] (InputSpec::tableList), read when compiling.
inline InputSpec tableList(std::string name, std::string doc) {
  InputSpec input = makeInput(std::move(name), InputKind::Array, std::nullopt, std::move(doc));
  input.tableList = true;
  return input;
}
// Not one of pyo's arguments: a Constant the elaborator sets (Registry.h's InputSpec::hidden); comes last.
inline InputSpec hidden(std::string name, float defaultValue, std::string doc) {
  return makeInput(std::move(name), InputKind::Constant, defaultValue, std::move(doc), true);
}

// The hidden input a writer of tables gets its table's feedback in (NewTable's `feedback`: elab/Tables.cpp sets
// it by this name): each sample written is `written` (what the writer computes) + old · feedback.
inline InputSpec tableFeedback(const std::string& written) {
  return hidden("tableFeedback", 0.0f,
                "the table's feedback (NewTable's): each sample written is " + written + " + old · feedback");
}

// The hidden input through which a MIDI object reads the current block's MIDI events (stdlib/kernels/MidiEvents.h):
// the code generator gives it the address of the state's event block, never a number (Registry.h's InputSpec::midi).
inline InputSpec midiEvents() {
  InputSpec input = hidden("midi", 0.0f, "the block's MIDI events (the code generator passes the runtime's block)");
  input.midi = true;
  return input;
}

// The `playing` input of an object that play() and stop() drive (envelopes, TableRead, Metro): hidden, set by the
// elaborator, and at run time by handlers (a Param node). 0: never played; play() sets the next positive whole
// number (a restart, even while playing); stop() sets minus the current one. A kernel keeps the last value it saw:
// a new positive value restarts it, a value <= 0 after a positive one is pyo's stop() for the object.
inline InputSpec playing() {
  return makeInput("playing", InputKind::Signal, 0.0f,
                   "0 until play(); each play() a new positive number, stop() its negative", true);
}

// The `resets` input of an object a callback may reset() while playing (Looper's reading heads back to the start):
// hidden, 0 until then; each reset() sets the next whole number (as play() does `playing`). The kernel keeps the
// last value it saw and starts again from the beginning when it changes.
inline InputSpec resets() {
  return makeInput("resets", InputKind::Signal, 0.0f, "each reset() while playing a new number: start again", true);
}

// A Constant a callback may set while playing (Registry.h's InputSpec::settable): the kernel must read it with
// value() in every process call, and nothing may size state from it. An Array one (Linseg's list) may get a list
// of another length at any call: the kernel reads p and count() each call and keeps indexes it holds inside them.
inline InputSpec settable(InputSpec input) {
  input.settable = true;
  return input;
}

// An Audio input that takes a list of PyoObjects, one choice each (Registry.h's InputSpec::List).
inline InputSpec listOfObjects(InputSpec input, std::vector<size_t> extras, size_t count) {
  input.list = InputSpec::List{std::move(extras), count};
  return input;
}

// An input pyo also takes as one of these strings, the number being the string's index (Registry.h's keywords).
inline InputSpec keywords(InputSpec input, std::vector<std::string> words) {
  input.keywords = std::move(words);
  return input;
}

// An input with pyo's documented range (Registry.h's ValidRange).
inline InputSpec within(InputSpec input, ValidRange valid) {
  input.valid = std::move(valid);
  return input;
}

inline std::string number(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(v));
  return text;
}

// A range that both pyo 1.0.4 and patchc clamp to.
inline ValidRange clampedAsPyo(float min, float max) {
  auto to = [](float v) { return "pyo 1.0.4 and patchc clamp it to " + number(v); };
  return {min, max, false, to(min), to(max), ""};
}

// A number of stages in series: pyo 1.0.4 runs none for 0 or less, and any number above.
inline ValidRange stagesInSeries(float max, const char* none) {
  return {1.0f, max, true, std::string("pyo 1.0.4 then runs no stage (") + none + "); patchc clamps it to 1",
          "pyo 1.0.4 runs them all; patchc clamps it to " + number(max),
          "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"};
}

// A Constant patchc supports only up to `max` (an error above it, which says `why`); pyo accepts more.
inline ValidRange supportedUpTo(float max, std::string why) {
  ValidRange valid{-3.0e38f, max, false, "(no float is below)", std::move(why), ""};
  valid.refused = true;
  return valid;
}

// Outputs per lane, by name, in the kernel's order (its out[0], out[1], ...): STRev's {"left", "right"}.
inline void outputs(ObjectSpec& spec, std::vector<std::string> names, StreamOrder order = StreamOrder::LaneMajor) {
  spec.outputs = std::move(names);
  spec.streamOrder = order;
}

// The most outputs a count taken from an argument gives (Pan's outs=100000 would be 100000 buffers per lane).
inline constexpr int kMostCountedOutputs = 256;

// The outputs a count argument gives: its whole part in [1, kMostCountedOutputs] (NaN: 1). Kernels that read the
// count call it too, so they and the code generator agree on the buffers.
inline int countedOutputs(float v) {
  if (!(v >= 1.0f)) return 1;
  return v >= static_cast<float>(kMostCountedOutputs) ? kMostCountedOutputs : static_cast<int>(v);
}

// The ValidRange of a count of outputs (Pan's `outs`, Particle's `chnls`): whole numbers in [1,
// kMostCountedOutputs]; `belowOne` says what pyo and patchc do with less.
inline ValidRange countedOutputsRange(std::string belowOne) {
  return {1.0f, static_cast<float>(kMostCountedOutputs), true, std::move(belowOne),
          "patchc makes " + number(static_cast<float>(kMostCountedOutputs)),
          "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"};
}

// As many outputs as the Constant input `input` says (Pan's and SPan's `outs`, Particle2's `chnls`): its whole
// part, clamped to [1, kMostCountedOutputs]; the input should carry a ValidRange that says so.
inline void outputsCountedBy(ObjectSpec& spec, size_t input, StreamOrder order = StreamOrder::LaneMajor) {
  spec.outputCountInput = input;
  spec.streamOrder = order;
  spec.outputCountFor = [input](const ConstantInputs& c) { return countedOutputs(c[input]); };
}

// An output range that does not depend on the inputs (ObjectFacts::outputRange).
inline std::function<Range(const RangeQuery&)> always(Interval range) {
  return [range](const RangeQuery&) -> Range { return range; };
}

// The output is one of the numbers of the Array input `list` or the input `init` (Iter, TrigChoice): their hull.
inline std::function<Range(const RangeQuery&)> oneOfListOrInit(size_t list, size_t init) {
  return [list, init](const RangeQuery& q) -> Range {
    auto numbers = q.array(list);
    Range first = q.input(init);
    if (!numbers || !first) return std::nullopt;
    Interval range = *first;
    for (float v : *numbers) range = join(range, Interval::point(v));
    return range;
  };
}

// An object that only writes tables (TableRec, TableFill, ...): its own output is 0.
inline void outputsNothing(ObjectSpec& spec) {
  spec.facts.outputRange = always({0.0f, 0.0f});
  spec.bipolar = false;
}

inline ObjectFacts oscillatorFacts(float cost) {
  ObjectFacts facts;
  facts.cost = cost;
  return facts;
}

inline ObjectFacts filterFacts(float cost) {
  ObjectFacts facts;
  facts.linearInInput = true;
  facts.recursive = true;  // every filter and effect here has a pole or a feedback path
  facts.cost = cost;
  return facts;
}

// pyo's arithmetic objects (Sin, Cos, Sqrt): one input, per sample, no state, not linear.
inline void mathFunction(ObjectSpec& spec, float cost) {
  spec.facts.stateless = true;
  spec.facts.cost = cost;
}

// The elaborator's signal arithmetic (Add, Sub, Mul, Div): two Audio inputs a and b, per sample, no state; not
// constructible by name.
inline void arithmetic(ObjectSpec& spec, bool linear, float cost) {
  spec.facts.linearInInput = linear;
  spec.facts.stateless = true;
  spec.facts.cost = cost;
  spec.bipolar = false;
  spec.internal = true;
}

}  // namespace patchc::declare
