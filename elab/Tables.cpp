#include "elab/Tables.h"

#include "stdlib/tables/refill/SoundEdits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace patchc::elab {
namespace {

int64_t wholeArgument(const Value& v, const SourceRange& range, const std::string& what) {
  if (v.type == Value::Type::Int) return v.integer;
  if (v.type == Value::Type::Bool) return v.boolean;
  if (v.type == Value::Type::Float && v.real == std::floor(v.real) && std::abs(v.real) < 9e15)
    return static_cast<int64_t>(v.real);
  throw ElaborationError(range, fmt::format("{} must be an integer, not {}", what, v.typeName()));
}

Value defaultValue(const TableParameter& p) {
  if (p.noneByDefault || p.required) return Value::none();
  if (p.boolean) return Value::fromBool(p.number != 0);
  if (p.kind == TableParameterKind::Number)
    return p.number == std::floor(p.number) ? Value::fromInt(static_cast<int64_t>(p.number))
                                            : Value::fromFloat(p.number);
  ValueList items;
  if (p.kind == TableParameterKind::Points) {
    for (size_t i = 0; i + 1 < p.numbers.size(); i += 2)
      items.push_back(Value::tuple({Value::fromInt(static_cast<int64_t>(p.numbers[i])), Value::fromFloat(p.numbers[i + 1])}));
  } else {
    for (double x : p.numbers) items.push_back(Value::fromFloat(x));
  }
  return Value::list(std::move(items));
}

// A method's arguments by pyo's parameter names, positional or keyword; the first `required` must be given.
std::vector<std::optional<Value>> methodArguments(const CallArguments& args, const std::string& method,
                                                  const std::vector<std::string>& names, size_t required) {
  std::vector<std::optional<Value>> values(names.size());
  if (args.positional.size() > names.size())
    throw ElaborationError(args.positionalRanges[names.size()],
                           fmt::format("{}() takes at most {} arguments ({} given)", method, names.size(),
                                       args.positional.size()));
  for (size_t i = 0; i < args.positional.size(); ++i) values[i] = args.positional[i];
  for (const auto& k : args.keywords) {
    auto it = std::find(names.begin(), names.end(), k.name);
    if (it == names.end())
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() has no argument '{}'", method, k.name),
                                                         k.name, names));
    values[static_cast<size_t>(it - names.begin())] = k.value;
  }
  for (size_t i = 0; i < required; ++i)
    if (!values[i])
      throw ElaborationError(args.callRange, fmt::format("{}() missing required argument '{}'", method, names[i]));
  return values;
}

double methodNumber(const std::optional<Value>& v, double otherwise, const CallArguments& args, const char* what) {
  if (!v) return otherwise;
  if (!v->isNumber() || !std::isfinite(v->toNumber()))
    throw ElaborationError(args.callRange, fmt::format("{} must be a finite number, not {}", what, v->typeName()));
  return v->toNumber();
}

}  // namespace

const std::vector<std::string>& soundEditParameters(const std::string& method) {
  static const std::vector<std::string> set{"path", "start", "stop"};
  static const std::vector<std::string> insert{"path", "pos", "crossfade", "start", "stop"};
  static const std::vector<std::string> append{"path", "crossfade", "start", "stop"};
  return method == "setSound" ? set : method == "insert" ? insert : append;
}

TableArgument Tables::toArgument(const TableParameter& p, const Value& v, const SourceRange& range,
                                 const std::string& what) {
  TableArgument argument;
  if (v.type == Value::Type::None && p.noneByDefault) {
    argument.none = true;
    return argument;
  }
  auto number = [&](const Value& x, const std::string& of) {
    if (!x.isNumber()) throw ElaborationError(range, fmt::format("{} must hold numbers, not {}", of, x.typeName()));
    double d = x.toNumber();
    if (!std::isfinite(d)) throw ElaborationError(range, fmt::format("{} holds {}: a table's numbers must be finite", of, d));
    return d;
  };
  switch (p.kind) {
    case TableParameterKind::Number:
      if (!v.isNumber()) throw ElaborationError(range, fmt::format("{} must be a number, not {}", what, v.typeName()));
      argument.number = number(v, what);
      return argument;
    case TableParameterKind::Path:
      if (v.type != Value::Type::String)
        throw ElaborationError(range, fmt::format("{} must be a sound file's path (a string), not {}", what,
                                                  v.typeName()));
      argument.text = v.text;
      return argument;
    case TableParameterKind::Numbers:
    case TableParameterKind::Points:
      break;
  }
  if (!v.isSequence())
    throw ElaborationError(range, fmt::format("{} must be a list{}, not {}", what,
                                              p.kind == TableParameterKind::Points ? " of (index, value) pairs" : "",
                                              v.typeName()));
  interpreter_.charge(v.items->size(), range);
  for (const auto& item : *v.items) {
    if (p.kind == TableParameterKind::Points) {
      if (!item.isSequence() || item.items->size() != 2)
        throw ElaborationError(range, fmt::format("{} must hold (index, value) pairs, not {}", what, item.typeName()));
      argument.numbers.push_back(number((*item.items)[0], what));
      argument.numbers.push_back(number((*item.items)[1], what));
    } else if (item.isSequence()) {
      std::vector<double> list;
      interpreter_.charge(item.items->size(), range);
      for (const auto& x : *item.items) list.push_back(number(x, what));
      argument.lists.push_back(std::move(list));
    } else {
      argument.numbers.push_back(number(item, what));
    }
  }
  if (!argument.lists.empty() && !argument.numbers.empty())
    throw ElaborationError(range, fmt::format("{} mixes numbers and lists", what));
  return argument;
}

void Tables::fill(TableData& table, const SourceRange& range, const std::vector<SourceRange>& argumentRanges) {
  TableContext context;
  context.serverSampleRate = graph_.server.sampleRate;
  context.readSound = [&](const std::string& path, size_t parameter) {
    return readSound_(path, argumentRanges.at(parameter));
  };
  TableContents contents;
  try {
    contents = table.spec->fill(table.arguments, context);
  } catch (const TableArgumentError& error) {
    throw ElaborationError(error.parameter < argumentRanges.size() ? argumentRanges[error.parameter] : range,
                           fmt::format("{}: {}", table.spec->name, error.what()));
  }
  table.channels = std::move(contents.channels);
  table.sampleRate = contents.sampleRate > 0 ? contents.sampleRate : graph_.server.sampleRate;
  table.changed = true;
}

Value Tables::constructor(const TableSpec& spec) {
  const TableSpec* s = &spec;
  return Value::makeBuiltin(spec.name, [this, s](CallArguments& args) {
    const auto& parameters = s->parameters;
    std::vector<Value> values(parameters.size());
    std::vector<SourceRange> ranges(parameters.size(), args.callRange);
    std::vector<bool> given(parameters.size(), false);
    if (args.positional.size() > parameters.size())
      throw ElaborationError(args.positionalRanges[parameters.size()],
                             fmt::format("{}() takes at most {} arguments ({} given)", s->name, parameters.size(),
                                         args.positional.size()));
    for (size_t i = 0; i < args.positional.size(); ++i) {
      values[i] = args.positional[i];
      ranges[i] = args.positionalRanges[i];
      given[i] = true;
    }
    for (const auto& k : args.keywords) {
      int i = s->parameterIndex(k.name);
      if (i < 0) {
        std::vector<std::string> names;
        for (const auto& p : parameters) names.push_back(p.name);
        throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() has no argument '{}'", s->name, k.name),
                                                           k.name, names));
      }
      if (given[static_cast<size_t>(i)])
        throw ElaborationError(k.nameRange, fmt::format("{}() got two values for argument '{}'", s->name, k.name));
      values[static_cast<size_t>(i)] = k.value;
      ranges[static_cast<size_t>(i)] = k.valueRange;
      given[static_cast<size_t>(i)] = true;
    }
    auto table = std::make_shared<TableData>();
    table->spec = s;
    for (size_t i = 0; i < parameters.size(); ++i) {
      if (!given[i]) {
        if (parameters[i].required)
          throw ElaborationError(args.callRange,
                                 fmt::format("{}() missing required argument '{}'", s->name, parameters[i].name));
        values[i] = defaultValue(parameters[i]);
      }
      table->arguments.values.push_back(toArgument(parameters[i], values[i], ranges[i],
                                                   fmt::format("argument '{}' of {}", parameters[i].name, s->name)));
    }
    table->given = values;
    fill(*table, args.callRange, ranges);
    table->id = static_cast<ir::TableId>(graph_.tables.size());
    ir::Table graphTable;
    graphTable.kind = s->name;
    graphTable.origin = args.callRange;
    graph_.tables.push_back(std::move(graphTable));
    tables_.push_back(table);
    Value value;
    value.type = Value::Type::Table;
    value.text = s->name;
    value.table = table;
    return value;
  });
}

void Tables::nameTable(const Value& table, const std::string& name) {
  auto& graphTable = graph_.tables.at(table.table->id);
  if (graphTable.name.empty()) graphTable.name = name;
}

void Tables::publish(TableData& table) {
  if (!table.changed) return;
  auto& graphTable = graph_.tables.at(table.id);
  graphTable.channels.clear();
  for (const auto& channel : table.channels) graphTable.channels.emplace_back(channel);
  graphTable.sampleRate = table.sampleRate;
  table.changed = false;
}

ir::Node::ArrayInput Tables::readerInput(size_t input, const Value& value, const SourceRange& range,
                                         const std::string& what) {
  if (value.type != Value::Type::Table)
    throw ElaborationError(range, fmt::format("{} must be a table (a PyoTableObject such as HarmTable, SndTable or "
                                              "NewTable), not {}",
                                              what, value.type == Value::Type::Object ? "a PyoObject" : value.typeName()));
  publish(*value.table);
  return {input, graph_.tables[value.table->id].channels, value.table->id, {}};
}

ir::Node::ArrayInput Tables::listInput(size_t input, const Value& value, const SourceRange& range,
                                       const std::string& what) {
  if (!value.isSequence() || value.items->size() < 2)
    throw ElaborationError(range, fmt::format("{} must be a list of two or more tables (pyo 1.0.4 reads past the end "
                                              "of a shorter one), not {}",
                                              what, value.isSequence() ? "a list of " + std::to_string(value.items->size())
                                                                       : value.typeName()));
  ir::Node::ArrayInput array;
  array.input = input;
  for (const auto& item : *value.items) {
    if (item.type != Value::Type::Table)
      throw ElaborationError(range, fmt::format("{} must be a list of tables, not of {}", what, item.typeName()));
    publish(*item.table);
    array.tables.push_back(item.table->id);
  }
  array.lanes = {packed(array.tables, range)};
  return array;
}

ir::SampleArray Tables::packed(const std::vector<ir::TableId>& tables, const SourceRange& range) {
  std::vector<float> numbers{static_cast<float>(tables.size())};
  for (ir::TableId id : tables) {
    const ir::Table& table = graph_.tables[id];
    // Sizes travel as floats: exact up to 2^24.
    if (table.size() > (size_t{1} << 24))
      throw ElaborationError(range, fmt::format("a table of the list has {} samples, more than 16777216", table.size()));
    numbers.push_back(static_cast<float>(table.size()));
  }
  for (ir::TableId id : tables) {
    const ir::Table& table = graph_.tables[id];
    if (table.written)
      throw ElaborationError(range, fmt::format("{} #{} is written while the patch plays: a list of tables is read when "
                                                "compiling, patchc cannot read it while playing yet",
                                                table.kind, id));
    const auto& first = table.channels.at(0);
    numbers.insert(numbers.end(), first.data(), first.data() + table.size());
  }
  return ir::SampleArray(std::move(numbers));
}

void Tables::finish() {
  for (auto& table : tables_) publish(*table);
  for (ir::NodeId id : readers_) {
    ir::Node& node = graph_.node(id);
    if (auto written = ir::tableWrittenBy(node)) checkWriter(node, *written);
    for (auto& array : node.arrays) {
      if (!array.tables.empty()) array.lanes = {packed(array.tables, node.origin)};  // their final samples
      if (!array.table) continue;
      const ir::Table& table = graph_.tables[*array.table];
      if (table.channels.size() != array.lanes.size())
        throw ElaborationError(node.origin, fmt::format("this {} reads a table whose number of channels changed "
                                                        "after it was made ({} then {})",
                                                        node.opName(), array.lanes.size(), table.channels.size()));
      array.lanes = table.channels;
      for (size_t c = 0; c < array.lanes.size(); ++c)
        node.inputs[array.input].lanes[c] = ir::LaneSource::constant(static_cast<float>(array.lanes[c].size()));
    }
  }
}

void Tables::checkWriter(ir::Node& node, ir::TableId table) {
  // The table's `feedback` (NewTable, DataTable): what the writer keeps of the old samples, as it is now.
  const TableData& data = *tables_.at(table);
  const int feedback = data.spec->parameterIndex("feedback");
  const int input = node.spec->inputIndex("tableFeedback");
  if (input >= 0)
    node.inputs[static_cast<size_t>(input)] = ir::Signal::constant(
        feedback >= 0 ? static_cast<float>(data.arguments[static_cast<size_t>(feedback)].number) : 0.0f);
  // pyo's mul and add that scale what the object writes (TableScale's), not its output, which stays silence.
  const int mul = node.spec->inputIndex("tableMul"), add = node.spec->inputIndex("tableAdd");
  if (mul >= 0 && add >= 0) {
    if (!node.inputs[node.mulIndex()].isConstant() || !node.inputs[node.addIndex()].isConstant())
      throw ElaborationError(node.origin, fmt::format("{}'s mul and add scale the table it writes: they must be "
                                                      "numbers in a patch", node.opName()));
    node.inputs[static_cast<size_t>(mul)] = node.inputs[node.mulIndex()];
    node.inputs[static_cast<size_t>(add)] = node.inputs[node.addIndex()];
    node.inputs[node.mulIndex()] = ir::Signal::constant(1.0f);
    node.inputs[node.addIndex()] = ir::Signal::constant(0.0f);
    graph_.updateShape(node);
  }
  // The writer runs before the table's readers (docs/tables.md): none of them may be among what it records.
  std::vector<bool> seen(graph_.size(), false);
  std::vector<ir::NodeId> work{node.id};
  while (!work.empty()) {
    const ir::Node& n = graph_.node(work.back());
    work.pop_back();
    for (const auto& array : n.arrays)
      if (n.id != node.id && array.table == table)
        throw ElaborationError(node.origin,
                               fmt::format("this {} writes the table that {} ({}:{}), which it records, reads: pyo "
                                           "would read the table's previous block there, patchc cannot yet",
                                           node.opName(), n.opName(), n.origin.begin.line, n.origin.begin.column));
    for (const auto& signal : n.inputs)
      for (const auto& lane : signal.lanes)
        if (!lane.isConstant() && !seen[lane.node]) {
          seen[lane.node] = true;
          work.push_back(lane.node);
        }
  }
}

void Tables::setAttribute(const Value& table, const std::string& name, const Value& value, const SourceRange& range) {
  TableData& data = *table.table;
  int index = data.spec->parameterIndex(name);
  if (index < 0) {
    std::vector<std::string> names;
    for (const auto& p : data.spec->parameters) names.push_back(p.name);
    throw ElaborationError(range, withSuggestion(fmt::format("{} has no attribute '{}' to set", data.spec->name, name),
                                                 name, names));
  }
  // As pyo: the table is computed again from its arguments (what normalize() or put() did is lost).
  const size_t i = static_cast<size_t>(index);
  TableArgument argument = toArgument(data.spec->parameters[i], value, range,
                                      fmt::format("attribute '{}' of {}", name, data.spec->name));
  TableArguments before = data.arguments;
  data.arguments.values[i] = std::move(argument);
  std::vector<SourceRange> ranges(data.spec->parameters.size(), graph_.tables[data.id].origin);
  ranges[i] = range;
  fill(data, range, ranges);
  data.given[i] = value;
}

Value Tables::attribute(const Value& table, const std::string& name, const SourceRange& range) {
  const TableData& data = *table.table;
  int index = data.spec->parameterIndex(name);
  if (index >= 0) return data.given[static_cast<size_t>(index)];
  return method(table, name, range);
}

Value Tables::method(const Value& table, const std::string& name, const SourceRange& range) {
  std::shared_ptr<TableData> data = table.table;
  auto builtin = [&](std::function<Value(CallArguments&)> fn) { return Value::makeBuiltin(name, std::move(fn)); };
  // What the methods that take `all=False` return: the first channel's, or a list of every channel's.
  auto perChannel = [name](CallArguments& args, const std::function<Value(size_t)>& of, size_t channels) {
    auto given = methodArguments(args, name, {"all"}, 0);
    bool all = given[0] && given[0]->isNumber() && given[0]->toNumber() != 0;
    if (!all || channels == 1) return of(0);
    ValueList items;
    for (size_t c = 0; c < channels; ++c) items.push_back(of(c));
    return Value::list(std::move(items));
  };
  // pyo's rate: the server's (or the file's) rate over the size, computed in floats.
  auto rate = [data](size_t) { return static_cast<float>(data->sampleRate) / static_cast<float>(data->size()); };
  auto position = [data](const Value& v, const SourceRange& r) {
    int64_t pos = wholeArgument(v, r, "a table position");
    const int64_t size = static_cast<int64_t>(data->size());
    if (pos < -size || pos >= size)
      throw ElaborationError(r, fmt::format("IndexError: position {} is outside the table (size {})", pos, size));
    return static_cast<size_t>(pos < 0 ? pos + size : pos);
  };
  auto forEachSample = [data](const std::function<void(float&)>& f) {
    for (auto& channel : data->channels)
      for (auto& x : channel) f(x);
    data->changed = true;
  };
  if (name == "getSize")
    return builtin([=](CallArguments& args) {
      return perChannel(args, [data](size_t) { return Value::fromInt(static_cast<int64_t>(data->size())); },
                        data->channels.size());
    });
  if (name == "getRate")
    return builtin([=](CallArguments& args) {
      return perChannel(args, [=](size_t c) { return Value::fromFloat(rate(c)); }, data->channels.size());
    });
  if (name == "getDur")
    return builtin([=](CallArguments& args) {
      return perChannel(args, [=](size_t c) { return Value::fromFloat(1.0 / static_cast<double>(rate(c))); },
                        data->channels.size());
    });
  if (name == "getSamplingRate")
    return builtin([this](CallArguments& args) {
      expectCount(args, 0, 0);
      return Value::fromFloat(graph_.server.sampleRate);
    });
  if (name == "getTable")
    return builtin([=](CallArguments& args) {
      auto channel = [data](size_t c) {
        ValueList items;
        for (size_t i = 0; i < data->size(); ++i) items.push_back(Value::fromFloat(data->channels[c][i]));
        return Value::list(std::move(items));
      };
      return perChannel(args, channel, data->channels.size());
    });
  if (name == "get")
    return builtin([=](CallArguments& args) {
      auto given = methodArguments(args, name, {"pos"}, 1);
      size_t at = position(*given[0], args.callRange);
      if (data->channels.size() == 1) return Value::fromFloat(data->channels[0][at]);
      ValueList items;
      for (const auto& channel : data->channels) items.push_back(Value::fromFloat(channel[at]));
      return Value::list(std::move(items));
    });
  if (name == "put")
    return builtin([=](CallArguments& args) {
      auto given = methodArguments(args, name, {"value", "pos"}, 1);
      const float value = static_cast<float>(methodNumber(given[0], 0.0, args, "put()'s value"));
      size_t at = given[1] ? position(*given[1], args.callRange) : 0;
      for (auto& channel : data->channels) channel[at] = value;  // pyo leaves the guard point as it was
      data->changed = true;
      return Value::none();
    });
  if (name == "normalize")
    return builtin([=](CallArguments& args) {
      auto given = methodArguments(args, name, {"level"}, 0);
      const float level = static_cast<float>(methodNumber(given[0], 0.99, args, "normalize()'s level"));
      // Each channel to `level` by its own peak (pyo normalizes each stream), the guard point scaled too.
      for (auto& channel : data->channels) {
        float low = channel[0], high = channel[0];
        for (size_t i = 1; i + 1 < channel.size(); ++i) {
          low = std::min(low, channel[i]);
          high = std::max(high, channel[i]);
        }
        const float peak = low * low > high * high ? std::fabs(low) : std::fabs(high);
        if (peak > 0.0f)
          for (auto& x : channel) x *= level / peak;
      }
      data->changed = true;
      return table;
    });
  if (name == "reverse")
    return builtin([=](CallArguments& args) {
      expectCount(args, 0, 0);
      for (auto& channel : data->channels) {
        std::reverse(channel.begin(), channel.end() - 1);
        channel.back() = channel.front();
      }
      data->changed = true;
      return table;
    });
  if (name == "invert")
    return builtin([=](CallArguments& args) {
      expectCount(args, 0, 0);
      forEachSample([](float& x) { x = -x; });
      return table;
    });
  if (name == "rectify")
    return builtin([=](CallArguments& args) {
      expectCount(args, 0, 0);
      forEachSample([](float& x) { x = std::fabs(x); });
      return table;
    });
  if (name == "reset")
    return builtin([=](CallArguments& args) {
      expectCount(args, 0, 0);
      forEachSample([](float& x) { x = 0.0f; });
      return table;
    });
  if (name == "add" || name == "sub" || name == "mul" || name == "div")
    return builtin([=](CallArguments& args) {
      const Value x = *methodArguments(args, name, {"x"}, 1)[0];
      auto apply = [&name](float& a, float b) {
        if (name == "add") a += b;
        else if (name == "sub") a -= b;
        else if (name == "mul") a *= b;
        else if (b != 0.0f) a /= b;  // pyo's div skips a 0
      };
      // A number for every sample, a list or a table sample by sample (up to the shorter); as pyo, the guard
      // point then repeats the first sample.
      for (size_t c = 0; c < data->channels.size(); ++c) {
        auto& channel = data->channels[c];
        const size_t size = channel.size() - 1;
        if (x.isNumber()) {
          for (size_t i = 0; i < size; ++i) apply(channel[i], static_cast<float>(x.toNumber()));
        } else if (x.type == Value::Type::Table) {
          const auto& other = x.table->channels[c % x.table->channels.size()];
          for (size_t i = 0; i < size && i + 1 < other.size(); ++i) apply(channel[i], other[i]);
        } else if (x.isSequence()) {
          for (size_t i = 0; i < size && i < x.items->size(); ++i) {
            const Value& item = (*x.items)[i];
            if (!item.isNumber())
              throw ElaborationError(args.callRange,
                                     fmt::format("{}() takes a number, a list of numbers or a table", name));
            apply(channel[i], static_cast<float>(item.toNumber()));
          }
        } else {
          throw ElaborationError(args.callRange,
                                 fmt::format("{}() takes a number, a list of numbers or a table, not {}", name,
                                             x.typeName()));
        }
        channel[size] = channel[0];
      }
      data->changed = true;
      return table;
    });
  if (name == "replace")
    return builtin([=](CallArguments& args) {
      const Value x = *methodArguments(args, name, {"x"}, 1)[0];
      // A table made from a list (HarmTable's amplitudes, LinTable's points) is made again from the new one, as
      // pyo's replace() does; DataTable's and NewTable's samples are replaced.
      if (data->spec->parameterIndex("list") >= 0) {
        setAttribute(table, "list", x, args.callRange);
        return Value::none();
      }
      TableArgument samples = toArgument(tables::numbers("init", {}, "samples"), x, args.callRange,
                                         fmt::format("the argument of {}.replace()", data->spec->name));
      if (samples.lists.empty()) samples.lists.push_back(samples.numbers);
      for (size_t c = 0; c < data->channels.size(); ++c) {
        auto& channel = data->channels[c];
        const auto& list = samples.lists[c % samples.lists.size()];
        for (size_t i = 0; i + 1 < channel.size(); ++i) channel[i] = i < list.size() ? static_cast<float>(list[i]) : 0.0f;
        channel.back() = channel.front();
      }
      data->changed = true;
      return Value::none();
    });
  // A SndTable's sound changed while compiling: the edits callbacks run while playing (SoundEdits.h), here on the
  // table's channels, which grow first to the most the edit can make of them.
  if (data->spec->name == "SndTable" && (name == "setSound" || name == "insert" || name == "append"))
    return builtin([=, this](CallArguments& args) {
      const std::vector<std::string>& names = soundEditParameters(name);
      auto given = methodArguments(args, name, names, 1);
      auto at = [&](const char* parameter) -> const std::optional<Value>& {
        static const std::optional<Value> absent;
        auto it = std::find(names.begin(), names.end(), parameter);
        return it == names.end() ? absent : given[size_t(it - names.begin())];
      };
      if (given[0]->type != Value::Type::String)
        throw ElaborationError(args.callRange, fmt::format("{}()'s path must be a string (patchc takes one path)", name));
      const TableSound sound = readSound_(given[0]->text, args.callRange);
      if (sound.channels.empty() || sound.channels[0].empty())
        throw ElaborationError(args.callRange, fmt::format("'{}' holds no sample", given[0]->text));
      if (name != "setSound" && sound.sampleRate != data->sampleRate)
        throw ElaborationError(args.callRange, fmt::format("'{}' is at {} Hz and the table at {} Hz: patchc inserts only "
                                                           "sounds of the table's rate",
                                                           given[0]->text, sound.sampleRate, data->sampleRate));
      const float stop = at("stop") && at("stop")->type != Value::Type::None
                             ? static_cast<float>(methodNumber(at("stop"), -1.0, args, "stop"))
                             : -1.0f;
      const int32_t edit = name == "setSound" ? kSoundEditSet : name == "insert" ? kSoundEditInsert : kSoundEditAppend;
      const size_t frames = sound.channels[0].size();
      const size_t most = edit == kSoundEditSet ? frames : data->size() + frames;
      const int32_t before = static_cast<int32_t>(data->size());
      int32_t size = before;
      for (size_t c = 0; c < data->channels.size(); ++c) {
        auto& channel = data->channels[c];
        const auto& file = sound.channels[c % sound.channels.size()];
        channel.resize(std::max(channel.size(), most + 1), 0.0f);
        size = patchc_sound_edit(channel.data(), before, static_cast<int32_t>(most),
                                 file.data(), static_cast<int32_t>(file.size()), static_cast<float>(sound.sampleRate),
                                 static_cast<float>(graph_.server.sampleRate), edit,
                                 static_cast<float>(methodNumber(at("start"), 0.0, args, "start")), stop,
                                 static_cast<float>(methodNumber(at("pos"), 0.0, args, "pos")),
                                 static_cast<float>(methodNumber(at("crossfade"), 0.0, args, "crossfade")));
      }
      for (auto& channel : data->channels) channel.resize(static_cast<size_t>(size) + 1);
      data->sampleRate = sound.sampleRate;
      data->changed = true;
      return Value::none();
    });
  // Windows and graphs of pyo's GUI: nothing to show while compiling.
  static const std::set<std::string> ignored{"view", "graph", "refreshView"};
  if (ignored.count(name)) return builtin([](CallArguments&) { return Value::none(); });
  std::vector<std::string> known{"getSize", "getRate", "getDur", "getSamplingRate", "getTable", "get", "put",
                                 "normalize", "reverse", "invert", "rectify", "reset", "add", "sub", "mul", "div",
                                 "replace", "view", "graph", "refreshView"};
  if (data->spec->name == "SndTable")
    for (const char* m : {"setSound", "insert", "append"}) known.push_back(m);
  for (const auto& p : data->spec->parameters) known.push_back(p.name);
  throw ElaborationError(range, withSuggestion(fmt::format("{} has no attribute '{}' in a patch", data->spec->name,
                                                           name), name, known));
}

}  // namespace patchc::elab
