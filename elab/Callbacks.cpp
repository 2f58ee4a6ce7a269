#include "elab/Callbacks.h"

#include <fmt/format.h>

namespace patchc::elab {
namespace {

// pyo's signature: (function, time=1, arg=None), by position or keyword.
struct Bound {
  Value function;
  double time = 1.0;
  Value arg;
  bool hasArg = false;
};

Bound bindTimer(const char* name, CallArguments& args) {
  Bound b;
  const char* names[] = {"function", "time", "arg"};
  std::vector<std::optional<Value>> given(3);
  std::vector<SourceRange> ranges(3, args.callRange);
  if (args.positional.size() > 3)
    throw ElaborationError(args.callRange, fmt::format("{}() takes at most 3 arguments", name));
  for (size_t i = 0; i < args.positional.size(); ++i) {
    given[i] = args.positional[i];
    ranges[i] = args.positionalRanges[i];
  }
  for (auto& k : args.keywords) {
    auto it = std::find(std::begin(names), std::end(names), k.name);
    if (it == std::end(names))
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() got an unexpected keyword argument '{}'",
                                                                     name, k.name),
                                                         k.name, {"function", "time", "arg"}));
    size_t i = static_cast<size_t>(it - std::begin(names));
    if (given[i]) throw ElaborationError(k.nameRange, fmt::format("{}() got multiple values for '{}'", name, k.name));
    given[i] = k.value;
    ranges[i] = k.valueRange;
  }
  if (!given[0]) throw ElaborationError(args.callRange, fmt::format("{}() missing required argument: 'function'", name));
  b.function = *given[0];
  if (given[1]) {
    if (!given[1]->isNumber())
      throw ElaborationError(ranges[1], fmt::format("{}()'s time must be a number of seconds (a signal is not "
                                                    "supported yet)",
                                                    name));
    b.time = given[1]->toNumber();
    if (!(b.time >= 0.0)) throw ElaborationError(ranges[1], fmt::format("{}()'s time must not be negative", name));
  }
  if (given[2] && given[2]->type != Value::Type::None) {
    b.arg = *given[2];
    b.hasArg = true;
  }
  return b;
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
  pending_.push_back({b.function, b.hasArg ? ValueList{b.arg} : ValueList{}});
  Value v;
  v.type = Value::Type::Timer;
  v.integer = static_cast<int64_t>(graph_.control.timers.size()) - 1;
  return v;
}

Value Callbacks::patternConstructor() {
  return Value::makeBuiltin("Pattern", [this](CallArguments& args) { return make(ir::Timer::Kind::Periodic, "Pattern", args); });
}
Value Callbacks::callAfterConstructor() {
  return Value::makeBuiltin("CallAfter", [this](CallArguments& args) { return make(ir::Timer::Kind::Once, "CallAfter", args); });
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

void Callbacks::compile(HandlerCompiler& compiler) {
  for (size_t i = 0; i < pending_.size(); ++i) {
    int handler = compiler.compile(pending_[i].function, pending_[i].arguments, graph_.control.timers[i].origin);
    graph_.control.timers[i].handler = handler;
  }
  compiler.finish();
}

}  // namespace patchc::elab
