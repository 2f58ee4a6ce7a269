#include "elab/PyoObjects.h"

#include "elab/MidiOut.h"
#include "elab/Mido.h"

#include "elab/SoundFile.h"
#include "ir/StateSize.h"
#include "stdlib/CheckedSize.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

namespace patchc::elab {
namespace {

std::string describe(const Value& v) {
  if (v.type == Value::Type::String) return "str";
  return v.typeName();
}

int intArgument(const Value& v, const SourceRange& range, const char* what) {
  if (v.type == Value::Type::Bool) return v.boolean;
  if ((v.type == Value::Type::Int || (v.type == Value::Type::Float && v.real == std::floor(v.real)))) {
    // Checked in double before converting: a cast of 2**40 or 1e300 to int wraps or is undefined.
    double whole = v.type == Value::Type::Int ? static_cast<double>(v.integer) : v.real;
    if (whole < -2147483648.0 || whole > 2147483647.0)
      throw ElaborationError(range, fmt::format("{} is {:g}, too large", what, whole));
    return static_cast<int>(whole);
  }
  throw ElaborationError(range, fmt::format("{} must be an integer, not {}", what, describe(v)));
}

// A number given to an object as a 32-bit float, the kernels' type. A value that is not finite there (inf, nan,
// or a finite double beyond 3.4e38 such as mul=1e300) would make the object write inf or NaN samples: an error
// where the value is written, not a silent NaN in the output.
float finiteFloat(double value, const SourceRange& range, const std::string& what) {
  float single = static_cast<float>(value);
  if (std::isfinite(single)) return single;
  if (std::isfinite(value))
    throw ElaborationError(range, fmt::format("{} is {:g}, beyond the largest 32-bit float (3.4e+38) that objects "
                                              "compute with",
                                              what, value));
  throw ElaborationError(range, fmt::format("{} is {}: an object's numbers must be finite", what,
                                            std::isnan(value) ? "nan" : value > 0 ? "inf" : "-inf"));
}

}  // namespace

void PyoObjects::nameNode(ir::NodeId id, const std::string& name) {
  auto& node = graph_.node(id);
  if (node.name.empty()) node.name = name;
}

std::vector<PyoObjects::Binding> PyoObjects::bind(const std::string& callee, const std::vector<std::string>& names,
                                                  const std::vector<std::optional<float>>& defaults,
                                                  CallArguments& args) {
  std::vector<Binding> bound(names.size());
  if (args.positional.size() > names.size())
    throw ElaborationError(args.positionalRanges[names.size()],
                           fmt::format("{}() takes at most {} arguments ({} given)", callee, names.size(),
                                       args.positional.size()));
  for (size_t i = 0; i < args.positional.size(); ++i)
    bound[i] = {args.positional[i], args.positionalRanges[i], true};
  for (auto& k : args.keywords) {
    auto it = std::find(names.begin(), names.end(), k.name);
    if (it == names.end())
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() has no argument '{}'", callee, k.name),
                                                         k.name, names));
    size_t i = static_cast<size_t>(it - names.begin());
    if (bound[i].given)
      throw ElaborationError(k.nameRange, fmt::format("{}() got two values for argument '{}'", callee, k.name));
    bound[i] = {k.value, k.valueRange, true};
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (bound[i].given) continue;
    if (i >= defaults.size() || !defaults[i])
      throw ElaborationError(args.callRange, fmt::format("{}() missing required argument '{}'", callee, names[i]));
    bound[i].value = Value::fromFloat(*defaults[i]);
    bound[i].range = args.callRange;
  }
  return bound;
}

ir::Signal PyoObjects::toSignal(const Value& value, const SourceRange& range, const std::string& what,
                                InputKind kind) {
  ir::Signal signal;
  auto addOne = [&](const Value& v) {
    if (v.isNumber()) {
      signal.lanes.push_back(ir::LaneSource::constant(finiteFloat(v.toNumber(), range, what)));
    } else if (v.type == Value::Type::Table) {
      throw ElaborationError(range, fmt::format("{} must be a number or a PyoObject, not a table ({}): a table is "
                                                "read by an object such as Osc, TableRead, Pointer or Lookup",
                                                what, v.text));
    } else if (v.type == Value::Type::Object) {
      if (kind == InputKind::Constant)
        throw ElaborationError(range, fmt::format("{} must be a number known when compiling, not a PyoObject", what));
      const auto& node = graph_.node(v.node);
      // The object's streams in pyo's order (its lanes, or each lane's outputs: Node::stream).
      if (v.isStream()) {
        signal.lanes.push_back(node.stream(v.lane));
        return;
      }
      for (int s = 0; s < node.streams(); ++s) signal.lanes.push_back(node.stream(s));
    } else {
      throw ElaborationError(range, fmt::format("{} must be a number, a PyoObject or a list of them, not {}", what,
                                                describe(v)));
    }
  };
  if (value.isSequence()) {
    if (value.items->empty()) throw ElaborationError(range, fmt::format("{} is an empty list", what));
    for (const auto& item : *value.items) addOne(item);
  } else {
    addOne(value);
  }
  signal.rate = ir::inferRate(signal);
  return signal;
}

std::vector<std::pair<size_t, ir::Signal>> PyoObjects::listChoices(size_t self, const InputSpec& input,
                                                                    const Value& value, const SourceRange& range,
                                                                    const std::string& what) {
  const InputSpec::List& list = *input.list;
  ValueList items = value.isSequence() ? *value.items : ValueList{value};
  if (items.empty()) throw ElaborationError(range, fmt::format("{} is an empty list", what));
  if (items.size() > list.extras.size() + 1)
    throw ElaborationError(range, fmt::format("{} holds {} objects; patchc takes at most {}", what, items.size(),
                                              list.extras.size() + 1));
  std::vector<std::pair<size_t, ir::Signal>> choices;
  for (size_t k = 0; k < items.size(); ++k) {
    if (items[k].type != Value::Type::Object)
      throw ElaborationError(range, fmt::format("{} must be a list of PyoObjects, not of {}", what, describe(items[k])));
    const size_t index = k == 0 ? self : list.extras[k - 1];
    choices.emplace_back(index, toSignal(items[k], range, what, InputKind::Audio));
  }
  for (size_t k = items.size(); k <= list.extras.size(); ++k) choices.emplace_back(list.extras[k - 1], ir::Signal::constant(0.0f));
  choices.emplace_back(list.count, ir::Signal::constant(static_cast<float>(items.size())));
  return choices;
}

Value PyoObjects::fromKeywords(const InputSpec& input, const Value& value, const SourceRange& range,
                                const std::string& what) {
  if (input.keywords.empty()) return value;
  auto one = [&](const Value& v) {
    if (v.type != Value::Type::String) return v;
    auto it = std::find(input.keywords.begin(), input.keywords.end(), v.text);
    if (it == input.keywords.end()) {
      std::string known;
      for (const auto& k : input.keywords) known += (known.empty() ? "'" : ", '") + k + "'";
      throw ElaborationError(range, fmt::format("{} is '{}'; pyo knows {}", what, v.text, known));
    }
    return Value::fromFloat(static_cast<float>(it - input.keywords.begin()));
  };
  if (!value.isSequence()) return one(value);
  ValueList items;
  for (const auto& item : *value.items) items.push_back(one(item));
  return Value::list(std::move(items));
}

std::vector<std::string> PyoObjects::inputNames(const ir::Node& node) const {
  std::vector<std::string> names;
  if (node.kind == ir::NodeKind::Mix) {
    names.push_back("input");
  } else {
    for (const auto& in : node.spec->inputs) names.push_back(in.name);
  }
  names.push_back("mul");
  names.push_back("add");
  return names;
}

size_t PyoObjects::inputToSet(const ir::Node& node, const std::string& name, const SourceRange& range) const {
  auto names = inputNames(node);
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    throw ElaborationError(range, withSuggestion(fmt::format("{} has no attribute '{}' to set", node.opName(), name),
                                                 name, names));
  return static_cast<size_t>(it - names.begin());
}

size_t PyoObjects::assignableInput(const ir::Node& node, const std::string& name, const SourceRange& range) const {
  size_t index = inputToSet(node, name, range);
  if (node.kind == ir::NodeKind::Object && index < node.spec->inputs.size() && !node.spec->inputs[index].settable &&
      (node.spec->inputs[index].kind == InputKind::Constant || node.spec->inputs[index].kind == InputKind::Array))
    throw ElaborationError(range, fmt::format("'{}' of {} is fixed when the object is made: it cannot change while "
                                              "the patch plays",
                                              name, node.opName()));
  return index;
}

ir::Signal PyoObjects::signalFor(const ir::Node& node, size_t index, const Value& value, const SourceRange& range) {
  InputKind kind = node.kind == ir::NodeKind::Object && index < node.spec->inputs.size()
                       ? node.spec->inputs[index].kind
                       : InputKind::Signal;
  std::string what = fmt::format("attribute '{}' of {}", inputNames(node)[index], node.opName());
  return toSignal(value, range, what, kind);
}

Value PyoObjects::valueOf(const ir::Signal& signal, const SourceRange& range) {
  if (signal.isConstant()) {
    if (signal.width() == 1) return Value::fromFloat(signal.lanes[0].value);
    ValueList numbers;
    for (const auto& l : signal.lanes) numbers.push_back(Value::fromFloat(l.value));
    return Value::list(std::move(numbers));
  }
  const ir::NodeId first = signal.lanes[0].node;
  bool whole = !signal.lanes[0].isConstant() && signal.width() == graph_.node(first).streams();
  for (int i = 0; whole && i < signal.width(); ++i)
    whole = signal.lanes[static_cast<size_t>(i)] == graph_.node(first).stream(i);
  if (whole) return Value::object(first);
  // Lanes of several sources: a Sig passes them on unchanged.
  const ObjectSpec* sig = registry_.find("Sig");
  ir::Node& node = addNode(ir::NodeKind::Object, sig, signal.width(), range);
  node.inputs = {signal, ir::Signal::constant(1.0f), ir::Signal::constant(0.0f)};
  graph_.updateShape(node);
  return Value::object(node.id);
}

Value PyoObjects::constructor(const ObjectSpec& spec) {
  const ObjectSpec* s = &spec;
  return Value::makeBuiltin(spec.name, [this, s](CallArguments& args) { return construct(*s, args); });
}

Value PyoObjects::construct(const ObjectSpec& spec, CallArguments& args) {
  // The user binds pyo's arguments; hidden inputs (Registry.h) keep their defaults until a method sets them.
  std::vector<std::string> names;
  std::vector<std::optional<float>> defaults;
  std::vector<size_t> inputOf;  // names[j] is input inputOf[j]
  for (size_t i = 0; i < spec.inputs.size(); ++i) {
    if (spec.inputs[i].hidden) continue;
    names.push_back(spec.inputs[i].name);
    defaults.push_back(spec.inputs[i].defaultValue);
    inputOf.push_back(i);
  }
  names.push_back("mul");
  defaults.push_back(1.0f);
  inputOf.push_back(spec.inputs.size());
  names.push_back("add");
  defaults.push_back(0.0f);
  inputOf.push_back(spec.inputs.size() + 1);
  auto bound = bind(spec.name, names, defaults, args);

  std::vector<ir::Signal> inputs(spec.inputs.size() + 2);
  std::vector<ir::Node::ArrayInput> arrays;
  std::optional<float> fileSampleRate, tableSampleRate;
  for (size_t i = 0; i < spec.inputs.size(); ++i)
    if (spec.inputs[i].hidden) inputs[i] = ir::Signal::constant(spec.inputs[i].defaultValue.value_or(0.0f));
  for (size_t j = 0; j < names.size(); ++j) {
    size_t i = inputOf[j];
    InputKind kind = i < spec.inputs.size() ? spec.inputs[i].kind : InputKind::Signal;
    std::string what = fmt::format("argument '{}' of {}", names[j], spec.name);
    const Value& v = bound[j].value;
    if (kind == InputKind::Array && spec.inputs[i].table) {
      ir::Node::ArrayInput array = tables_.readerInput(i, v, bound[j].range, what);
      // The first table's own rate (a sound file's): readers that play at the original pitch convert it.
      if (!tableSampleRate) tableSampleRate = static_cast<float>(graph_.tables[*array.table].sampleRate);
      ir::Signal placeholder;
      for (const auto& lane : array.lanes)
        placeholder.lanes.push_back(ir::LaneSource::constant(static_cast<float>(lane.size())));
      inputs[i] = placeholder;
      arrays.push_back(std::move(array));
      continue;
    }
    if (kind == InputKind::Array && spec.inputs[i].tableList) {
      arrays.push_back(tables_.listInput(i, v, bound[j].range, what));
      inputs[i] = ir::Signal::constant(static_cast<float>(arrays.back().lanes[0].size()));
      continue;
    }
    if (kind == InputKind::Array) {
      // An Array input's default is the one-number list [default] (pyo's Seq(seq=[1])).
      ir::Node::ArrayInput array{i,
                                 bound[j].given || !spec.inputs[i].defaultValue
                                     ? toArrays(v, bound[j].range, what, fileSampleRate)
                                     : std::vector<ir::SampleArray>{ir::SampleArray(std::vector<float>{
                                           *spec.inputs[i].defaultValue})},
                                 std::nullopt,
                                 {}};
      ir::Signal placeholder;
      for (const auto& lane : array.lanes)
        placeholder.lanes.push_back(ir::LaneSource::constant(static_cast<float>(lane.size())));
      inputs[i] = placeholder;
      arrays.push_back(std::move(array));
      continue;
    }
    if (kind == InputKind::Audio && spec.inputs[i].list) {
      std::vector<std::pair<size_t, ir::Signal>> choices = listChoices(i, spec.inputs[i], v, bound[j].range, what);
      for (auto& [index, signal] : choices) inputs[index] = std::move(signal);
      continue;
    }
    if (kind == InputKind::Audio && !spec.internal) {
      bool objects = v.type == Value::Type::Object ||
                     (v.isSequence() && !v.items->empty() &&
                      std::all_of(v.items->begin(), v.items->end(),
                                  [](const Value& x) { return x.type == Value::Type::Object; }));
      if (!objects)
        throw ElaborationError(bound[j].range, fmt::format("{} must be a PyoObject, not {}", what, describe(v)));
    }
    inputs[i] = toSignal(i < spec.inputs.size() ? fromKeywords(spec.inputs[i], v, bound[j].range, what) : v,
                         bound[j].range, what, kind);
  }
  if (tableSampleRate) {
    int index = spec.inputIndex("tableSampleRate");
    if (index >= 0) inputs[static_cast<size_t>(index)] = ir::Signal::constant(*tableSampleRate);
  }
  if (fileSampleRate) {
    int index = spec.inputIndex("fileSampleRate");
    if (index >= 0) inputs[static_cast<size_t>(index)] = ir::Signal::constant(*fileSampleRate);
  }
  // pyo takes one number for what sets the count of outputs (Pan's outs is an int): every lane has as many.
  if (spec.outputCountInput && inputs[*spec.outputCountInput].width() > 1) {
    const size_t j = static_cast<size_t>(std::find(inputOf.begin(), inputOf.end(), *spec.outputCountInput) -
                                         inputOf.begin());
    throw ElaborationError(bound[j].range, fmt::format("argument '{}' of {} sets its number of outputs: it must be "
                                                       "one number, not a list",
                                                       names[j], spec.name));
  }
  for (const auto& array : arrays)
    if (spec.inputs[array.input].writes) {
      // A writer (TableRec) moves its table into the patch's state, and has a stream per channel of the table, as
      // pyo's `range(len(table))`: streams of its other inputs beyond those are not used.
      graph_.tables[*array.table].written = true;
      for (auto& signal : inputs)
        if (signal.width() > static_cast<int>(array.lanes.size())) signal.lanes.resize(array.lanes.size());
    }
  if (!spec.mulAddGroup.empty()) {
    // pyo applies this object's mul and add to one group of its streams (Notein's velocities): kept for that
    // group's selection (groupOfStreams), the object itself computes with 1 and 0.
    const size_t mul = spec.inputs.size();
    groupGains_.push_back({inputs[mul], inputs[mul + 1]});
    inputs[mul] = ir::Signal::constant(1.0f);
    inputs[mul + 1] = ir::Signal::constant(0.0f);
  }
  ir::Node& node = addNode(ir::NodeKind::Object, &spec, 1, args.callRange);
  if (!spec.mulAddGroup.empty()) groupGainOf_[node.id] = groupGains_.size() - 1;
  node.inputs = std::move(inputs);
  node.arrays = std::move(arrays);
  graph_.updateShape(node);
  for (const auto& array : node.arrays)
    if (array.table) {
      tables_.addReader(node.id);
      break;
    }
  for (size_t j = 0; j < names.size(); ++j) checkRange(node, inputOf[j], bound[j].range);
  auto& given = given_[node.id];
  for (size_t j = 0; j < names.size(); ++j) given[names[j]] = bound[j].value;
  return Value::object(node.id);
}

const PyoObjects::ReadSound& PyoObjects::readSound(const std::string& path, const SourceRange& range) {
  auto known = sounds_.find(path);
  if (known == sounds_.end()) {
    // Sound files are read now, so their samples count against state-bytes before they are read; a file
    // named again is the same shared samples, read and counted once.
    const uint64_t allowed = limits_.stateBytes - std::min(soundFileBytes_, limits_.stateBytes);
    SoundFile sound = readSoundFile(path, graph_.sourceName, allowed);
    if (sound.tooBig)
      throw ElaborationError(range, fmt::format("{}: {} of samples, more than the patch may still allocate, {} {}",
                                                sound.error, ir::describeBytes(sound.tooBig),
                                                ir::describeBytes(allowed),
                                                limitHint("state-bytes", limits_.stateBytes)));
    if (!sound.error.empty()) throw ElaborationError(range, sound.error);
    ReadSound read{{}, static_cast<float>(sound.sampleRate)};
    for (auto& channel : sound.channels) {
      soundFileBytes_ = saturatingAdd(soundFileBytes_, saturatingMul(channel.size(), sizeof(float)));
      read.channels.emplace_back(std::move(channel));
    }
    known = sounds_.emplace(path, std::move(read)).first;
  }
  return known->second;
}

std::vector<ir::SampleArray> PyoObjects::toArrays(const Value& value, const SourceRange& range,
                                                  const std::string& what, std::optional<float>& fileSampleRate) {
  if (value.type == Value::Type::Table)
    throw ElaborationError(range, fmt::format("{} must be a list of numbers or pairs, or a sound file's path, not a "
                                              "table ({}): only a reader of tables takes one",
                                              what, value.text));
  if (value.type == Value::Type::String) {
    const ReadSound& known = readSound(value.text, range);
    fileSampleRate = known.sampleRate;
    return known.channels;
  }
  // A list of numbers, or of (time, value) pairs (flattened): one array, for every lane.
  std::vector<float> numbers;
  if (!value.isSequence())
    throw ElaborationError(range, fmt::format("{} must be a list of numbers or pairs, or a sound file's path, not {}",
                                              what, describe(value)));
  for (const auto& item : *value.items) {
    if (item.isNumber()) {
      numbers.push_back(finiteFloat(item.toNumber(), range, what));
    } else if (item.isSequence()) {
      for (const auto& x : *item.items) {
        if (!x.isNumber())
          throw ElaborationError(range, fmt::format("{} must hold numbers, not {}", what, describe(x)));
        numbers.push_back(finiteFloat(x.toNumber(), range, what));
      }
    } else {
      throw ElaborationError(range, fmt::format("{} must hold numbers or pairs of numbers, not {}", what,
                                                describe(item)));
    }
  }
  if (numbers.empty()) throw ElaborationError(range, fmt::format("{} is empty", what));
  // Kernels see an array's length as an int (Kernel.h's In::count).
  if (numbers.size() > static_cast<size_t>(INT32_MAX))
    throw ElaborationError(range, fmt::format("{} holds {} numbers, more than an object can read", what,
                                              numbers.size()));
  return {ir::SampleArray(std::move(numbers))};
}

Value PyoObjects::mixConstructor() {
  return Value::makeBuiltin("Mix", [this](CallArguments& args) {
    auto bound = bind("Mix", {"input", "voices", "mul", "add"}, {std::nullopt, 1.0f, 1.0f, 0.0f}, args);
    Value mixed = makeMix(bound[0].value, bound[0].range, bound[1].value, bound[1].range);
    setAttribute(mixed, "mul", bound[2].value, bound[2].range);
    setAttribute(mixed, "add", bound[3].value, bound[3].range);
    return mixed;
  });
}

Value PyoObjects::makeMix(const Value& source, const SourceRange& sourceRange, const Value& voices,
                          const SourceRange& range) {
  int k = intArgument(voices, range, "the number of voices of mix()");
  if (k < 1) throw ElaborationError(range, "mix() needs at least 1 voice");
  ir::Signal input = toSignal(source, sourceRange, "the input of Mix", InputKind::Audio);
  ir::Node& node = addNode(ir::NodeKind::Mix, nullptr, k, range);
  node.inputs = {std::move(input), ir::Signal::constant(1.0f), ir::Signal::constant(0.0f)};
  graph_.updateShape(node);
  return Value::object(node.id);
}

void PyoObjects::start(ir::NodeId id) {
  // Envelopes (Fader, Linseg) run only once play() or out() started them: their hidden "playing" input.
  ir::Node& node = graph_.node(id);
  if (node.kind != ir::NodeKind::Object) return;
  int index = node.spec->inputIndex("playing");
  if (index >= 0 && node.spec->inputs[static_cast<size_t>(index)].hidden)
    node.inputs[static_cast<size_t>(index)] = ir::Signal::constant(1.0f);
}

void PyoObjects::checkRange(const ir::Node& node, size_t index, const SourceRange& range) {
  if (node.kind != ir::NodeKind::Object || index >= node.spec->inputs.size()) return;
  const InputSpec& input = node.spec->inputs[index];
  if (!input.valid || (!diagnostics_ && !input.valid->refused)) return;
  const ValidRange& valid = *input.valid;
  for (const auto& lane : node.inputs[index].lanes) {
    if (!lane.isConstant()) continue;
    const float v = lane.value;
    std::string problem, consequence;
    if (v < valid.min) {
      problem = fmt::format("outside {:g}–{:g}", valid.min, valid.max);
      consequence = valid.below;
    } else if (v > valid.max) {
      problem = fmt::format("outside {:g}–{:g}", valid.min, valid.max);
      consequence = valid.above;
    } else if (valid.wholeNumbers && v != std::floor(v)) {
      problem = "not a whole number";
      consequence = valid.fraction;
    } else {
      continue;
    }
    if (valid.refused)
      throw ElaborationError(range, fmt::format("{}'s {} is {:g}: {}", node.opName(), input.name, v, consequence));
    // One warning per argument, for its first lane outside: pyo accepts the value, so compiling goes on.
    if (!diagnostics_) return;
    diagnostics_->warning(range, fmt::format("{}'s {} is {:g}, {}; {}", node.opName(), input.name, v, problem,
                                             consequence));
    return;
  }
}

ir::Node& PyoObjects::addNode(ir::NodeKind kind, const ObjectSpec* spec, int lanes, const SourceRange& range) {
  if (graph_.size() >= limits_.objects)
    throw ElaborationError(range, fmt::format("the patch makes more than {} objects {}", limits_.objects,
                                              limitHint("objects", limits_.objects)));
  return graph_.add(kind, spec, lanes, range);
}

void PyoObjects::removeTaps(ir::NodeId id) {
  graph_.removeOutputsOf(id);
}

bool PyoObjects::reaches(ir::NodeId from, ir::NodeId to) const {
  std::vector<ir::NodeId> stack{from};
  std::set<ir::NodeId> seen;
  while (!stack.empty()) {
    ir::NodeId id = stack.back();
    stack.pop_back();
    if (id == to) return true;
    if (!seen.insert(id).second) continue;
    for (const auto& input : graph_.node(id).inputs)
      for (const auto& lane : input.lanes)
        if (!lane.isConstant()) stack.push_back(lane.node);
  }
  return false;
}

void PyoObjects::setInput(ir::Node& node, size_t index, ir::Signal signal, const SourceRange& range) {
  for (const auto& lane : signal.lanes)
    if (!lane.isConstant() && reaches(lane.node, node.id))
      throw ElaborationError(range, fmt::format("this makes a feedback loop through {}; loops between objects are "
                                                "not supported (use the object's own feedback argument)",
                                                node.opName()));
  // pyo fixes an object's number of streams when it is made: extra lanes of a wider value are never read.
  if (signal.width() > node.lanes) signal.lanes.resize(static_cast<size_t>(node.lanes));
  signal.rate = ir::inferRate(signal);
  node.inputs[index] = std::move(signal);
}

void PyoObjects::setAttribute(const Value& object, const std::string& name, const Value& value,
                              const SourceRange& range) {
  ir::Node& node = graph_.node(object.node);
  if (object.isStream())
    throw ElaborationError(range, fmt::format("one stream of {} (obj[i]) has no attribute '{}' to set; set it on the "
                                              "object, with a list for a value per stream", node.opName(), name));
  size_t index = inputToSet(node, name, range);
  InputKind kind = node.kind == ir::NodeKind::Object && index < node.spec->inputs.size()
                       ? node.spec->inputs[index].kind
                       : InputKind::Signal;
  if (kind == InputKind::Array && node.spec->inputs[index].table) {
    // setTable(): another table with as many channels (the object's streams are fixed when it is made).
    ir::Node::ArrayInput array =
        tables_.readerInput(index, value, range, fmt::format("attribute '{}' of {}", name, node.opName()));
    if (node.spec->inputs[index].writes) graph_.tables[*array.table].written = true;  // TableRec.setTable()
    for (auto& existing : node.arrays)
      if (existing.input == index) {
        if (existing.lanes.size() != array.lanes.size())
          throw ElaborationError(range, fmt::format("{} was made with a table of {} channel(s); this one has {}",
                                                    node.opName(), existing.lanes.size(), array.lanes.size()));
        existing = std::move(array);
      }
    given_[node.id][name] = value;
    return;
  }
  if (kind == InputKind::Audio && node.spec->inputs[index].list) {  // setInputs(): each object a choice again
    for (auto& [i, signal] : listChoices(index, node.spec->inputs[index], value, range,
                                         fmt::format("attribute '{}' of {}", name, node.opName())))
      setInput(node, i, std::move(signal), range);
    given_[node.id][name] = value;
    return;
  }
  const bool settable = node.kind == ir::NodeKind::Object && index < node.spec->inputs.size() &&
                        node.spec->inputs[index].settable;
  if (kind == InputKind::Array && settable && node.arrayFor(index)) {  // Linseg's setList(): the new list
    std::optional<float> noFile;
    auto lanes = toArrays(value, range, fmt::format("attribute '{}' of {}", name, node.opName()), noFile);
    if (noFile) throw ElaborationError(range, fmt::format("'{}' of {} must be a list, not a sound file", name, node.opName()));
    ir::Signal placeholder;
    for (const auto& lane : lanes) placeholder.lanes.push_back(ir::LaneSource::constant(static_cast<float>(lane.size())));
    node.arrayFor(index)->lanes = std::move(lanes);
    setInput(node, index, std::move(placeholder), range);
    given_[node.id][name] = value;
    return;
  }
  if ((kind == InputKind::Constant && !settable) || kind == InputKind::Array)
    throw ElaborationError(range, fmt::format("'{}' of {} is fixed when the object is made", name, node.opName()));
  const std::string what = fmt::format("attribute '{}' of {}", name, node.opName());
  const Value number = node.kind == ir::NodeKind::Object && index < node.spec->inputs.size()
                           ? fromKeywords(node.spec->inputs[index], value, range, what)
                           : value;
  setInput(node, index, toSignal(number, range, what, kind), range);
  checkRange(node, index, range);
  given_[node.id][name] = value;
}

Value PyoObjects::attribute(const Value& object, const std::string& name, const SourceRange& range) {
  if (object.isStream()) return streamMethod(object, name, range);
  const ir::Node& node = graph_.node(object.node);
  auto& given = given_[node.id];
  if (auto it = given.find(name); it != given.end()) return it->second;
  if (name == "mul") return Value::fromFloat(1.0);
  if (name == "add") return Value::fromFloat(0.0);
  return method(object, name, range);
}

namespace {
// A method that remembers its object (Value::self), so that a callback given `amp.stop` knows what to stop.
Value receiving(const Value& object, Value method) {
  method.self = std::make_shared<Value>(object);
  return method;
}
}  // namespace

Value PyoObjects::method(const Value& object, const std::string& name, const SourceRange& range) {
  ir::NodeId id = object.node;
  auto self = [this, id]() -> ir::Node& { return graph_.node(id); };
  if (name == "out")
    return Value::makeBuiltin("out", [this, id, object, self](CallArguments& args) {
      auto b = bind("out", {"chnl", "inc", "dur", "delay"}, {0.0f, 1.0f, 0.0f, 0.0f}, args);
      if (b[2].value.toNumber() != 0 || b[3].value.toNumber() != 0)
        throw ElaborationError(b[2].given ? b[2].range : b[3].range, "out(dur=..., delay=...) is not supported yet");
      std::vector<int> channels = outputChannels(id, b[0], b[1]);
      removeTaps(id);
      const int count = graph_.server.channels;
      bool inOrder = true;  // lane i to channel first + i (mod nchnls): one tap of the whole node, as before
      for (size_t i = 0; i < channels.size(); ++i)
        inOrder = inOrder && channels[i] == (channels[0] + static_cast<int>(i)) % count;
      if (inOrder) {
        // The channel as given when it is one (a printout shows out(3)'s "ch 3" with 2 channels, as before).
        int given = b[0].value.isNumber() ? intArgument(b[0].value, b[0].range, "out()'s channel") : -1;
        graph_.addOutput({id, given >= 0 ? given : channels[0], args.callRange});
      } else {
        for (size_t i = 0; i < channels.size(); ++i)
          graph_.addOutput({id, channels[i], args.callRange, static_cast<int>(i), 1});
      }
      self().stopped = false;
      start(id);
      return object;
    });
  if (name == "get")
    return Value::makeBuiltin("get", [this, object](CallArguments& args) {
      auto b = bind("get", {"all"}, {0.0f}, args);
      return initialValue(object, interpreter_.truthy(b[0].value), args.callRange);
    });
  if (name == "set")
    return Value::makeBuiltin("set", [this, object, self](CallArguments& args) {
      // pyo's PyoObject.set(attr, value, port=0.025, callback=None): the attribute ramps to `value` in `port`
      // seconds (a VarPort there, a SigTo here) from the value it had.
      std::vector<std::string> names{"attr", "value", "port", "callback"};
      std::vector<std::optional<float>> defaults{std::nullopt, std::nullopt, 0.025f, 0.0f};
      auto b = bind("set", names, defaults, args);
      if (b[0].value.type != Value::Type::String)
        throw ElaborationError(b[0].range, fmt::format("set()'s attr must be an attribute's name (a string), not {}",
                                                       describe(b[0].value)));
      if (b[3].given && b[3].value.type != Value::Type::None)
        throw ElaborationError(b[3].range, "set(callback=...) is not supported yet (callbacks come with issue 8 §3)");
      const std::string& attr = b[0].value.text;
      if (!b[2].value.isNumber())
        throw ElaborationError(b[2].range, fmt::format("set()'s port must be a number, not {}", describe(b[2].value)));
      double port = b[2].value.toNumber();
      Value current = attribute(object, attr, b[0].range);
      auto numbers = [](const Value& v) {
        return v.isNumber() || (v.isSequence() && !v.items->empty() &&
                                std::all_of(v.items->begin(), v.items->end(), [](const Value& x) { return x.isNumber(); }));
      };
      if (!numbers(b[1].value))
        throw ElaborationError(b[1].range, fmt::format("set()'s value must be a number or a list of numbers, as in "
                                                       "pyo, not {}", describe(b[1].value)));
      if (port > 0 && registry_.find("SigTo") && numbers(current)) {
        Value ramp = make("SigTo", {b[1].value, Value::fromFloat(port), current}, args.callRange);
        setAttribute(object, attr, ramp, b[1].range);
      } else {
        // Without SigTo in this build (or with port=0) the value is set at once.
        setAttribute(object, attr, b[1].value, b[1].range);
      }
      // What reading the attribute gives afterwards in pyo is the ramp; the target value is closer to intent.
      given_[self().id][attr] = b[1].value;
      return Value::none();
    });
  // Windows of pyo's GUI: nothing to show in a render (a REPL may give them one).
  // The MIDI objects' methods that change nothing in a render: Notein's keyboard() (pyo's widget that plays notes;
  // a REPL may give it one), setInterpolation() (deprecated in pyo 1.0.4, which only prints so).
  const ir::Node& made = graph_.node(id);
  const bool readsMidi = made.kind == ir::NodeKind::Object &&
                         std::any_of(made.spec->inputs.begin(), made.spec->inputs.end(),
                                     [](const InputSpec& input) { return input.midi; });
  if (readsMidi && (name == "keyboard" || name == "setInterpolation"))
    return Value::makeBuiltin(name, [](CallArguments&) { return Value::none(); });
  // Notein's setStealing(x) before the patch plays: its hidden `stealing` input.
  if (name == "setStealing" && made.kind == ir::NodeKind::Object && made.spec->inputIndex("stealing") >= 0)
    return Value::makeBuiltin(name, [this, self](CallArguments& args) {
      auto b = bind("setStealing", {"x"}, {std::nullopt}, args);
      self().inputs[static_cast<size_t>(self().spec->inputIndex("stealing"))] =
          ir::Signal::constant(interpreter_.truthy(b[0].value) ? 1.0f : 0.0f);
      return Value::none();
    });
  if (name == "ctrl" || name == "view" || name == "graph")
    return Value::makeBuiltin(name, [](CallArguments&) { return Value::none(); });
  if (name == "play")
    return receiving(object, Value::makeBuiltin("play", [this, id, object, self](CallArguments& args) {
      auto b = bind("play", {"dur", "delay"}, {0.0f, 0.0f}, args);
      if (b[0].value.toNumber() != 0 || b[1].value.toNumber() != 0)
        throw ElaborationError(b[0].given ? b[0].range : b[1].range, "play(dur=..., delay=...) is not supported yet");
      // As in pyo, play() computes the object without sending it to the output (measured with pyo 1.0.4).
      self().stopped = false;
      removeTaps(id);
      start(id);
      return object;
    }));
  // reset() of an object with a `resets` input (declare::resets: Looper) before the patch plays: it is at its start
  // already. In a callback, HandlerCompiler counts the input up.
  if (name == "reset" && graph_.node(id).kind == ir::NodeKind::Object && graph_.node(id).spec->inputIndex("resets") >= 0)
    return Value::makeBuiltin("reset", [](CallArguments&) { return Value::none(); });
  if (name == "stop")
    return receiving(object, Value::makeBuiltin("stop", [this, id, object, self](CallArguments& args) {
      bind("stop", {"wait"}, {0.0f}, args);
      self().stopped = true;
      removeTaps(id);
      return object;
    }));
  if (name == "mix")
    return Value::makeBuiltin("mix", [this, object](CallArguments& args) {
      auto b = bind("mix", {"voices"}, {1.0f}, args);
      return makeMix(object, args.callRange, b[0].value, b[0].range);
    });
  if (name == "range")
    return Value::makeBuiltin("range", [this, object, self](CallArguments& args) {
      auto b = bind("range", {"min", "max"}, {std::nullopt, std::nullopt}, args);
      // A bipolar object ([-1, 1]) maps through mul=(max-min)/2, add=(max+min)/2; a unipolar one ([0, 1])
      // through mul=max-min, add=min, as pyo's range() does. Signals as bounds become arithmetic nodes.
      bool bipolar = self().kind == ir::NodeKind::Mix || self().spec->bipolar;
      Value lo = b[0].value, hi = b[1].value;
      Value mul, add;
      if (lo.isNumber() && hi.isNumber()) {
        double l = lo.toNumber(), h = hi.toNumber();
        mul = Value::fromFloat(bipolar ? (h - l) / 2 : h - l);
        add = Value::fromFloat(bipolar ? (h + l) / 2 : l);
      } else {
        Value span = arithmetic("Sub", hi, lo, args.callRange);
        mul = bipolar ? arithmetic("Mul", span, Value::fromFloat(0.5), args.callRange) : span;
        add = bipolar ? arithmetic("Mul", arithmetic("Add", hi, lo, args.callRange), Value::fromFloat(0.5),
                                   args.callRange)
                      : lo;
      }
      setAttribute(object, "mul", mul, b[0].range);
      setAttribute(object, "add", add, b[1].range);
      return object;
    });
  // setFreq(x), setMul(x), ...: the same as assigning the attribute.
  if (name.size() > 3 && name.compare(0, 3, "set") == 0) {
    std::string attr = name.substr(3);
    attr[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(attr[0])));
    auto names = inputNames(graph_.node(id));
    if (std::find(names.begin(), names.end(), attr) != names.end())
      return Value::makeBuiltin(name, [this, object, attr](CallArguments& args) {
        auto b = bind(attr, {"x"}, {std::nullopt}, args);
        setAttribute(object, attr, b[0].value, b[0].range);
        return Value::none();
      });
  }
  std::vector<std::string> known = inputNames(graph_.node(id));
  for (const char* m : {"out", "play", "stop", "mix", "range", "get", "set", "ctrl", "view"}) known.push_back(m);
  throw ElaborationError(range, withSuggestion(fmt::format("{} has no attribute '{}'", graph_.node(id).opName(), name),
                                               name, known));
}

Value PyoObjects::arithmetic(const char* op, const Value& left, const Value& right, const SourceRange& range) {
  const ObjectSpec* spec = registry_.find(op);
  if (!spec) throw ElaborationError(range, fmt::format("internal: no '{}' op in the registry", op));
  std::string what = fmt::format("an operand of '{}'", op);
  ir::Node& node = addNode(ir::NodeKind::Object, spec, 1, range);
  node.inputs = {toSignal(left, range, what, InputKind::Signal), toSignal(right, range, what, InputKind::Signal),
                 ir::Signal::constant(1.0f), ir::Signal::constant(0.0f)};
  graph_.updateShape(node);
  return Value::object(node.id);
}

Value PyoObjects::make(const std::string& name, ValueList positional, const SourceRange& range) {
  const ObjectSpec* spec = registry_.find(name);
  if (!spec)
    throw ElaborationError(range, fmt::format("this needs pyo's {} object, which this build of patchc does not have "
                                              "yet", name));
  CallArguments args;
  args.callRange = range;
  args.calleeName = name;
  args.positionalRanges.assign(positional.size(), range);
  args.positional = std::move(positional);
  return construct(*spec, args);
}

int64_t PyoObjects::streamCount(const Value& object) const {
  return object.isStream() ? 1 : graph_.node(object.node).streams();
}

Value PyoObjects::stream(const Value& object, const Value& index, const SourceRange& range) {
  const ir::Node& node = graph_.node(object.node);
  if (object.isStream())
    throw ElaborationError(range, fmt::format("one stream of {} (obj[i]) cannot be indexed again", node.opName()));
  if (index.type == Value::Type::String && node.spec) {
    const auto& groups = node.spec->streamGroups;
    if (auto it = std::find(groups.begin(), groups.end(), index.text); it != groups.end())
      return groupOfStreams(object, static_cast<size_t>(it - groups.begin()), range);
  }
  if (index.type == Value::Type::String) {
    // A stream pyo has that patchc does not compute yet (ObjectSpec::streamsNotYet): say so, and which they are.
    if (node.spec && std::count(node.spec->streamsNotYet.begin(), node.spec->streamsNotYet.end(), index.text)) {
      const auto& names = node.spec->streamsNotYet;
      std::string quoted;
      for (size_t i = 0; i < names.size(); ++i)
        quoted += fmt::format("{}'{}'", i == 0 ? "" : i + 1 == names.size() ? " and " : ", ", names[i]);
      throw ElaborationError(range, fmt::format("{}['{}'] is not supported yet: patchc computes only {}'s main stream, "
                                                "not pyo's {} stream{}",
                                                node.opName(), index.text, node.opName(), quoted,
                                                names.size() == 1 ? "" : "s"));
    }
    throw ElaborationError(range, fmt::format("{} has no stream named '{}' in a patch", node.opName(), index.text));
  }
  if (index.type != Value::Type::Int && index.type != Value::Type::Bool)
    throw ElaborationError(range, fmt::format("indices of a PyoObject must be integers, not {}", describe(index)));
  int64_t i = index.type == Value::Type::Int ? index.integer : index.boolean;
  const int64_t n = node.streams();
  // As pyo: a negative index counts from the end (Python's list of streams); pyo prints a message and returns None
  // for one past the end, an error here at the index.
  if (i < -n || i >= n)
    throw ElaborationError(range, fmt::format("index {} is out of range: {} has {} stream{}", i, node.opName(), n,
                                              n == 1 ? "" : "s"));
  return Value::stream(object.node, static_cast<int>(i < 0 ? i + n : i));
}

// obj['name'] of an object whose streams come in named groups (ObjectSpec::streamGroups: Notein['pitch']): the
// group's streams as one object, a Sig of them, which carries pyo's mul and add when they belong to this group.
Value PyoObjects::groupOfStreams(const Value& object, size_t group, const SourceRange& range) {
  const ObjectSpec& spec = *graph_.node(object.node).spec;
  const int per = graph_.node(object.node).streams() / static_cast<int>(spec.streamGroups.size());
  ValueList items;
  for (int s = 0; s < per; ++s) items.push_back(Value::stream(object.node, static_cast<int>(group) * per + s));
  Value selection = make("Sig", {Value::list(std::move(items))}, range);
  if (spec.streamGroups[group] == spec.mulAddGroup) {
    const auto& [mul, add] = groupGains_.at(groupGainOf_.at(object.node));
    ir::Node& sig = graph_.node(selection.node);
    const size_t at = sig.spec->inputs.size();
    sig.inputs[at] = mul;
    sig.inputs[at + 1] = add;
    graph_.updateShape(sig);
  }
  return selection;
}

ValueList PyoObjects::streams(const Value& object) const {
  if (object.isStream()) return {object};
  ValueList all;
  for (int s = 0; s < graph_.node(object.node).streams(); ++s) all.push_back(Value::stream(object.node, s));
  return all;
}

std::string PyoObjects::repr(const Value& object) const {
  const ir::Node& node = graph_.node(object.node);
  // pyo's arithmetic on objects makes Dummy objects; patchc's internal ops stand for them.
  std::string cls = node.kind == ir::NodeKind::Mix ? "Mix" : node.spec->internal ? "Dummy" : node.spec->name;
  if (object.isStream()) return fmt::format("<_pyo.{}_base object>", cls);
  return fmt::format("< Instance of {} class >", cls);
}

std::vector<int> PyoObjects::outputChannels(ir::NodeId id, const Binding& chnl, const Binding& inc) {
  const int lanes = graph_.node(id).streams();  // pyo sends streams, a lane's outputs each its own
  const int count = graph_.server.channels;
  std::vector<int> channels(static_cast<size_t>(lanes));
  // pyo's stream.out(c) sends to channel c % nchnls; a negative c would index before pyo's output buffer.
  auto wrapped = [&](int64_t c, const SourceRange& range) {
    if (c < 0)
      throw ElaborationError(range, fmt::format("out() would send a stream to channel {}; channels start at 0", c));
    return static_cast<int>(c % count);
  };
  if (chnl.value.isSequence()) {
    // pyo: successive values of the list go to successive streams (stream i to chnl[i % len]); inc is not used.
    const ValueList& list = *chnl.value.items;
    if (list.empty()) throw ElaborationError(chnl.range, "out()'s channel list is empty");
    for (int i = 0; i < lanes; ++i)
      channels[static_cast<size_t>(i)] =
          wrapped(intArgument(list[static_cast<size_t>(i) % list.size()], chnl.range, "a channel of out()"), chnl.range);
    return channels;
  }
  const int64_t first = intArgument(chnl.value, chnl.range, "out()'s channel");
  const int64_t step = intArgument(inc.value, inc.range, "out()'s inc");
  if (first >= 0) {
    // pyo: stream i to chnl + i * inc, wrapped around nchnls.
    for (int i = 0; i < lanes; ++i) channels[static_cast<size_t>(i)] = wrapped(first + i * step, inc.range);
    return channels;
  }
  // pyo: streams begin at 0 and step by inc, then the list of streams is scrambled, again while it comes out in
  // the plain order.
  for (uint32_t attempt = 0;; ++attempt) {
    std::vector<int> order = scrambledOrder(id, lanes, attempt);
    for (int i = 0; i < lanes; ++i)
      channels[static_cast<size_t>(order[static_cast<size_t>(i)])] = wrapped(int64_t(i) * step, inc.range);
    bool plain = true;
    for (int i = 0; i < lanes; ++i) plain = plain && channels[static_cast<size_t>(i)] == i;
    // One stream (where pyo loops for ever) or a plain order again after many seeds: kept as it is.
    if (!plain || lanes < 2 || attempt == 1000) return channels;
  }
}

std::vector<int> PyoObjects::scrambledOrder(ir::NodeId id, int count, uint32_t attempt) const {
  // pyo's seed is the digits after the point of time.process_time(): a number below 10^6 here, from a SplitMix64
  // of the elaboration seed, the node and the attempt.
  uint64_t z = (uint64_t(graph_.seed) << 32) ^ (uint64_t(graph_.node(id).seedIndex) << 12) ^ attempt;
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  const uint64_t seed = z % 1000000;
  // listscramble: pos = (pos * seed) % len(l), take l[pos], until l is empty.
  std::vector<int> remaining(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) remaining[static_cast<size_t>(i)] = i;
  std::vector<int> order;
  uint64_t pos = 1;
  while (!remaining.empty()) {
    pos = (pos * seed) % remaining.size();
    order.push_back(remaining[pos]);
    remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(pos));
  }
  return order;
}

Value PyoObjects::streamMethod(const Value& stream, const std::string& name, const SourceRange& range) {
  ir::NodeId id = stream.node;
  if (name == "out")
    return Value::makeBuiltin("out", [this, id, stream](CallArguments& args) {
      // A stream's own out(chnl=0, dur=0, delay=0) (pyo's _base objects): this stream to chnl % nchnls.
      auto b = bind("out", {"chnl", "dur", "delay"}, {0.0f, 0.0f, 0.0f}, args);
      if (b[1].value.toNumber() != 0 || b[2].value.toNumber() != 0)
        throw ElaborationError(b[1].given ? b[1].range : b[2].range, "out(dur=..., delay=...) is not supported yet");
      int chnl = intArgument(b[0].value, b[0].range, "out()'s channel");
      if (chnl < 0)
        throw ElaborationError(b[0].range, "the channel of one stream's out() must not be negative");
      auto& taps = graph_.outputs();
      taps.erase(std::remove_if(taps.begin(), taps.end(),
                                [&](const ir::OutputTap& t) {
                                  return t.node == id && t.laneCount == 1 && t.firstLane == stream.lane;
                                }),
                 taps.end());
      graph_.addOutput({id, chnl % graph_.server.channels, args.callRange, stream.lane, 1});
      graph_.node(id).stopped = false;
      start(id);
      return stream;
    });
  throw ElaborationError(range, fmt::format("one stream of {} (obj[i]) has no attribute '{}' in a patch (it has "
                                            "out()); use the object itself",
                                            graph_.node(id).opName(), name));
}

Value PyoObjects::initialValue(const Value& object, bool all, const SourceRange& range) {
  const ir::Node& node = graph_.node(object.node);
  // A Sig of numbers outputs value * mul + add from its first sample, in 32-bit floats (pyo 1.0.4 prints
  // Sig(0.3, mul=2).get() as 0.6000000238418579 before the server starts).
  auto laneValue = [&](int lane) -> std::optional<double> {
    if (node.kind != ir::NodeKind::Object || node.spec->name != "Sig") return std::nullopt;
    const auto& value = node.inputs[0].forLane(lane);
    const auto& mul = node.inputs[node.mulIndex()].forLane(lane);
    const auto& add = node.inputs[node.addIndex()].forLane(lane);
    if (!value.isConstant() || !mul.isConstant() || !add.isConstant()) return std::nullopt;
    return static_cast<double>(value.value * mul.value + add.value);
  };
  bool known = true;
  auto at = [&](int lane) {
    auto v = laneValue(lane);
    known = known && v.has_value();
    return Value::fromFloat(v.value_or(0.0));
  };
  Value result;
  if (all && !object.isStream()) {
    ValueList values;
    for (int stream = 0; stream < node.streams(); ++stream) values.push_back(at(stream));
    result = Value::list(std::move(values));
  } else {
    result = at(object.isStream() ? object.lane : 0);
  }
  if (!known && diagnostics_)
    diagnostics_->warning(range, fmt::format("{}.get() is 0.0 while compiling, as pyo's is before its server "
                                             "runs; only a Sig of numbers has a value known now", node.opName()));
  return result;
}

void PyoObjects::finish() {
  if (amp_ == 1.0) return;
  const ObjectSpec* mul = registry_.find("Mul");
  if (!mul) throw ElaborationError({}, "internal: no 'Mul' op in the registry");
  std::vector<ir::OutputTap> scaled;
  for (const ir::OutputTap tap : std::vector<ir::OutputTap>(graph_.outputs())) {
    const ir::Node& tapped = graph_.node(tap.node);
    const int count = tap.whole() ? tapped.streams() : tap.laneCount;
    ir::Signal source;
    for (int i = 0; i < count; ++i) source.lanes.push_back(tapped.stream(tap.firstLane + i));
    source.rate = ir::inferRate(source);
    ir::Node& gain = addNode(ir::NodeKind::Object, mul, 1, tap.origin);
    gain.inputs = {std::move(source), ir::Signal::constant(static_cast<float>(amp_)), ir::Signal::constant(1.0f),
                   ir::Signal::constant(0.0f)};
    graph_.updateShape(gain);
    scaled.push_back({gain.id, tap.firstChannel, tap.origin});
  }
  graph_.outputs() = std::move(scaled);
}

// ---- Server ----

Value PyoObjects::serverConstructor() {
  return Value::makeBuiltin("Server", [this](CallArguments& args) {
    // pyo's Server(sr=44100, nchnls=2, buffersize=256, duplex=1, audio='portaudio', jackname='pyo',
    // ichnls=None, winhost='directsound', midi='portmidi'): the first four shape the runtime.
    std::vector<std::string> names{"sr", "nchnls", "buffersize", "duplex", "audio", "jackname", "ichnls",
                                   "winhost", "midi"};
    std::vector<std::optional<float>> defaults{44100.0f, 2.0f, 256.0f, 1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    auto b = bind("Server", names, defaults, args);
    // Written so that NaN fails it too.
    if (!b[0].value.isNumber() || !(b[0].value.toNumber() >= 1000 && b[0].value.toNumber() <= 768000))
      throw ElaborationError(b[0].range, "Server's sr must be a sample rate between 1000 and 768000");
    graph_.server.sampleRate = b[0].value.toNumber();
    graph_.server.channels = intArgument(b[1].value, b[1].range, "Server's nchnls");
    if (graph_.server.channels < 1 || graph_.server.channels > 64)
      throw ElaborationError(b[1].range, "Server's nchnls must be between 1 and 64");
    graph_.server.bufferSize = intArgument(b[2].value, b[2].range, "Server's buffersize");
    if (graph_.server.bufferSize < 1 || graph_.server.bufferSize > 8192)
      throw ElaborationError(b[2].range, "Server's buffersize must be between 1 and 8192");
    graph_.server.duplex = interpreter_.truthy(b[3].value);
    Value server;
    server.type = Value::Type::Server;
    return server;
  });
}

Value PyoObjects::serverAttribute(const Value& server, const std::string& name, const SourceRange& range) {
  // Methods that start, stop or show the server are no-ops at compile time: the runtime plays the patch.
  static const std::set<std::string> chained{"boot", "start"};
  static const std::set<std::string> ignored{"stop",         "shutdown",     "gui",        "deactivateMidi",
                                             "setVerbosity", "recordOptions", "recstart",   "recstop",
                                             "closeGui",     "setInOutDevice", "setOutputDevice",
                                             "setInputDevice", "setMidiInputDevice", "setMidiOutputDevice",
                                             "verbosity"};
  // MIDI out (elab/MidiOut.h): called by the script itself, at the patch's first frame; a callback's calls are
  // compiled by the HandlerCompiler at the callback's event.
  if (const MidiOutMethod* method = findMidiOutMethod(name))
    return Value::makeBuiltin(name, [this, method](CallArguments& args) {
      sendAtStart(graph_, *method, args);
      return Value::none();
    });
  // pyo's addMidiEvent by the script: a played MidiFile's messages (elab/Mido.h), or one message at frame 0.
  if (name == "addMidiEvent")
    return Value::makeBuiltin(name, [this](CallArguments& args) { return addMidiEvent(graph_, args); });
  if (name == "sysexout")
    return Value::makeBuiltin(name, [](CallArguments& args) -> Value { refuseSysex(args.callRange); });
  if (name == "setGlobalSeed")
    return Value::makeBuiltin(name, [this](CallArguments& args) {
      expectCount(args, 1, 1);
      // pyo keeps the seed in a C unsigned int; a cast of a value outside it would be undefined behaviour.
      double seed = numberArgument(args, 0, "the seed");
      if (!(seed >= 0 && seed <= 4294967295.0))
        throw ElaborationError(args.positionalRanges[0],
                               fmt::format("setGlobalSeed's seed is {:g}, outside 0–4294967295", seed));
      graph_.seed = static_cast<uint32_t>(seed);
      return Value::none();
    });
  if (name == "getSamplingRate")
    return Value::makeBuiltin(name, [this](CallArguments&) { return Value::fromFloat(graph_.server.sampleRate); });
  if (name == "getNchnls")
    return Value::makeBuiltin(name, [this](CallArguments&) { return Value::fromInt(graph_.server.channels); });
  if (name == "getBufferSize")
    return Value::makeBuiltin(name, [this](CallArguments&) { return Value::fromInt(graph_.server.bufferSize); });
  if (name == "amp") return Value::fromFloat(amp_);
  if (name == "setAmp")
    return Value::makeBuiltin(name, [this, server](CallArguments& args) {
      auto b = bind("setAmp", {"x"}, {std::nullopt}, args);
      setServerAttribute(server, "amp", b[0].value, b[0].range);
      return Value::none();
    });
  if (name == "getIsBooted")
    return Value::makeBuiltin(name, [](CallArguments&) { return Value::fromInt(1); });
  if (name == "getIsStarted")
    return Value::makeBuiltin(name, [this](CallArguments&) { return Value::fromInt(started_ ? 1 : 0); });
  if (name == "start")
    return Value::makeBuiltin(name, [this, server](CallArguments&) {
      started_ = true;
      return server;
    });
  if (chained.count(name)) return Value::makeBuiltin(name, [server](CallArguments&) { return server; });
  if (ignored.count(name)) return Value::makeBuiltin(name, [](CallArguments&) { return Value::none(); });
  std::vector<std::string> known(chained.begin(), chained.end());
  for (const char* getter : {"getSamplingRate", "getNchnls", "getBufferSize", "getIsBooted", "getIsStarted",
                             "setGlobalSeed", "amp", "setAmp"})
    known.push_back(getter);
  known.insert(known.end(), ignored.begin(), ignored.end());
  for (const std::string& method : midiOutMethodNames()) known.push_back(method);
  known.push_back("addMidiEvent");
  throw ElaborationError(range, withSuggestion(fmt::format("Server has no attribute '{}' in a patch", name), name,
                                               known));
}

void PyoObjects::setServerAttribute(const Value&, const std::string& name, const Value& value,
                                    const SourceRange& range) {
  if (name == "amp") {
    if (!value.isNumber())
      throw ElaborationError(range, fmt::format("the Server's amp must be a number, not {}", describe(value)));
    finiteFloat(value.toNumber(), range, "the Server's amp");
    amp_ = value.toNumber();
    return;
  }
  if (name == "verbosity") return;  // accepted, no effect on the compiled patch
  throw ElaborationError(range, fmt::format("Server attribute '{}' cannot be set in a patch", name));
}

}  // namespace patchc::elab
