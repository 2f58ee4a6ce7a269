// The registry's lookups. The entries themselves are declared beside their kernels (stdlib/kernels/*.h).
#include "stdlib/Registry.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace patchc {

void ObjectSpec::input(int index, InputSpec spec) {
  if (index != static_cast<int>(inputs.size()))
    throw std::logic_error(name + ": input '" + spec.name + "' is declared at position " +
                           std::to_string(inputs.size()) + " but its enum says " + std::to_string(index));
  inputs.push_back(std::move(spec));
}

ObjectSpec declaredObject(const char* name, void (*declare)(ObjectSpec&), NativeKernel native) {
  ObjectSpec spec;
  spec.name = name;
  declare(spec);
  spec.native = native;
  spec.laneBlock = native.processLanes != nullptr;
  auto fail = [&](const std::string& what) { throw std::logic_error(spec.name + ": " + what); };
  if (spec.doc.empty()) fail("no doc line");
  bool hidden = false;
  for (const auto& input : spec.inputs) {
    if (input.doc.empty()) fail("input '" + input.name + "' has no doc");
    if (hidden && !input.hidden) fail("input '" + input.name + "' comes after a hidden input");
    hidden = hidden || input.hidden;
  }
  // A lane block stores one output per lane (Kernel.h).
  if (spec.laneBlock && spec.multiOutput()) fail("a kernel with several outputs cannot run lane blocks");
  return spec;
}

int ObjectSpec::inputIndex(const std::string& inputName) const {
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].name == inputName) return static_cast<int>(i);
  return -1;
}

int ObjectSpec::outputCount(const ConstantInputs& constants) const {
  if (outputCountFor) return std::max(1, outputCountFor(constants));
  return std::max<int>(1, static_cast<int>(outputs.size()));
}

std::string ObjectSpec::outputName(int output) const {
  if (output >= 0 && static_cast<size_t>(output) < outputs.size()) return outputs[static_cast<size_t>(output)];
  return "out" + std::to_string(output);
}

uint64_t ObjectSpec::laneStateBytes(const ConstantInputs& constants, double sampleRate) const {
  return stateBytesFor ? stateBytesFor(constants, sampleRate) : stateBytes;
}

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    Registry r;
    registerBuiltinObjects(r);
    return r;
  }();
  return registry;
}

const ObjectSpec* Registry::find(const std::string& name) const {
  for (const ObjectSpec& spec : specs_)
    if (spec.name == name) return &spec;
  return nullptr;
}

const ObjectSpec* Registry::findIf(const std::function<bool(const ObjectSpec&)>& fact) const {
  for (const ObjectSpec& spec : specs_)
    if (fact(spec)) return &spec;
  return nullptr;
}

bool Registry::owns(const ObjectSpec* spec) const {
  return !specs_.empty() && spec >= specs_.data() && spec < specs_.data() + specs_.size();
}

std::vector<std::string> Registry::names() const {
  std::vector<std::string> result;
  result.reserve(specs_.size());
  for (const ObjectSpec& spec : specs_) result.push_back(spec.name);
  return result;
}

void Registry::add(ObjectSpec spec) { specs_.push_back(std::move(spec)); }

const TableSpec* Registry::findTable(const std::string& name) const {
  for (const TableSpec& spec : tables_)
    if (spec.name == name) return &spec;
  return nullptr;
}

void Registry::addTable(TableSpec spec) { tables_.push_back(std::move(spec)); }

TableSpec declaredTable(const char* name, void (*declare)(TableSpec&)) {
  TableSpec spec;
  spec.name = name;
  declare(spec);
  auto fail = [&](const std::string& what) { throw std::logic_error(spec.name + ": " + what); };
  if (spec.doc.empty()) fail("no doc line");
  if (!spec.fill) fail("no fill");
  for (const auto& p : spec.parameters)
    if (p.doc.empty()) fail("parameter '" + p.name + "' has no doc");
  return spec;
}

}  // namespace patchc
