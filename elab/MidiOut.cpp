#include "elab/MidiOut.h"

#include "elab/ElaborationError.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace patchc::elab {
namespace {

// pyo 1.0's Server methods (pyo/lib/server.py) and what pm_noteout & co. (src/engine/md_portmidi.c) send.
const std::vector<MidiOutMethod>& methods() {
  static const std::vector<MidiOutMethod> all = {
      {"noteout", 0x90, {"pitch", "velocity", "channel", "timestamp"}, {std::nullopt, std::nullopt, 0.0, 0.0}, 0, 1, 2, 3, -1},
      {"afterout", 0xA0, {"pitch", "velocity", "channel", "timestamp"}, {std::nullopt, std::nullopt, 0.0, 0.0}, 0, 1, 2, 3, -1},
      {"ctlout", 0xB0, {"ctlnum", "value", "channel", "timestamp"}, {std::nullopt, std::nullopt, 0.0, 0.0}, 0, 1, 2, 3, -1},
      {"programout", 0xC0, {"value", "channel", "timestamp"}, {std::nullopt, 0.0, 0.0}, 0, -1, 1, 2, -1},
      {"pressout", 0xD0, {"value", "channel", "timestamp"}, {std::nullopt, 0.0, 0.0}, 0, -1, 1, 2, -1},
      {"bendout", 0xE0, {"value", "channel", "timestamp"}, {std::nullopt, 0.0, 0.0}, 0, -1, 1, 2, -1},
      {"makenote", 0x90, {"pitch", "velocity", "duration", "channel"}, {std::nullopt, std::nullopt, std::nullopt, 0.0}, 0, 1, 3, -1, 2},
  };
  return all;
}

// The start-up handler: statements run at frame 0, before anything is heard.
int startHandler(ir::Graph& graph) {
  ir::Control& control = graph.control;
  for (const auto& t : control.timers)
    if (t.kind == ir::Timer::Kind::Once && t.name == "MIDI at start") return t.handler;
  ir::Handler handler;
  handler.name = "midi_at_start";
  control.handlers.push_back(handler);
  ir::Timer timer;
  timer.kind = ir::Timer::Kind::Once;
  timer.name = "MIDI at start";
  timer.handler = static_cast<int>(control.handlers.size()) - 1;
  timer.period = 0.0;
  timer.playing = true;
  control.timers.push_back(timer);
  return timer.handler;
}

}  // namespace

const MidiOutMethod* findMidiOutMethod(const std::string& name) {
  for (const auto& m : methods())
    if (name == m.name) return &m;
  return nullptr;
}

std::vector<std::string> midiOutMethodNames() {
  std::vector<std::string> names;
  for (const auto& m : methods()) names.push_back(m.name);
  names.push_back("sysexout");
  return names;
}

void refuseSysex(const SourceRange& range) {
  throw ElaborationError(range, "Server.sysexout() is not supported yet: patchc sends channel messages only "
                                "(noteout, makenote, ctlout, bendout, afterout, pressout, programout)");
}

std::vector<ir::Statement> midiOutStatements(const MidiOutMethod& method,
                                             const std::vector<std::vector<int>>& parameterExpressions,
                                             const std::function<int(double)>& constant, const SourceRange& origin) {
  size_t count = 1;
  for (const auto& items : parameterExpressions) count = std::max(count, items.size());
  std::vector<ir::Statement> statements;
  for (size_t i = 0; i < count; ++i) {
    auto argument = [&](int parameter) {
      if (parameter < 0) return constant(0);
      const auto& items = parameterExpressions[size_t(parameter)];
      return items.empty() ? constant(0) : items[i % items.size()];
    };
    ir::Statement s;
    s.kind = ir::Statement::Kind::MidiOut;
    s.index = method.kind;
    s.origin = origin;
    s.arguments = {argument(method.data1), argument(method.data2), argument(method.channel), argument(method.timestamp)};
    if (method.off >= 0) s.arguments.push_back(argument(method.off));
    statements.push_back(std::move(s));
  }
  return statements;
}

void sendAtStart(ir::Graph& graph, const MidiOutMethod& method, CallArguments& args) {
  const size_t n = method.parameters.size();
  std::vector<std::optional<Value>> given(n);
  std::vector<SourceRange> ranges(n, args.callRange);
  if (args.positional.size() > n)
    throw ElaborationError(args.callRange, fmt::format("{}() takes at most {} arguments", method.name, n));
  for (size_t i = 0; i < args.positional.size(); ++i) {
    given[i] = args.positional[i];
    ranges[i] = args.positionalRanges[i];
  }
  for (const auto& k : args.keywords) {
    auto it = std::find(method.parameters.begin(), method.parameters.end(), k.name);
    if (it == method.parameters.end())
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() got an unexpected keyword argument '{}'",
                                                                     method.name, k.name),
                                                         k.name, method.parameters));
    const size_t i = size_t(it - method.parameters.begin());
    if (given[i]) throw ElaborationError(k.nameRange, fmt::format("{}() got multiple values for '{}'", method.name, k.name));
    given[i] = k.value;
    ranges[i] = k.valueRange;
  }
  ir::Control& control = graph.control;
  auto constant = [&](double v) {
    ir::Expression e;
    e.op = ir::Expression::Op::Constant;
    e.type = v == std::floor(v) ? ir::ValueType::Int : ir::ValueType::Float;
    e.number = v;
    return control.add(e);
  };
  std::vector<std::vector<int>> expressions(n);
  for (size_t i = 0; i < n; ++i) {
    if (!given[i]) {
      if (!method.defaults[i])
        throw ElaborationError(args.callRange, fmt::format("{}() missing required argument: '{}'", method.name,
                                                           method.parameters[i]));
      expressions[i].push_back(constant(*method.defaults[i]));
      continue;
    }
    std::vector<Value> items = given[i]->isSequence() ? *given[i]->items : std::vector<Value>{*given[i]};
    for (const Value& v : items) {
      if (!v.isNumber() || !std::isfinite(v.toNumber()))
        throw ElaborationError(ranges[i], fmt::format("{}()'s {} must be a number or a list of numbers, not {}",
                                                      method.name, method.parameters[i], v.typeName()));
      expressions[i].push_back(constant(v.toNumber()));
    }
  }
  const int handler = startHandler(graph);
  for (auto& s : midiOutStatements(method, expressions, constant, args.callRange))
    control.handlers[size_t(handler)].body.push_back(std::move(s));
}

}  // namespace patchc::elab
