#include "elab/Processes.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace patchc::elab {
namespace {

// Thrown by time.sleep() in a started process's keep-alive loop, caught by the start() that ran it.
struct KeptAlive {};

// Python's Process(group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None), self first.
const std::vector<std::string> kInitNames{"self", "group", "target", "name", "args", "kwargs", "daemon"};

Value& instanceArgument(CallArguments& args, const char* method) {
  if (args.positional.empty() || args.positional[0].type != Value::Type::Instance)
    throw ElaborationError(args.callRange, fmt::format("Process.{}() needs a Process instance as its first argument",
                                                       method));
  return args.positional[0];
}

void expectNoMore(const CallArguments& args, size_t most, const char* method) {
  if (args.positional.size() > most || !args.keywords.empty())
    throw ElaborationError(args.callRange, fmt::format("Process.{}() takes no arguments in a patch", method));
}

Value method(const char* name, std::function<Value(CallArguments&)> fn) {
  Value v = Value::makeBuiltin(name, std::move(fn));
  v.builtin->method = true;
  return v;
}

}  // namespace

void Processes::addModules(BuiltinTables& tables) {
  auto& mp = tables.modules["multiprocessing"];
  mp["Process"] = processClass();
  mp["cpu_count"] = Value::makeBuiltin("cpu_count", [](CallArguments& a) {
    expectCount(a, 0, 0);
    return Value::fromInt(std::max(1u, std::thread::hardware_concurrency()));
  });
  tables.modules["time"]["sleep"] = Value::makeBuiltin("sleep", [this](CallArguments& a) { return sleep(a); });
}

Value Processes::processClass() {
  auto cls = std::make_shared<ClassData>();
  cls->name = "Process";
  auto& m = cls->attributes;
  m["__init__"] = method("__init__", [this](CallArguments& a) {
    Value self = instanceArgument(a, "__init__");
    if (a.positional.size() > 6)
      throw ElaborationError(a.callRange, "Process() takes at most 5 positional arguments (daemon is a keyword)");
    std::vector<Value> given(kInitNames.size());
    std::vector<bool> set(kInitNames.size(), false);
    for (size_t i = 1; i < a.positional.size(); ++i) given[i] = a.positional[i], set[i] = true;
    for (const auto& k : a.keywords) {
      auto it = std::find(kInitNames.begin() + 1, kInitNames.end(), k.name);
      if (it == kInitNames.end())
        throw ElaborationError(k.nameRange, withSuggestion(fmt::format("Process() got an unexpected keyword "
                                                                       "argument '{}'", k.name),
                                                           k.name, kInitNames));
      size_t i = static_cast<size_t>(it - kInitNames.begin());
      if (set[i]) throw ElaborationError(k.nameRange, fmt::format("Process() got multiple values for '{}'", k.name));
      given[i] = k.value, set[i] = true;
    }
    auto& attributes = self.instance->attributes;
    ++made_;
    attributes["_target"] = given[2];
    attributes["name"] = set[3] && given[3].type != Value::Type::None ? given[3]
                                                                       : Value::fromString(fmt::format("Process-{}", made_));
    attributes["_args"] = set[4] ? given[4] : Value::tuple();
    attributes["_kwargs"] = set[5] ? given[5] : Value::none();
    attributes["daemon"] = set[6] ? given[6] : Value::fromBool(false);
    attributes["_started"] = Value::fromBool(false);
    return Value::none();
  });
  // What a process does when nothing overrides run(): call target(*args, **kwargs).
  m["run"] = method("run", [this](CallArguments& a) {
    Value self = instanceArgument(a, "run");
    expectNoMore(a, 1, "run");
    auto& attributes = self.instance->attributes;
    auto target = attributes.find("_target");
    if (target == attributes.end() || target->second.type == Value::Type::None) return Value::none();
    CallArguments call;
    call.callRange = a.callRange;
    call.calleeName = "target";
    for (const Value& v : interpreter_.iterate(attributes["_args"], a.callRange)) {
      call.positional.push_back(v);
      call.positionalRanges.push_back(a.callRange);
    }
    const Value& kwargs = attributes["_kwargs"];
    if (kwargs.type == Value::Type::Dict) {
      for (size_t i = 0; i < kwargs.keys->size(); ++i) {
        const Value& key = (*kwargs.keys)[i];
        if (key.type != Value::Type::String)
          throw ElaborationError(a.callRange, "a Process's kwargs must have string keys");
        call.keywords.push_back({key.text, (*kwargs.items)[i], a.callRange, a.callRange});
      }
    } else if (kwargs.type != Value::Type::None) {
      throw ElaborationError(a.callRange, "a Process's kwargs must be a dict");
    }
    return interpreter_.call(target->second, call);
  });
  m["start"] = method("start", [this](CallArguments& a) { return start(a); });
  for (const char* name : {"terminate", "kill", "close"})
    m[name] = method(name, [name](CallArguments& a) {
      instanceArgument(a, name);
      expectNoMore(a, 1, name);
      return Value::none();
    });
  // join() would wait for the process to end; in a patch it plays as long as the patch does.
  m["join"] = method("join", [](CallArguments& a) {
    instanceArgument(a, "join");
    const bool onlyTimeout = a.keywords.empty() || (a.keywords.size() == 1 && a.keywords[0].name == "timeout");
    if (a.positional.size() > 2 || !onlyTimeout)
      throw ElaborationError(a.callRange, "Process.join() takes only a timeout");
    return Value::none();
  });
  m["is_alive"] = method("is_alive", [](CallArguments& a) {
    Value self = instanceArgument(a, "is_alive");
    expectNoMore(a, 1, "is_alive");
    auto it = self.instance->attributes.find("_started");
    return Value::fromBool(it != self.instance->attributes.end() && it->second.type == Value::Type::Bool &&
                           it->second.boolean);
  });
  Value v;
  v.type = Value::Type::Class;
  v.cls = cls;
  return v;
}

Value Processes::start(CallArguments& a) {
  Value self = instanceArgument(a, "start");
  expectNoMore(a, 1, "start");
  Value& started = self.instance->attributes["_started"];
  if (started.type == Value::Type::Bool && started.boolean)
    throw ElaborationError(a.callRange, "AssertionError: cannot start a process twice");
  started = Value::fromBool(true);
  CallArguments none;
  none.callRange = a.callRange;
  none.calleeName = "run";
  Value run = interpreter_.attribute(self, "run", a.callRange);
  ++running_;
  try {
    interpreter_.call(run, none);
  } catch (const KeptAlive&) {
    // run() reached its keep-alive loop: the process plays from here on.
  } catch (...) {
    --running_;
    throw;
  }
  --running_;
  return Value::none();
}

Value Processes::sleep(CallArguments& a) {
  expectCount(a, 1, 1);
  double seconds = numberArgument(a, 0, "the length");
  if (!(seconds >= 0)) throw ElaborationError(a.positionalRanges[0], "ValueError: sleep length must be non-negative");
  if (running_ > 0 && inWhileLoop_()) throw KeptAlive{};
  throw ElaborationError(a.callRange,
                         "time.sleep() waits while pyo plays, but a patch does not play while it compiles; to act "
                         "later, call a function with CallAfter(function, time=...) or Pattern(function, time=...) "
                         "(a sleep in the keep-alive loop of a multiprocessing.Process's run() is the one sleep a "
                         "patch takes)");
}

}  // namespace patchc::elab
