#include "elab/Callbacks.h"

#include <fmt/format.h>

#include <cmath>

namespace patchc::elab {
namespace {

// Binds a call's arguments to pyo's parameter names, by position or keyword: what was given, and where.
struct Given {
  std::vector<std::optional<Value>> values;
  std::vector<SourceRange> ranges;
};

Given bindNames(const char* name, const std::vector<std::string>& names, CallArguments& args) {
  Given g;
  g.values.resize(names.size());
  g.ranges.assign(names.size(), args.callRange);
  if (args.positional.size() > names.size())
    throw ElaborationError(args.callRange, fmt::format("{}() takes at most {} arguments", name, names.size()));
  for (size_t i = 0; i < args.positional.size(); ++i) {
    g.values[i] = args.positional[i];
    g.ranges[i] = args.positionalRanges[i];
  }
  for (auto& k : args.keywords) {
    auto it = std::find(names.begin(), names.end(), k.name);
    if (it == names.end())
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() got an unexpected keyword argument '{}'",
                                                                     name, k.name),
                                                         k.name, names));
    size_t i = static_cast<size_t>(it - names.begin());
    if (g.values[i]) throw ElaborationError(k.nameRange, fmt::format("{}() got multiple values for '{}'", name, k.name));
    g.values[i] = k.value;
    g.ranges[i] = k.valueRange;
  }
  return g;
}

// pyo's signature: (function, time=1, arg=None).
struct Bound {
  Value function;
  double time = 1.0;
  Value arg;
  bool hasArg = false;
};

Bound bindTimer(const char* name, CallArguments& args) {
  Bound b;
  Given given = bindNames(name, {"function", "time", "arg"}, args);
  if (!given.values[0]) throw ElaborationError(args.callRange, fmt::format("{}() missing required argument: 'function'", name));
  b.function = *given.values[0];
  if (given.values[1]) {
    if (!given.values[1]->isNumber())
      throw ElaborationError(given.ranges[1], fmt::format("{}()'s time must be a number of seconds (a signal is not "
                                                          "supported yet)",
                                                          name));
    b.time = given.values[1]->toNumber();
    if (!(b.time >= 0.0)) throw ElaborationError(given.ranges[1], fmt::format("{}()'s time must not be negative", name));
  }
  if (given.values[2] && given.values[2]->type != Value::Type::None) {
    b.arg = *given.values[2];
    b.hasArg = true;
  }
  return b;
}

// pyo's lists: item i % size of a list, the value itself otherwise.
Value wrapped(const Value& v, size_t i) {
  if (!v.isSequence() || v.items->empty()) return v;
  return (*v.items)[i % v.items->size()];
}
size_t lengthOf(const Value& v) { return v.isSequence() ? std::max<size_t>(v.items->size(), 1) : 1; }

// pyo's Print counts seconds in floats, a sample's worth at a time, and prints when the count reaches `interval`:
// its period in frames is where that float sum first gets there (4411 frames for 0.1 s at 44100 Hz, not 4410).
int64_t pyoIntervalFrames(double interval, double sampleRate) {
  if (interval * sampleRate > 1e7) return static_cast<int64_t>(std::ceil(interval * sampleRate));  // minutes: a frame's difference
  const float step = static_cast<float>(1.0 / sampleRate);
  const float target = static_cast<float>(interval);
  float count = 0.0f;
  int64_t frames = 0;
  const int64_t limit = static_cast<int64_t>(interval * sampleRate * 2) + 2;  // a float sum that stalls
  while (count < target && frames < limit) {
    count += step;
    ++frames;
  }
  return std::max<int64_t>(frames, 1);
}

}  // namespace

Value Callbacks::make(ir::Timer::Kind kind, const char* name, CallArguments& args) {
  Bound b = bindTimer(name, args);
  ir::Timer t;
  t.kind = kind;
  t.name = name;
  t.period = b.time;
  // pyo: a CallAfter starts when it is made; a Pattern waits for play().
  t.playing = kind == ir::Timer::Kind::Once;
  t.origin = args.callRange;
  graph_.control.timers.push_back(t);
  // pyo passes `arg` as one argument (a tuple stays one tuple), and none when it is None.
  pending_.push_back({b.function, b.hasArg ? ValueList{b.arg} : ValueList{}, graph_.control.timers.size() - 1});
  return timerValue(graph_.control.timers.size() - 1);
}

Value Callbacks::timerValue(size_t index) const {
  Value v;
  v.type = Value::Type::Timer;
  v.integer = static_cast<int64_t>(index);
  return v;
}

ir::NodeId Callbacks::watchNode(const Value& input, const SourceRange& range) {
  if (input.type != Value::Type::Object)
    throw ElaborationError(range, fmt::format("the input to watch must be a PyoObject (an audio stream), not {}",
                                              input.typeName()));
  return objects_.make("Watch", {input}, range).node;
}

// TrigFunc(input, function, arg=None): the function at each trigger of each stream; lists of functions and of
// arguments expand as pyo's lists do (stream i: input[i], function[i], arg[i], each wrapped).
Value Callbacks::makeTrigFunc(CallArguments& args) {
  Given given = bindNames("TrigFunc", {"input", "function", "arg"}, args);
  if (!given.values[0]) throw ElaborationError(args.callRange, "TrigFunc() missing required argument: 'input'");
  if (!given.values[1]) throw ElaborationError(args.callRange, "TrigFunc() missing required argument: 'function'");
  const ir::NodeId watch = watchNode(*given.values[0], given.ranges[0]);
  const Value& function = *given.values[1];
  const bool hasArg = given.values[2] && given.values[2]->type != Value::Type::None;
  const size_t lanes = static_cast<size_t>(graph_.node(watch).lanes);
  const size_t count = std::max({lanes, lengthOf(function), hasArg ? lengthOf(*given.values[2]) : size_t(1)});
  ir::Timer t;
  t.kind = ir::Timer::Kind::OnTrigger;
  t.name = "TrigFunc";
  t.playing = true;  // pyo: a TrigFunc plays when made
  t.origin = args.callRange;
  const size_t index = graph_.control.timers.size();
  for (size_t i = 0; i < count; ++i) {
    t.watches.push_back({watch, static_cast<int>(i % lanes), -1, {}});
    pending_.push_back({wrapped(function, i), hasArg ? ValueList{wrapped(*given.values[2], i)} : ValueList{}, index,
                        static_cast<int>(i)});
  }
  graph_.control.timers.push_back(std::move(t));
  return timerValue(index);
}

// Score(input, fname="event_"): when int(input) becomes n, the script's function `fname` + str(n), if it has one.
Value Callbacks::makeScore(CallArguments& args) {
  Given given = bindNames("Score", {"input", "fname"}, args);
  if (!given.values[0]) throw ElaborationError(args.callRange, "Score() missing required argument: 'input'");
  std::string fname = "event_";
  if (given.values[1]) {
    if (given.values[1]->type != Value::Type::String)
      throw ElaborationError(given.ranges[1], "Score()'s fname must be a string (the functions' names before the number)");
    fname = given.values[1]->text;
  }
  const ir::NodeId watch = watchNode(*given.values[0], given.ranges[0]);
  ir::Timer t;
  t.kind = ir::Timer::Kind::OnNewInteger;
  t.name = "Score";
  t.playing = true;
  t.origin = args.callRange;
  t.watches.push_back({watch, 0, -1, {}});  // pyo's Score watches the input's first stream
  const size_t index = graph_.control.timers.size();
  graph_.control.timers.push_back(std::move(t));
  scores_.push_back({index, fname});
  return timerValue(index);
}

// Print(input, method=0, interval=0.25, message=""): pyo's "%f" of each stream, every `interval` seconds (method
// 0, the first after one interval) or when it moves by more than 1e-5 (method 1); printed by the runtime.
Value Callbacks::makePrint(CallArguments& args) {
  Given given = bindNames("Print", {"input", "method", "interval", "message"}, args);
  if (!given.values[0]) throw ElaborationError(args.callRange, "Print() missing required argument: 'input'");
  int method = 0;
  double interval = 0.25;
  std::string message;
  if (given.values[1]) {
    if (!given.values[1]->isNumber()) throw ElaborationError(given.ranges[1], "Print()'s method must be 0 or 1");
    method = static_cast<int>(given.values[1]->toNumber());
    if (method != 0 && method != 1) method = 0;  // as pyo
  }
  if (given.values[2]) {
    if (!given.values[2]->isNumber() || !(given.values[2]->toNumber() > 0))
      throw ElaborationError(given.ranges[2], "Print()'s interval must be a positive number of seconds");
    interval = given.values[2]->toNumber();
  }
  if (given.values[3]) {
    if (given.values[3]->type != Value::Type::String)
      throw ElaborationError(given.ranges[3], "Print()'s message must be a string");
    message = given.values[3]->text;
  }
  const ir::NodeId watch = watchNode(*given.values[0], given.ranges[0]);
  ir::Control& control = graph_.control;
  ir::Message m;
  m.pieces = {message.empty() ? "" : message + " : ", ""};
  m.formats = {ir::Message::Format::Fixed};
  m.types = {ir::ValueType::Float};
  control.messages.push_back(std::move(m));
  const int messageIndex = static_cast<int>(control.messages.size()) - 1;
  // A handler that reports one stream's sample at the event's frame.
  auto reporter = [&](int lane) {
    ir::Expression sample;
    sample.op = ir::Expression::Op::Sample;
    sample.node = watch;
    sample.lane = lane;
    ir::Statement report;
    report.kind = ir::Statement::Kind::Report;
    report.index = messageIndex;
    report.arguments = {control.add(sample)};
    report.origin = args.callRange;
    return report;
  };
  ir::Timer t;
  t.name = "Print";
  t.playing = true;
  t.origin = args.callRange;
  const int lanes = graph_.node(watch).lanes;
  if (method == 0) {
    ir::Handler h;
    h.name = "Print";
    h.origin = args.callRange;
    for (int lane = 0; lane < lanes; ++lane) h.body.push_back(reporter(lane));
    control.handlers.push_back(std::move(h));
    t.kind = ir::Timer::Kind::Periodic;
    t.period = double(pyoIntervalFrames(interval, graph_.server.sampleRate)) / graph_.server.sampleRate;
    t.delayed = true;
    t.handler = static_cast<int>(control.handlers.size()) - 1;
  } else {
    t.kind = ir::Timer::Kind::OnNewValue;
    for (int lane = 0; lane < lanes; ++lane) {
      ir::Handler h;
      h.name = "Print";
      h.origin = args.callRange;
      h.body.push_back(reporter(lane));
      control.handlers.push_back(std::move(h));
      t.watches.push_back({watch, lane, static_cast<int>(control.handlers.size()) - 1, {}});
    }
  }
  control.timers.push_back(std::move(t));
  return timerValue(control.timers.size() - 1);
}

Value Callbacks::patternConstructor() {
  return Value::makeBuiltin("Pattern", [this](CallArguments& args) { return make(ir::Timer::Kind::Periodic, "Pattern", args); });
}
Value Callbacks::callAfterConstructor() {
  return Value::makeBuiltin("CallAfter", [this](CallArguments& args) { return make(ir::Timer::Kind::Once, "CallAfter", args); });
}
Value Callbacks::trigFuncConstructor() {
  return Value::makeBuiltin("TrigFunc", [this](CallArguments& args) { return makeTrigFunc(args); });
}
Value Callbacks::scoreConstructor() {
  return Value::makeBuiltin("Score", [this](CallArguments& args) { return makeScore(args); });
}
Value Callbacks::printConstructor() {
  return Value::makeBuiltin("Print", [this](CallArguments& args) { return makePrint(args); });
}

Value Callbacks::attribute(const Value& v, const std::string& name, const SourceRange& range) {
  if (name == "time") return Value::fromFloat(timer(v).period);
  if (name == "play" || name == "stop")
    return Value::makeBuiltin(name, [this, v, name](CallArguments& args) {
      if (!args.positional.empty() || !args.keywords.empty()) {
        bool zero = true;
        for (auto& p : args.positional) zero = zero && p.isNumber() && p.toNumber() == 0;
        for (auto& k : args.keywords) zero = zero && k.value.isNumber() && k.value.toNumber() == 0;
        if (!zero) throw ElaborationError(args.callRange, fmt::format("{}(dur=..., delay=...) of a {} is not supported yet", name, timer(v).name));
      }
      timer(v).playing = name == "play";
      return v;
    });
  throw ElaborationError(range, withSuggestion(fmt::format("{} has no attribute '{}'", timer(v).name, name), name,
                                               {"time", "play", "stop"}));
}

void Callbacks::setAttribute(const Value& v, const std::string& name, const Value& value, const SourceRange& range) {
  if (name != "time") throw ElaborationError(range, fmt::format("{} has no attribute '{}' to set", timer(v).name, name));
  if (!value.isNumber() || !(value.toNumber() >= 0))
    throw ElaborationError(range, fmt::format("{}'s time must be a number of seconds, not negative", timer(v).name));
  timer(v).period = value.toNumber();
}

void Callbacks::compile(HandlerCompiler& compiler, const Scope& globals) {
  // A Score's functions: the script's names fname + an integer (pyo looks them up when the integer comes).
  for (const auto& [index, fname] : scores_) {
    for (const auto& [name, value] : globals.names) {
      if (name.size() <= fname.size() || name.compare(0, fname.size(), fname) != 0) continue;
      const std::string digits = name.substr(fname.size());
      if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
      if (value.type != Value::Type::Function) continue;
      Pending p{value, {}, index, 0};
      p.watch = -2 - std::stoi(digits);  // a case, not a watch: -2 - n
      pending_.push_back(p);
    }
  }
  // Compiling may make more timers (a CallAfter made in a callback) and so more pending functions: by index.
  for (size_t i = 0; i < pending_.size(); ++i) {
    const Pending p = pending_[i];
    int handler = p.midiMode >= 0 ? compileMidiScan(compiler, p.function, p.timer, p.midiMode, p.toprint)
                                  : compiler.compile(p.function, p.arguments, graph_.control.timers[p.timer].origin);
    ir::Timer& t = graph_.control.timers[p.timer];
    if (p.watch == -1) t.handler = handler;
    else if (p.watch >= 0) t.watches[size_t(p.watch)].handler = handler;
    else t.watches[0].cases.push_back({int64_t(-2 - p.watch), handler});
  }
  compiler.finish();
}

}  // namespace patchc::elab
