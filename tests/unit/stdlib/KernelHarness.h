// A small harness for the stdlib unit tests: runs one lane of a kernel through its native C ABI (init, then
// process in blocks of 64) with zeroed, aligned state of the registry's laneStateBytes, and measures tones.
#pragma once

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "stdlib/Kernel.h"
#include "stdlib/Registry.h"

namespace patchc::stdlibtest {

using InitFunction = void (*)(void*, const kernel::In*, const kernel::Env*, uint32_t);
using ProcessFunction = void (*)(void*, const kernel::In*, float* const*, int, const kernel::Env*);

struct KernelFunctions {
  InitFunction init;
  ProcessFunction process;
};

// The native kernel of a registry entry, or nullptr when the harness does not know it.
const KernelFunctions* kernelFunctions(const std::string& name);

constexpr float kSampleRate = 44100.0f;
constexpr int kBlockSize = 64;

// One input of a lane: a number (passed with stride 0, as a const or control input), a signal (stride 1), or an
// array (an InputKind::Array input: the numbers passed whole, stride = their count, the same in every block).
struct Input {
  float constant = 0.0f;
  std::vector<float> samples;  // the signal or the array's numbers
  bool isArray = false;

  static Input value(float v) { return Input{v, {}}; }
  static Input signal(std::vector<float> s) { return Input{0.0f, std::move(s)}; }
  static Input array(std::vector<float> numbers) { return Input{0.0f, std::move(numbers), true}; }
  bool isSignal() const { return !isArray && !samples.empty(); }
};

// A number input set to `value` from sample `at` on, between process calls (the runtime splits its block there):
// how play() and stop() reach a kernel's hidden `playing` input.
struct ControlChange {
  int at = 0;
  size_t input = 0;
  float value = 0.0f;
};

struct RenderOptions {
  uint32_t seed = 1;
  std::vector<ControlChange> changes = {};  // in order of `at`
  float sampleRate = kSampleRate;
  int blockSize = kBlockSize;
};

// Renders `count` samples of one lane of the named object (its first output). Signal inputs must hold at least `count` samples.
// Reports a test failure when the kernel writes past its laneStateBytes (guard bytes follow the state).
std::vector<float> render(const std::string& name, const std::vector<Input>& inputs, int count,
                          const RenderOptions& options = {});
// render for every output of the object (ObjectSpec::outputs, as many as its constants give): outputs[k].
std::vector<std::vector<float>> renderOutputs(const std::string& name, const std::vector<Input>& inputs, int count,
                                              const RenderOptions& options = {});

// The registry's defaults as numbers (a required input gets 0, an Array input no numbers).
std::vector<Input> defaultInputs(const ObjectSpec& spec);

// A table of kind `kind` (HarmTable, LinTable, ...) as the elaborator fills it at 44100 Hz: the given arguments
// by name, the others pyo's defaults. Throws for an unknown kind, and when the fill asks for a sound file.
using TableArgumentsByName = std::vector<std::pair<std::string, TableArgument>>;
TableContents fillTable(const std::string& kind, const TableArgumentsByName& given = {});
// Its first channel: size + 1 numbers.
std::vector<float> filledTable(const std::string& kind, const TableArgumentsByName& given = {});
TableArgument tableNumber(double x);
TableArgument tableNumbers(std::vector<double> x);
// A list of (index, value) points, as LinTable's `list` takes them.
TableArgument tablePoints(const std::vector<std::pair<double, double>>& points);

// --- Signals and analysis ------------------------------------------------------------------------------------
std::vector<float> sineWave(double freq, double amplitude, int count, double sampleRate = kSampleRate);
std::vector<float> uniformNoise(int count, uint32_t seed, float amplitude = 1.0f);
std::vector<float> impulse(int count, int at = 0);

// The complex amplitude of the tone at `freq` in x[begin, end) (Hann window, normalized so that a sine of
// amplitude A measures |A|; its argument is the phase relative to a cosine starting at sample 0).
std::complex<double> toneAt(const std::vector<float>& x, double freq, size_t begin, size_t end,
                            double sampleRate = kSampleRate);

double decibels(double gain);
double rms(const std::vector<float>& x, size_t begin, size_t end);

}  // namespace patchc::stdlibtest
