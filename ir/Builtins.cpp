#include "ir/Builtins.h"

#include "ir/SoundFile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace patchc::elab {

void expectCount(const CallArguments& args, size_t min, size_t max) {
  if (!args.keywords.empty())
    throw ElaborationError(args.keywords[0].nameRange,
                           fmt::format("{}() takes no keyword argument '{}'", args.calleeName, args.keywords[0].name));
  size_t n = args.positional.size();
  if (n < min || n > max) {
    std::string expected = min == max ? fmt::format("{}", min) : fmt::format("{} to {}", min, max);
    throw ElaborationError(args.callRange,
                           fmt::format("{}() takes {} arguments ({} given)", args.calleeName, expected, n));
  }
}

double numberArgument(const CallArguments& args, size_t index, const char* what) {
  const Value& v = args.positional.at(index);
  if (!v.isNumber())
    throw ElaborationError(args.positionalRanges.at(index),
                           fmt::format("{} of {}() must be a number, not {}", what, args.calleeName, v.typeName()));
  return v.toNumber();
}

namespace {

int64_t integerArgument(const CallArguments& args, size_t index, const char* what) {
  const Value& v = args.positional.at(index);
  if (v.type == Value::Type::Int) return v.integer;
  if (v.type == Value::Type::Bool) return v.boolean;
  throw ElaborationError(args.positionalRanges.at(index),
                         fmt::format("{} of {}() must be an integer, not {}", what, args.calleeName, v.typeName()));
}

// Keyword arguments of pyo's helpers (rescale's xmin=..., ...) merged into positional order.
void keywordsToPositional(CallArguments& args, const std::vector<std::string>& names,
                          const std::vector<Value>& defaults) {
  std::vector<bool> given(names.size(), false);
  for (size_t i = 0; i < args.positional.size(); ++i) given[i] = true;
  args.positional.resize(names.size());
  args.positionalRanges.resize(names.size(), args.callRange);
  for (const auto& k : args.keywords) {
    auto it = std::find(names.begin(), names.end(), k.name);
    if (it == names.end())
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() has no argument '{}'", args.calleeName,
                                                                     k.name), k.name, names));
    size_t i = static_cast<size_t>(it - names.begin());
    args.positional[i] = k.value;
    args.positionalRanges[i] = k.valueRange;
    given[i] = true;
  }
  args.keywords.clear();
  for (size_t i = 0; i < names.size(); ++i) {
    if (given[i]) continue;
    if (defaults[i].type == Value::Type::None && i < names.size())
      throw ElaborationError(args.callRange, fmt::format("{}() missing argument '{}'", args.calleeName, names[i]));
    args.positional[i] = defaults[i];
  }
}

Value fromDouble(double d) { return Value::fromFloat(d); }

using MathFn = double (*)(double);

}  // namespace

BuiltinTables makeBuiltins(Interpreter& interp, PyoObjects& objects, PythonRandom& random) {
  BuiltinTables t;
  auto& g = t.globals;
  auto def = [&g](const std::string& name, std::function<Value(CallArguments&)> fn) {
    g[name] = Value::makeBuiltin(name, std::move(fn));
  };

  // ---- Python builtins ----
  def("range", [](CallArguments& a) {
    expectCount(a, 1, 3);
    int64_t start = 0, stop, step = 1;
    if (a.positional.size() == 1) {
      stop = integerArgument(a, 0, "stop");
    } else {
      start = integerArgument(a, 0, "start");
      stop = integerArgument(a, 1, "stop");
      if (a.positional.size() == 3) step = integerArgument(a, 2, "step");
    }
    if (step == 0) throw ElaborationError(a.positionalRanges[2], "range() step must not be zero");
    int64_t count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
    if (count > 1000000) throw ElaborationError(a.callRange, "range() of more than a million numbers in a patch");
    ValueList items;
    for (int64_t v = start; step > 0 ? v < stop : v > stop; v += step) items.push_back(Value::fromInt(v));
    return Value::list(std::move(items));
  });
  def("len", [](CallArguments& a) {
    expectCount(a, 1, 1);
    const Value& v = a.positional[0];
    if (v.type == Value::Type::String) return Value::fromInt(static_cast<int64_t>(v.text.size()));
    if (v.isSequence() || v.type == Value::Type::Dict) return Value::fromInt(static_cast<int64_t>(v.items->size()));
    throw ElaborationError(a.positionalRanges[0], fmt::format("object of type '{}' has no len()", v.typeName()));
  });
  def("int", [](CallArguments& a) {
    expectCount(a, 0, 1);
    if (a.positional.empty()) return Value::fromInt(0);
    const Value& v = a.positional[0];
    if (v.type == Value::Type::String) {
      try {
        return Value::fromInt(std::stoll(v.text));
      } catch (...) {
        throw ElaborationError(a.positionalRanges[0], fmt::format("invalid literal for int(): '{}'", v.text));
      }
    }
    return Value::fromInt(static_cast<int64_t>(std::trunc(numberArgument(a, 0, "the argument"))));
  });
  def("float", [](CallArguments& a) {
    expectCount(a, 0, 1);
    if (a.positional.empty()) return Value::fromFloat(0);
    return Value::fromFloat(numberArgument(a, 0, "the argument"));
  });
  def("bool", [&interp](CallArguments& a) {
    expectCount(a, 0, 1);
    return Value::fromBool(!a.positional.empty() && interp.truthy(a.positional[0]));
  });
  def("str", [](CallArguments& a) {
    expectCount(a, 1, 1);
    const Value& v = a.positional[0];
    if (v.type == Value::Type::String) return v;
    if (v.type == Value::Type::Int) return Value::fromString(std::to_string(v.integer));
    if (v.isNumber()) return Value::fromString(fmt::format("{}", v.toNumber()));
    return Value::fromString(v.typeName());
  });
  def("abs", [](CallArguments& a) {
    expectCount(a, 1, 1);
    if (a.positional[0].type == Value::Type::Int) return Value::fromInt(std::llabs(a.positional[0].integer));
    return Value::fromFloat(std::fabs(numberArgument(a, 0, "the argument")));
  });
  auto extremum = [&interp](bool wantMax) {
    return [&interp, wantMax](CallArguments& a) {
      expectCount(a, 1, 1000);
      ValueList items = a.positional.size() == 1 ? interp.iterate(a.positional[0], a.positionalRanges[0]) : a.positional;
      if (items.empty()) throw ElaborationError(a.callRange, fmt::format("{}() of an empty sequence", a.calleeName));
      Value best = items[0];
      for (const auto& v : items) {
        if (!v.isNumber()) throw ElaborationError(a.callRange, fmt::format("{}() of non-numbers", a.calleeName));
        if (wantMax ? v.toNumber() > best.toNumber() : v.toNumber() < best.toNumber()) best = v;
      }
      return best;
    };
  };
  def("max", extremum(true));
  def("min", extremum(false));
  def("sum", [&interp](CallArguments& a) {
    expectCount(a, 1, 2);
    bool isInt = true;
    int64_t si = 0;
    double sf = 0;
    if (a.positional.size() == 2) {
      isInt = a.positional[1].type == Value::Type::Int;
      si = a.positional[1].integer;
      sf = a.positional[1].toNumber();
    }
    for (const auto& v : interp.iterate(a.positional[0], a.positionalRanges[0])) {
      if (!v.isNumber()) throw ElaborationError(a.positionalRanges[0], "sum() of non-numbers (sum PyoObjects with +)");
      if (v.type != Value::Type::Int) isInt = false;
      si += v.type == Value::Type::Int ? v.integer : 0;
      sf += v.toNumber();
    }
    return isInt ? Value::fromInt(si) : Value::fromFloat(sf);
  });
  def("round", [](CallArguments& a) {
    expectCount(a, 1, 2);
    double x = numberArgument(a, 0, "the number");
    if (a.positional.size() == 1) return Value::fromInt(static_cast<int64_t>(std::nearbyint(x)));  // half to even
    double scale = std::pow(10.0, numberArgument(a, 1, "ndigits"));
    return Value::fromFloat(std::nearbyint(x * scale) / scale);
  });
  def("list", [&interp](CallArguments& a) {
    expectCount(a, 0, 1);
    return Value::list(a.positional.empty() ? ValueList{} : interp.iterate(a.positional[0], a.positionalRanges[0]));
  });
  def("tuple", [&interp](CallArguments& a) {
    expectCount(a, 0, 1);
    return Value::tuple(a.positional.empty() ? ValueList{} : interp.iterate(a.positional[0], a.positionalRanges[0]));
  });
  def("enumerate", [&interp](CallArguments& a) {
    expectCount(a, 1, 1);
    ValueList out;
    int64_t i = 0;
    for (const auto& v : interp.iterate(a.positional[0], a.positionalRanges[0]))
      out.push_back(Value::tuple({Value::fromInt(i++), v}));
    return Value::list(out);
  });
  def("zip", [&interp](CallArguments& a) {
    std::vector<ValueList> seqs;
    for (size_t i = 0; i < a.positional.size(); ++i) seqs.push_back(interp.iterate(a.positional[i], a.positionalRanges[i]));
    ValueList out;
    size_t n = seqs.empty() ? 0 : seqs[0].size();
    for (const auto& s : seqs) n = std::min(n, s.size());
    for (size_t i = 0; i < n; ++i) {
      ValueList row;
      for (const auto& s : seqs) row.push_back(s[i]);
      out.push_back(Value::tuple(row));
    }
    return Value::list(out);
  });
  def("print", [](CallArguments& a) {
    // Elaboration output goes to stderr so that `patchc emit` keeps stdout for the stage it prints.
    std::string line;
    for (size_t i = 0; i < a.positional.size(); ++i) {
      const Value& v = a.positional[i];
      if (i) line += ' ';
      if (v.type == Value::Type::String) line += v.text;
      else if (v.type == Value::Type::Int) line += std::to_string(v.integer);
      else if (v.isNumber()) line += fmt::format("{}", v.toNumber());
      else line += "<" + v.typeName() + ">";
    }
    std::cerr << line << '\n';
    return Value::none();
  });
  auto emptyDict = [](CallArguments&) {
    Value d;
    d.type = Value::Type::Dict;
    d.keys = std::make_shared<ValueList>();
    d.items = std::make_shared<ValueList>();
    return d;
  };
  def("locals", emptyDict);
  def("globals", emptyDict);
  def("object", [](CallArguments& a) -> Value { throw ElaborationError(a.callRange, "object() is not supported"); });

  // ---- pyo's functions ----
  def("midiToHz", [](CallArguments& a) {
    expectCount(a, 1, 1);
    return fromDouble(440.0 * std::pow(2.0, (numberArgument(a, 0, "the MIDI note") - 69.0) / 12.0));
  });
  def("hzToMidi", [](CallArguments& a) {
    expectCount(a, 1, 1);
    return fromDouble(12.0 * std::log2(numberArgument(a, 0, "the frequency") / 440.0) + 69.0);
  });
  def("midiToTranspo", [](CallArguments& a) {
    expectCount(a, 1, 1);
    return fromDouble(std::pow(2.0, (numberArgument(a, 0, "the MIDI note") - 60.0) / 12.0));
  });
  def("rescale", [](CallArguments& a) {
    // pyo: rescale(data, xmin=0.0, xmax=1.0, ymin=0.0, ymax=1.0, xlog=False, ylog=False)
    keywordsToPositional(a, {"data", "xmin", "xmax", "ymin", "ymax", "xlog", "ylog"},
                         {Value::none(), fromDouble(0), fromDouble(1), fromDouble(0), fromDouble(1),
                          Value::fromBool(false), Value::fromBool(false)});
    double x = numberArgument(a, 0, "data"), xmin = numberArgument(a, 1, "xmin"), xmax = numberArgument(a, 2, "xmax");
    double ymin = numberArgument(a, 3, "ymin"), ymax = numberArgument(a, 4, "ymax");
    bool xlog = a.positional[5].toNumber() != 0, ylog = a.positional[6].toNumber() != 0;
    if (xmax == xmin) throw ElaborationError(a.callRange, "rescale() needs xmin != xmax");
    double norm = xlog ? std::log10(x / xmin) / std::log10(xmax / xmin) : (x - xmin) / (xmax - xmin);
    double y = ylog ? ymin * std::pow(10.0, norm * std::log10(ymax / ymin)) : norm * (ymax - ymin) + ymin;
    return fromDouble(y);
  });
  g["SNDS_PATH"] = Value::fromString(soundsPath());
  g["Mix"] = objects.mixConstructor();
  g["Server"] = objects.serverConstructor();

  // ---- random: CPython's algorithms on a seeded Mersenne Twister ----
  auto& r = t.modules["random"];
  auto rdef = [&r](const std::string& name, std::function<Value(CallArguments&)> fn) {
    r[name] = Value::makeBuiltin("random." + name, std::move(fn));
  };
  rdef("seed", [&random](CallArguments& a) {
    expectCount(a, 0, 1);
    int64_t s = a.positional.empty() ? 0 : integerArgument(a, 0, "the seed");
    random.seed(static_cast<uint64_t>(s < 0 ? -s : s));
    return Value::none();
  });
  rdef("random", [&random](CallArguments& a) {
    expectCount(a, 0, 0);
    return fromDouble(random.random());
  });
  rdef("uniform", [&random](CallArguments& a) {
    expectCount(a, 2, 2);
    return fromDouble(random.uniform(numberArgument(a, 0, "a"), numberArgument(a, 1, "b")));
  });
  auto randrange = [&random](const CallArguments& a, int64_t start, int64_t stop, int64_t step) {
    if (step == 0) throw ElaborationError(a.callRange, "randrange() step must not be zero");
    int64_t n = step > 0 ? (stop - start + step - 1) / step : (stop - start + step + 1) / step;
    if (n <= 0) throw ElaborationError(a.callRange, fmt::format("empty range for {}()", a.calleeName));
    return Value::fromInt(start + step * static_cast<int64_t>(random.randbelow(static_cast<uint64_t>(n))));
  };
  rdef("randint", [randrange](CallArguments& a) {
    expectCount(a, 2, 2);
    return randrange(a, integerArgument(a, 0, "a"), integerArgument(a, 1, "b") + 1, 1);
  });
  rdef("randrange", [randrange](CallArguments& a) {
    expectCount(a, 1, 3);
    if (a.positional.size() == 1) return randrange(a, 0, integerArgument(a, 0, "stop"), 1);
    int64_t step = a.positional.size() == 3 ? integerArgument(a, 2, "step") : 1;
    return randrange(a, integerArgument(a, 0, "start"), integerArgument(a, 1, "stop"), step);
  });
  rdef("choice", [&random, &interp](CallArguments& a) {
    expectCount(a, 1, 1);
    ValueList items = interp.iterate(a.positional[0], a.positionalRanges[0]);
    if (items.empty()) throw ElaborationError(a.positionalRanges[0], "choice() from an empty sequence");
    return items[random.randbelow(items.size())];
  });
  rdef("shuffle", [&random](CallArguments& a) {
    expectCount(a, 1, 1);
    Value list = a.positional[0];
    if (list.type != Value::Type::List) throw ElaborationError(a.positionalRanges[0], "shuffle() needs a list");
    auto& items = *list.items;
    for (size_t i = items.size(); i-- > 1;) std::swap(items[i], items[random.randbelow(i + 1)]);
    return Value::none();
  });

  // ---- math ----
  auto& m = t.modules["math"];
  m["pi"] = fromDouble(M_PI);
  m["e"] = fromDouble(M_E);
  m["tau"] = fromDouble(2 * M_PI);
  m["inf"] = fromDouble(INFINITY);
  const std::vector<std::pair<const char*, MathFn>> unary{
      {"sin", std::sin},   {"cos", std::cos},     {"tan", std::tan},   {"asin", std::asin},  {"acos", std::acos},
      {"atan", std::atan}, {"sinh", std::sinh},   {"cosh", std::cosh}, {"tanh", std::tanh},  {"exp", std::exp},
      {"sqrt", std::sqrt}, {"log2", std::log2},   {"log10", std::log10}, {"fabs", std::fabs},
  };
  for (const auto& [name, fn] : unary) {
    MathFn f = fn;
    m[name] = Value::makeBuiltin(std::string("math.") + name, [f](CallArguments& a) {
      expectCount(a, 1, 1);
      double y = f(numberArgument(a, 0, "the argument"));
      if (std::isnan(y)) throw ElaborationError(a.callRange, fmt::format("math domain error in {}()", a.calleeName));
      return fromDouble(y);
    });
  }
  m["log"] = Value::makeBuiltin("math.log", [](CallArguments& a) {
    expectCount(a, 1, 2);
    double x = numberArgument(a, 0, "x");
    if (x <= 0) throw ElaborationError(a.callRange, "math domain error in log()");
    double y = std::log(x);
    if (a.positional.size() == 2) y /= std::log(numberArgument(a, 1, "base"));
    return fromDouble(y);
  });
  m["floor"] = Value::makeBuiltin("math.floor", [](CallArguments& a) {
    expectCount(a, 1, 1);
    return Value::fromInt(static_cast<int64_t>(std::floor(numberArgument(a, 0, "x"))));
  });
  m["ceil"] = Value::makeBuiltin("math.ceil", [](CallArguments& a) {
    expectCount(a, 1, 1);
    return Value::fromInt(static_cast<int64_t>(std::ceil(numberArgument(a, 0, "x"))));
  });
  auto binaryMath = [&m](const char* name, double (*f)(double, double)) {
    m[name] = Value::makeBuiltin(std::string("math.") + name, [f](CallArguments& a) {
      expectCount(a, 2, 2);
      return fromDouble(f(numberArgument(a, 0, "x"), numberArgument(a, 1, "y")));
    });
  };
  binaryMath("pow", std::pow);
  binaryMath("atan2", std::atan2);
  binaryMath("fmod", std::fmod);
  binaryMath("hypot", std::hypot);
  m["degrees"] = Value::makeBuiltin("math.degrees", [](CallArguments& a) {
    expectCount(a, 1, 1);
    return fromDouble(numberArgument(a, 0, "x") * 180.0 / M_PI);
  });
  m["radians"] = Value::makeBuiltin("math.radians", [](CallArguments& a) {
    expectCount(a, 1, 1);
    return fromDouble(numberArgument(a, 0, "x") * M_PI / 180.0);
  });
  return t;
}

}  // namespace patchc::elab
