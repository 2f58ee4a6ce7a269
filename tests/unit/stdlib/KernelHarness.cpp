#include "tests/unit/stdlib/KernelHarness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <stdexcept>

namespace patchc::stdlibtest {

// The native kernels the registry holds (generated from the declarations): no list here to keep in step.
const KernelFunctions* kernelFunctions(const std::string& name) {
  static const std::map<std::string, KernelFunctions> table = [] {
    std::map<std::string, KernelFunctions> t;
    for (const ObjectSpec& spec : Registry::builtin().all())
      if (spec.native.init && spec.native.process) t[spec.name] = {spec.native.init, spec.native.process};
    return t;
  }();
  auto it = table.find(name);
  return it == table.end() ? nullptr : &it->second;
}

namespace {

constexpr size_t kGuardBytes = 256;
constexpr unsigned char kGuardByte = 0xA5;

kernel::In inputAt(const Input& input, int offset) {
  if (input.isArray) return kernel::In{input.samples.data(), static_cast<int>(input.samples.size())};
  return input.isSignal() ? kernel::In{input.samples.data() + offset, 1} : kernel::In{&input.constant, 0};
}

}  // namespace

std::vector<float> render(const std::string& name, const std::vector<Input>& inputs, int count,
                          const RenderOptions& options) {
  auto outputs = renderOutputs(name, inputs, count, options);
  return outputs.empty() ? std::vector<float>{} : std::move(outputs[0]);
}

std::vector<std::vector<float>> renderOutputs(const std::string& name, const std::vector<Input>& givenInputs,
                                              int count, const RenderOptions& options) {
  std::vector<Input> inputs = givenInputs;  // control changes set its numbers
  const ObjectSpec* spec = Registry::builtin().find(name);
  const KernelFunctions* functions = kernelFunctions(name);
  if (spec == nullptr || functions == nullptr) {
    ADD_FAILURE() << "no object or kernel named " << name;
    return {};
  }
  if (inputs.size() != spec->inputs.size()) {
    ADD_FAILURE() << name << " takes " << spec->inputs.size() << " inputs, got " << inputs.size();
    return {};
  }
  for (const Input& input : inputs)
    if (input.isSignal() && static_cast<int>(input.samples.size()) < count) {
      ADD_FAILURE() << "a signal input is shorter than the render";
      return {};
    }

  ConstantInputs constants;
  for (const Input& input : inputs)
    constants.values.push_back(input.isSignal() || input.isArray ? std::numeric_limits<float>::quiet_NaN()
                                                                 : input.constant);
  const size_t stateBytes = spec->laneStateBytes(constants, options.sampleRate);
  const size_t align = spec->stateAlign < 16 ? 16 : spec->stateAlign;
  const size_t allocated = (stateBytes + kGuardBytes + align - 1) / align * align;
  auto* memory = static_cast<unsigned char*>(std::aligned_alloc(align, allocated));
  std::memset(memory, 0, stateBytes);
  std::memset(memory + stateBytes, kGuardByte, allocated - stateBytes);

  const kernel::Env env{options.sampleRate, 1.0f / options.sampleRate};
  std::vector<kernel::In> in(inputs.size());
  for (size_t k = 0; k < inputs.size(); ++k) in[k] = inputAt(inputs[k], 0);
  functions->init(memory, in.data(), &env, options.seed);

  // As many outputs as the declaration gives these constants, each its own block (Kernel.h).
  std::vector<std::vector<float>> out(static_cast<size_t>(spec->outputCount(constants)),
                                      std::vector<float>(static_cast<size_t>(count)));
  std::vector<float*> outputs(out.size());
  size_t change = 0;
  for (int offset = 0, n = 0; offset < count; offset += n) {
    for (; change < options.changes.size() && options.changes[change].at <= offset; ++change)
      inputs.at(options.changes[change].input).constant = options.changes[change].value;
    n = count - offset < options.blockSize ? count - offset : options.blockSize;
    if (change < options.changes.size() && options.changes[change].at < offset + n)
      n = options.changes[change].at - offset;  // the block ends where the next change is
    for (size_t k = 0; k < inputs.size(); ++k) in[k] = inputAt(inputs[k], offset);
    for (size_t k = 0; k < out.size(); ++k) outputs[k] = out[k].data() + offset;
    functions->process(memory, in.data(), outputs.data(), n, &env);
  }

  for (size_t i = stateBytes; i < allocated; ++i)
    if (memory[i] != kGuardByte) {
      ADD_FAILURE() << name << " wrote past its " << stateBytes << " state bytes (at byte " << i << ")";
      break;
    }
  std::free(memory);
  return out;
}

std::vector<Input> defaultInputs(const ObjectSpec& spec) {
  std::vector<Input> inputs;
  for (const InputSpec& input : spec.inputs)
    inputs.push_back(input.kind == InputKind::Array ? Input::array({})
                                                    : Input::value(input.defaultValue.value_or(0.0f)));
  return inputs;
}

std::vector<float> sineWave(double freq, double amplitude, int count, double sampleRate) {
  std::vector<float> x(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) x[i] = static_cast<float>(amplitude * std::sin(2.0 * M_PI * freq * i / sampleRate));
  return x;
}

std::vector<float> uniformNoise(int count, uint32_t seed, float amplitude) {
  std::vector<float> x(static_cast<size_t>(count));
  uint32_t state = seed;
  for (float& v : x) v = amplitude * kernel::whiteNoise(state);
  return x;
}

std::vector<float> impulse(int count, int at) {
  std::vector<float> x(static_cast<size_t>(count), 0.0f);
  x[static_cast<size_t>(at)] = 1.0f;
  return x;
}

std::complex<double> toneAt(const std::vector<float>& x, double freq, size_t begin, size_t end, double sampleRate) {
  std::complex<double> sum = 0.0;
  double windowSum = 0.0;
  const double length = static_cast<double>(end - begin);
  for (size_t i = begin; i < end; ++i) {
    double window = 0.5 - 0.5 * std::cos(2.0 * M_PI * static_cast<double>(i - begin) / length);
    double angle = 2.0 * M_PI * freq * static_cast<double>(i) / sampleRate;
    sum += window * static_cast<double>(x[i]) * std::complex<double>(std::cos(angle), -std::sin(angle));
    windowSum += window;
  }
  return 2.0 * sum / windowSum;
}

double decibels(double gain) { return 20.0 * std::log10(gain); }

double rms(const std::vector<float>& x, size_t begin, size_t end) {
  double sum = 0.0;
  for (size_t i = begin; i < end; ++i) sum += static_cast<double>(x[i]) * x[i];
  return std::sqrt(sum / static_cast<double>(end - begin));
}

TableContents fillTable(const std::string& kind, const TableArgumentsByName& given) {
  const TableSpec* spec = Registry::builtin().findTable(kind);
  if (!spec) throw std::runtime_error("no table " + kind);
  TableArguments args;
  for (const auto& p : spec->parameters) {
    TableArgument a;
    a.none = p.noneByDefault;
    a.number = p.number;
    a.numbers = p.numbers;
    for (const auto& [name, v] : given)
      if (name == p.name) a = v;
    args.values.push_back(a);
  }
  TableContext context;
  context.serverSampleRate = 44100.0;
  context.readSound = [](const std::string&, size_t) -> TableSound { throw std::runtime_error("no sound here"); };
  return spec->fill(args, context);
}

std::vector<float> filledTable(const std::string& kind, const TableArgumentsByName& given) {
  return fillTable(kind, given).channels.at(0);
}

TableArgument tableNumber(double x) {
  TableArgument a;
  a.number = x;
  return a;
}

TableArgument tableNumbers(std::vector<double> x) {
  TableArgument a;
  a.numbers = std::move(x);
  return a;
}

TableArgument tablePoints(const std::vector<std::pair<double, double>>& points) {
  TableArgument a;
  for (auto [index, value] : points) {
    a.numbers.push_back(index);
    a.numbers.push_back(value);
  }
  return a;
}

}  // namespace patchc::stdlibtest
