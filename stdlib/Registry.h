// The registry of objects: for each pyo object patchc knows, its signature (pyo's argument names, order and
// defaults), the facts the optimizer may rely on, and how to size the kernel's per-lane state.
// A new object is one kernel file in stdlib/kernels/ plus one entry in its registration list (Objects.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace patchc {

enum class InputKind {
  Audio,     // the processed signal (`input`): must be given an object or a number
  Signal,    // a parameter that may be a number or a signal (audio, control or const rate)
  Constant,  // a number known when compiling (e.g. Phaser's `num`, Delay's `maxdelay`); sizes state
  Array,     // numbers known when compiling, passed whole (In::count()): a list of numbers, a list of pairs
             // (flattened: Linseg's [(t0, v0), (t1, v1)] → t0 v0 t1 v1), or a sound file's path, which the
             // compiler reads, one lane per channel (SfPlayer)
};

// The values pyo 1.0.4 documents for an input (its docstring: "between 0 and 1", "five possible values"). pyo
// accepts others, so a constant outside is a warning, not an error: it says what pyo and patchc then do, which
// was read in pyo's source and differs from object to object.
struct ValidRange {
  float min = 0.0f;
  float max = 0.0f;
  bool wholeNumbers = false;  // pyo takes an int (a filter type, a number of stages)
  std::string below;          // what pyo and patchc do with a value below min
  std::string above;          // ... above max
  std::string fraction;       // ... with a value that is not a whole number (wholeNumbers only)
};

struct InputSpec {
  std::string name;
  InputKind kind;
  std::optional<float> defaultValue;  // nullopt: the argument is required
  std::string doc;
  // Not one of pyo's arguments: the elaborator sets it. Hidden inputs come last in ObjectSpec::inputs.
  // Known names: "playing" (1 once `play()`/`out()` started the object, e.g. Fader, Linseg; default 0),
  // "fileSampleRate" (the sample rate of the sound file given to an Array input).
  bool hidden = false;
  std::optional<ValidRange> valid;  // pyo's documented range, when it documents one
};

// What the optimizer may rely on, declared next to the kernel and tested per object (DESIGN §4).
struct ObjectFacts {
  bool linearInInput = false;  // f(a·x + b·y) = a·f(x) + b·f(y) for the Audio input, other inputs fixed
  bool timeInvariant = true;   // given constant parameters
  bool deterministic = true;   // false for noise generators
  bool stateless = false;      // output depends only on the current input samples
  // Feeds its output back into itself (IIR filters, delays with feedback, reverbs): when its input falls
  // silent, its tail decays through subnormal numbers, the manual's denormal tip.
  bool recursive = false;
  float cost = 1.0f;           // rough cycles per sample per lane, relative to a Sine
};

// Constant values of a node's inputs, one per InputSpec, per lane (NaN where an input is not constant).
struct ConstantInputs {
  std::vector<float> values;
  float operator[](size_t i) const { return values[i]; }
};

struct ObjectSpec {
  std::string name;  // pyo's class name, also the kernel's symbol stem: patchc_<name>_process
  std::string doc;   // one line for `patchc --list-objects` and errors
  std::vector<InputSpec> inputs;  // in pyo's positional order, without mul and add (every object has those)
  ObjectFacts facts;
  uint64_t stateBytes = 0;  // per lane, when it does not depend on constant inputs
  // Per-lane state size when it depends on constant inputs (e.g. a delay line's length); overrides stateBytes.
  // 64-bit and saturating (stdlib/CheckedSize.h): the state-bytes limit refuses what is too big, nothing wraps.
  std::function<uint64_t(const ConstantInputs&, double sampleRate)> stateBytesFor;
  size_t stateAlign = 16;
  bool generator = false;     // has no Audio input (oscillators, noise)
  bool bipolar = true;        // output in [-1, 1]: `.range(min, max)` maps it as pyo does
  bool internal = false;      // an op the elaborator makes (arithmetic), not constructible by name
  bool laneBlock = false;     // the kernel also exports patchc_<name>_processLanes (Kernel.h)

  int inputIndex(const std::string& inputName) const;
  uint64_t laneStateBytes(const ConstantInputs& constants, double sampleRate) const;
};

class Registry {
 public:
  // The registry of all built-in objects.
  static const Registry& builtin();

  const ObjectSpec* find(const std::string& name) const;
  const std::vector<ObjectSpec>& all() const { return specs_; }
  std::vector<std::string> names() const;

  void add(ObjectSpec spec);

 private:
  std::vector<ObjectSpec> specs_;
};

// Defined in Objects.cpp: registers every built-in object.
void registerBuiltinObjects(Registry& registry);

}  // namespace patchc
