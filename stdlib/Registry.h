// The registry of objects: for each pyo object patchc knows, its signature (pyo's argument names, order and
// defaults), the facts the optimizer may rely on, and how to size the kernel's per-lane state.
// Each object is declared once, in its kernel's header (stdlib/kernels/X.h, `PATCHC_OBJECT(X)`, Declare.h); the
// list of them is generated at build time (cmake/GenerateRegistry.cmake), so a new object is its kernel file and
// its header, nothing else.
// The facts an entry declares (ObjectFacts) are what the optimizer asks of it, never its name.
#pragma once

#include "stdlib/Kernel.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "stdlib/Interval.h"
#include "stdlib/Table.h"

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
  // A value outside is an error, not a warning: patchc cannot do what pyo does with it (below/above say why).
  bool refused = false;
};

struct InputSpec {
  std::string name;
  InputKind kind;
  std::optional<float> defaultValue;  // nullopt: the argument is required; an Array input's: the list [value]
  std::string doc;
  // An Array input that takes a table (PyoTableObject): each lane reads one channel, size + 1 numbers (Table.h).
  // Anything else given there is an error, and a table given to any other input is one too.
  bool table = false;
  // A table input the object writes while the patch plays (TableRec): its table lives in the patch's state, and
  // the object runs before every reader of that table (docs/tables.md).
  bool writes = false;
  // An Array input given a list of tables (TableMorph's sources): the elaborator packs their first channels into
  // one array, [count, size₀, ..., then each table's size samples], read when compiling (declare::tableList).
  bool tableList = false;
  // Not one of pyo's arguments: the elaborator sets it. Hidden inputs come last in ObjectSpec::inputs.
  // Known names: "playing" (1 once `play()`/`out()` started the object, e.g. Fader, Linseg; default 0), "resets"
  // (counted up by each reset() a callback calls: Looper),
  // "fileSampleRate" (the sample rate of the sound file given to an Array input), "tableSampleRate" (the sample
  // rate of the table given to the first table input: a SndTable's is its file's).
  bool hidden = false;
  // A hidden Constant the code generator points at the current block's MIDI events in the state (runtime's
  // MidiEventBlock, stdlib/kernels/MidiEvents.h) instead of a number: the MIDI objects' `midi` input.
  bool midi = false;
  // A Constant that pyo lets a script change while the patch plays (Fader's `dur`): a number, never a signal; a
  // callback's assignment makes it a Param slot, which the kernel reads once per process call (`value()`).
  bool settable = false;
  std::optional<ValidRange> valid;  // pyo's documented range, when it documents one
  // An Audio input pyo takes as a list of PyoObjects, each a separate choice (Selector's inputs): the first goes to
  // this input, the k-th to the hidden Audio input `extras[k - 1]` (the ones not given read 0), and how many were
  // given to the hidden Constant `count`. At most extras.size() + 1 objects.
  struct List {
    std::vector<size_t> extras;
    size_t count = 0;
  };
  std::optional<List> list;
  // A number pyo also takes as a string (Compare's mode "<", Xnoise's dist "uniform"): a string given is its
  // index here; any other string is an error that lists these.
  std::vector<std::string> keywords;
};

// Constant values of a node's inputs, one per InputSpec, per lane (NaN where an input is not constant).
struct ConstantInputs {
  std::vector<float> values;
  float operator[](size_t i) const { return values[i]; }
};

// What an output-range declaration may ask of one lane of a node: its inputs' ranges (asked lazily: a declaration
// that needs none costs nothing) and its Array inputs' numbers.
struct RangeQuery {
  std::function<Range(size_t input)> input;  // nullopt: nothing bounds that input
  std::function<std::optional<std::span<const float>>(size_t input)> array;  // nullopt: no numbers known
};

// What the output, before mul and add, is of the node's inputs, sample by sample, exactly as the kernel computes it.
enum class OutputIs {
  Opaque,           // none of the below
  Input,            // its one input, copied (Sig)
  SumOfInputs,      // the float sum of its two inputs (Add)
  ProductOfInputs,  // the float product of its two inputs (Mul)
};

// "The output is input `result` when input `when` is the constant `value`", exactly (x · 1 = x, x + 0 = x).
struct Identity {
  size_t when = 0;
  float value = 0.0f;
  size_t result = 0;
};

// |approximation − exact| ≤ absolute + perUnitOfInput · |x|, x the object's Audio input.
struct ErrorBound {
  double absolute = 0.0;
  double perUnitOfInput = 0.0;
  double at(double inputMagnitude) const { return absolute + perUnitOfInput * inputMagnitude; }
};

// A hidden Constant input that switches the kernel from its exact computation (0) to an approximation (1).
struct ApproximationSwitch {
  size_t input = 0;
  ErrorBound error;
  std::string approximation;  // for remarks: "the polynomial sine"
  std::string exact;          // ... "libm"
  std::string inputUnit;      // ... "rad"
};

// Another object computes nearly the same output. Its inputs are made from this object's, by name: `from` an
// input of this object (which must be a uniform constant when `constantOnly`), else `value`; the substitute's
// inputs not listed take their defaults, mul and add are kept.
struct SubstituteInput {
  std::string name;
  std::string from;  // empty: `value`
  float value = 0.0f;
  bool constantOnly = false;
};
struct Substitute {
  std::string object;
  std::vector<SubstituteInput> inputs;
  double error = 0.0;         // the largest difference from this object's output, of full scale
  std::string approximation;  // for remarks: "FastSine's polynomial"
  std::string exact;          // what this object computes: "exact sine"
  double exactError = 0.0;    // ... and its own error against the exact function
};

// A chain of instances, each the next one's Audio input and read by nothing else, with the same values of
// `sameInputs` (and mul 1, add 0 but the last), computes the same samples as one `object` whose `countInput` is
// the chain's length and whose other inputs are the first instance's, by name (Biquad → Biquadx).
struct Cascade {
  std::string object;
  std::string countInput;
  std::vector<std::string> sameInputs;
};

// What the optimizer may rely on, declared next to the kernel and tested per object (DESIGN §4, §7). Passes ask
// these, never an object's name: an object added later that declares a fact is optimized with no pass edited.
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
  // A recursive object that feeds back only through a gain this input sets (Delay's feedback): none when it is 0.
  std::optional<size_t> feedsBackThrough;
  float cost = 1.0f;           // rough cycles per sample per lane, relative to a Sine

  // The output's range before mul and add, given the inputs' (value-range analysis, tests/unit/stdlib/FactsTest).
  std::function<Range(const RangeQuery&)> outputRange;
  // The output before mul and add when every input is a constant: the kernel's own arithmetic (const-fold).
  std::function<float(const ConstantInputs&)> fold;
  OutputIs outputIs = OutputIs::Opaque;
  std::vector<Identity> identities;  // the first that holds applies (gain-fold's unity rule)
  // Adds at most 1e-24 to its Audio input, only to keep recursive objects out of subnormal numbers: with the
  // runtime's flush-to-zero its output is taken as its input (denorm-elide).
  bool denormalGuard = false;
  // White noise with no inputs: copies at other gains are one generator scaled, up to being the same noise
  // (share-noise under -Ofast; noise-advice names them).
  bool shareableNoise = false;
  // Its output changes only between blocks, written by the patch's handlers (Param): readers get its state's
  // value with stride 0, as a constant, so their coefficient math runs once per block.
  bool controlRate = false;
  // The patch's control code reads its buffer at every frame (Watch: what a TrigFunc, Score or Print watches):
  // no pass fuses, merges or folds it, so its node and lanes stay where the control program looks.
  bool watched = false;
  std::optional<ApproximationSwitch> approximationSwitch;  // exact-trig, fast-trig
  std::optional<Substitute> substitute;                    // fast-trig (-Ofast)
  std::optional<Cascade> cascade;                          // cascade-fuse
};

// How a node's streams (what pyo's len(obj), obj[i], out() and mix() see) follow from its outputs and lanes, as
// the object's pyo class lists its _base_objs.
enum class StreamOrder {
  LaneMajor,    // for each lane, each output: [in0.out0, in0.out1, in1.out0, ...] (Pan, SPan, STRev, Lorenz)
  OutputMajor,  // for each output, each lane: [out0.in0, out0.in1, out1.in0, ...] (pyo's Switch)
};

// The kernel's functions compiled natively (the JIT links the bitcode of the same source instead): for unit tests
// and the kernel harness, which call kernels directly.
struct NativeKernel {
  using Init = void (*)(void* state, const kernel::In* in, const kernel::Env* env, uint32_t seed);
  using Process = void (*)(void* state, const kernel::In* in, float* const* out, int n, const kernel::Env* env);
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
  // Its outputs per lane, by name, in the kernel's order (out[0], out[1], ...): empty for the one output most
  // objects have. Declared with declare::outputs / outputsCountedBy (Declare.h).
  std::vector<std::string> outputs;
  // The count when constant inputs set it (Pan's `outs`, Lorenz's `stereo`): at least 1, and outputs past the
  // named ones are called out<k>. Null: outputs.size() (1 when empty). The same for every lane of a node (the
  // elaborator refuses a list there).
  std::function<int(const ConstantInputs&)> outputCountFor;
  std::optional<size_t> outputCountInput;  // the Constant input outputCountFor reads, if one (for messages)
  StreamOrder streamOrder = StreamOrder::LaneMajor;
  // pyo's named streams (TrigEnv's obj['trig'], Beat's obj['amp'], ...) that patchc does not compute yet: using
  // one is a located error that names them, and `patchc objects` lists them under the object's differences.
  std::vector<std::string> streamsNotYet;
  // pyo's named groups of streams, when its streams come in equal groups selected by name (Notein['pitch'],
  // ['velocity'], ...): obj['name'] is the k-th of streams()/size() consecutive streams, as one object.
  std::vector<std::string> streamGroups;
  // The group pyo's mul and add apply to (Notein's velocities): the object's own mul and add stay 1 and 0, and
  // that group's selection gets them.
  std::string mulAddGroup;
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
  // How many outputs a lane with these constant inputs has; a name for output k.
  int outputCount(const ConstantInputs& constants) const;
  std::string outputName(int output) const;
  // It may have more than one output: passes that merge or rewire nodes by what one output does ask this.
  bool multiOutput() const { return outputCountFor != nullptr || outputs.size() > 1; }
};

class Registry {
 public:
  // The registry of all built-in objects.
  static const Registry& builtin();

  const ObjectSpec* find(const std::string& name) const;
  // The first object that `fact` holds of, or null: how a pass finds an object by what it does.
  const ObjectSpec* findIf(const std::function<bool(const ObjectSpec&)>& fact) const;
  // Whether `spec` is one of this registry's entries (not only an equal one): a graph's nodes come from one.
  bool owns(const ObjectSpec* spec) const;
  const std::vector<ObjectSpec>& all() const { return specs_; }
  std::vector<std::string> names() const;

  void add(ObjectSpec spec);

  // The kinds of tables (HarmTable, SndTable, ...), declared beside their fills (stdlib/tables/, Table.h).
  const TableSpec* findTable(const std::string& name) const;
  const std::vector<TableSpec>& tables() const { return tables_; }
  void addTable(TableSpec spec);

 private:
  std::vector<ObjectSpec> specs_;
  std::vector<TableSpec> tables_;
};

// Generated at build time from the declarations in stdlib/kernels/*.h (cmake/GenerateRegistry.cmake): registers
// every built-in object, in the order of their headers' names, then every kind of table (stdlib/tables/*.cpp).
void registerBuiltinObjects(Registry& registry);

// The entry the generated registry adds for `PATCHC_OBJECT(name)`: the name, what `declare` sets, the kernel's
// native functions. Checks what every declaration must have (a doc line, a doc per input, hidden inputs last).
ObjectSpec declaredObject(const char* name, void (*declare)(ObjectSpec&), NativeKernel native);

}  // namespace patchc
