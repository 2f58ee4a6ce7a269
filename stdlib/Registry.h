// The registry of objects: for each pyo object patchc knows, its signature (pyo's argument names, order and
// defaults), the facts the optimizer may rely on, and how to size the kernel's per-lane state.
// Each object is declared once, in its kernel's header (stdlib/kernels/X.h, `PATCHC_OBJECT(X)`, Declare.h); the
// list of them is generated at build time (cmake/GenerateRegistry.cmake), so a new object is its kernel file and
// its header, nothing else.
#pragma once

#include "stdlib/Kernel.h"

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

// What the optimizer may rely on, declared next to the kernel and tested per object in tests/unit/stdlib/
// (DESIGN §4).
struct ObjectFacts {
  // f(a·x + b·y) = a·f(x) + b·f(y) when every Audio-kind input is scaled and summed together and the other inputs
  // are fixed. For Add and Sub (two Audio inputs) that means both inputs at once, so a mixdown must sum both; Mul
  // and Div are bilinear, not linear, and are declared false.
  bool linearInInput = false;
  // Starting the object k samples later (on an input delayed by k samples) delays its output by k, given
  // constant parameters.
  bool timeInvariant = true;
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

// The kernel's functions compiled natively (the JIT links the bitcode of the same source instead): for unit tests
// and the kernel harness, which call kernels directly.
struct NativeKernel {
  using Init = void (*)(void* state, const kernel::In* in, const kernel::Env* env, uint32_t seed);
  using Process = void (*)(void* state, const kernel::In* in, float* out, int n, const kernel::Env* env);
  using ProcessLanes = void (*)(char* states, int stateStride, const kernel::LaneIn* in, float* out,
                                int outLaneStride, int outSampleStride, int lanes, int n, const kernel::Env* env);
  Init init = nullptr;
  Process process = nullptr;
  ProcessLanes processLanes = nullptr;  // when the kernel runs lanes together (Kernel.h's lane blocks)
};

// One object: pyo 1.0.4's argument names, positional order and defaults (mul and add are left out: every object
// has them and the code generator applies them), facts, state size, kernel.
struct ObjectSpec {
  std::string name;  // pyo's class name, also the kernel's symbol stem: patchc_<name>_process
  std::string doc;   // one line for `patchc objects` and errors
  // For `patchc objects` (docs/objects.md): how the kernel computes it, and what differs from pyo 1.0.4.
  std::string algorithm;
  std::string differences;
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
  // The kernel also exports patchc_<name>_processLanes (Kernel.h): set by the generated registry when the
  // kernel's source defines it, not declared by hand.
  bool laneBlock = false;
  NativeKernel native;  // set by the generated registry

  // Appends an input where the kernel's enum puts it: `index` must be the next position (the enum and the
  // declaration in the same order), else std::logic_error names the object and the input.
  void input(int index, InputSpec spec);
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

// Generated at build time from the declarations in stdlib/kernels/*.h (cmake/GenerateRegistry.cmake): registers
// every built-in object, in the order of their headers' names.
void registerBuiltinObjects(Registry& registry);

// The entry the generated registry adds for `PATCHC_OBJECT(name)`: the name, what `declare` sets, the kernel's
// native functions. Checks what every declaration must have (a doc line, a doc per input, hidden inputs last).
ObjectSpec declaredObject(const char* name, void (*declare)(ObjectSpec&), NativeKernel native);

}  // namespace patchc
