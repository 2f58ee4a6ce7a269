#include "elab/Builtins.h"
#include "elab/Mido.h"

#include "elab/Formatting.h"
#include "elab/Numbers.h"
#include "elab/SoundFile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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

// Keyword arguments of a builtin that takes positional ones too (print's sep and end, sorted's key and reverse):
// removed from `args` into `found`; any other keyword is an error.
std::map<std::string, CallArguments::Keyword> takeKeywords(CallArguments& args, const std::vector<std::string>& names) {
  std::map<std::string, CallArguments::Keyword> found;
  for (auto& k : args.keywords) {
    if (std::find(names.begin(), names.end(), k.name) == names.end())
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() got an unexpected keyword argument '{}'",
                                                                     args.calleeName, k.name), k.name, names));
    found[k.name] = k;
  }
  args.keywords.clear();
  return found;
}

// pyo's display and controller objects: an instance whose methods do nothing, printed as pyo prints it.
Value inertObject(const std::string& name) {
  Value v;
  v.type = Value::Type::Instance;
  v.instance = std::make_shared<InstanceData>();
  v.instance->cls = std::make_shared<ClassData>();
  v.instance->cls->name = name;
  v.instance->cls->inert = true;
  return v;
}

// Merge sort of items[begin, end) by `before`, through `scratch`: stable, and safe with any comparison.
template <typename Before>
void mergeSort(std::vector<size_t>& order, std::vector<size_t>& scratch, size_t begin, size_t end, Before& before) {
  if (end - begin < 2) return;
  size_t middle = begin + (end - begin) / 2;
  mergeSort(order, scratch, begin, middle, before);
  mergeSort(order, scratch, middle, end, before);
  size_t i = begin, j = middle, k = begin;
  while (i < middle && j < end) scratch[k++] = before(order[j], order[i]) ? order[j++] : order[i++];
  while (i < middle) scratch[k++] = order[i++];
  while (j < end) scratch[k++] = order[j++];
  for (size_t x = begin; x < end; ++x) order[x] = scratch[x];
}

using MathFn = double (*)(double);

}  // namespace

bool lessThan(const Value& a, const Value& b, const SourceRange& range) {
  if (a.isNumber() && b.isNumber()) return compareNumbers(a, b) < 0;
  if (a.type == Value::Type::String && b.type == Value::Type::String) return a.text < b.text;
  if (a.isSequence() && a.type == b.type) {
    size_t n = std::min(a.items->size(), b.items->size());
    for (size_t i = 0; i < n; ++i) {
      if (lessThan((*a.items)[i], (*b.items)[i], range)) return true;
      if (lessThan((*b.items)[i], (*a.items)[i], range)) return false;
    }
    return a.items->size() < b.items->size();
  }
  throw ElaborationError(range, fmt::format("TypeError: '<' not supported between instances of '{}' and '{}'",
                                            a.typeName(), b.typeName()));
}

void sortValues(ValueList& items, const Value& key, bool reverse, Interpreter& interp, const SourceRange& range) {
  interp.charge(items.size(), range);
  ValueList keys;
  if (key.type == Value::Type::None) {
    keys = items;
  } else {
    for (const auto& item : items) {
      CallArguments args;
      args.callRange = range;
      args.calleeName = "key";
      args.positional = {item};
      args.positionalRanges = {range};
      keys.push_back(interp.call(key, args));
    }
  }
  std::vector<size_t> order(items.size()), scratch(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Python's reverse keeps equal elements in their order: b comes before a when b's key is greater.
  auto before = [&](size_t x, size_t y) {
    return reverse ? lessThan(keys[y], keys[x], range) : lessThan(keys[x], keys[y], range);
  };
  mergeSort(order, scratch, 0, order.size(), before);
  ValueList sorted;
  sorted.reserve(items.size());
  for (size_t i : order) sorted.push_back(items[i]);
  items = std::move(sorted);
}

BuiltinTables makeBuiltins(Interpreter& interp, PyoObjects& objects, PythonRandom& random, std::ostream& printOutput) {
  BuiltinTables t;
  auto& g = t.globals;
  auto def = [&g](const std::string& name, std::function<Value(CallArguments&)> fn) {
    g[name] = Value::makeBuiltin(name, std::move(fn));
  };

  // ---- Python builtins ----
  def("range", [&interp](CallArguments& a) {
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
    // The count in 128 bits, so that neither it nor the last value can overflow.
    __int128 span = step > 0 ? __int128(stop) - start : __int128(start) - stop;
    __int128 magnitude = step > 0 ? __int128(step) : -__int128(step);
    uint64_t count = span <= 0 ? 0 : static_cast<uint64_t>((span + magnitude - 1) / magnitude);
    interp.checkSize(0, count, "list (range() is made as a list while compiling)", a.callRange);
    interp.charge(count, a.callRange);
    ValueList items;
    items.reserve(count);
    for (uint64_t i = 0; i < count; ++i) items.push_back(Value::fromInt(static_cast<int64_t>(start + __int128(step) * i)));
    return Value::list(std::move(items));
  });
  def("len", [&objects](CallArguments& a) {
    expectCount(a, 1, 1);
    const Value& v = a.positional[0];
    // pyo's len(obj): the object's number of streams.
    if (v.type == Value::Type::Object && !v.isStream()) return Value::fromInt(objects.streamCount(v));
    if (v.type == Value::Type::String) return Value::fromInt(static_cast<int64_t>(v.text.size()));
    if (v.isSequence() || v.type == Value::Type::Dict) return Value::fromInt(static_cast<int64_t>(v.items->size()));
    throw ElaborationError(a.positionalRanges[0], fmt::format("object of type '{}' has no len()", v.typeName()));
  });
  def("int", [](CallArguments& a) {
    expectCount(a, 0, 1);
    if (a.positional.empty()) return Value::fromInt(0);
    const Value& v = a.positional[0];
    if (v.type == Value::Type::String) {
      if (auto parsed = parseInteger(v.text, a.positionalRanges[0])) return Value::fromInt(*parsed);
      throw ElaborationError(a.positionalRanges[0],
                             fmt::format("ValueError: invalid literal for int() with base 10: '{}'", v.text));
    }
    if (v.type == Value::Type::Int || v.type == Value::Type::Bool) return Value::fromInt(integerOf(v));
    return Value::fromInt(floatToInteger(numberArgument(a, 0, "the argument"), a.callRange));
  });
  def("float", [](CallArguments& a) {
    expectCount(a, 0, 1);
    if (a.positional.empty()) return Value::fromFloat(0);
    const Value& v = a.positional[0];
    if (v.type == Value::Type::String) {
      // float('nan'), float('inf'), float('-infinity'), float(' 1_000.5 '), as Python parses them.
      if (auto parsed = parseFloat(v.text)) return Value::fromFloat(*parsed);
      throw ElaborationError(a.positionalRanges[0],
                             fmt::format("ValueError: could not convert string to float: '{}'", v.text));
    }
    return Value::fromFloat(numberArgument(a, 0, "the argument"));
  });
  def("bool", [&interp](CallArguments& a) {
    expectCount(a, 0, 1);
    return Value::fromBool(!a.positional.empty() && interp.truthy(a.positional[0]));
  });
  def("str", [&objects](CallArguments& a) {
    expectCount(a, 0, 1);
    if (a.positional.empty()) return Value::fromString("");
    return Value::fromString(str(a.positional[0], objects, a.callRange));
  });
  def("repr", [&objects](CallArguments& a) {
    expectCount(a, 1, 1);
    return Value::fromString(repr(a.positional[0], objects, a.callRange));
  });
  def("abs", [](CallArguments& a) {
    expectCount(a, 1, 1);
    const Value& v = a.positional[0];
    if (v.type == Value::Type::Int || v.type == Value::Type::Bool)
      return integerOf(v) < 0 ? negate(v, a.callRange) : Value::fromInt(integerOf(v));
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
  def("sum", [&interp, &objects](CallArguments& a) {
    expectCount(a, 1, 2);
    ValueList items = interp.iterate(a.positional[0], a.positionalRanges[0]);
    // pyo: a sum with PyoObjects in it is their signal sum (start + x + y ..., Add nodes), as Python's sum() of
    // objects with __add__ and __radd__.
    if (std::any_of(items.begin(), items.end(), [](const Value& v) { return v.type == Value::Type::Object; })) {
      Value total = a.positional.size() == 2 ? a.positional[1] : Value::fromInt(0);
      for (const auto& v : items) {
        if (!v.isNumber() && v.type != Value::Type::Object)
          throw ElaborationError(a.positionalRanges[0], fmt::format("sum() of PyoObjects and {}", v.typeName()));
        total = total.isNumber() && v.isNumber()
                    ? arithmetic(ast::BinaryOp::Add, total, v, a.callRange)
                    : objects.arithmetic("Add", total, v, a.callRange);
      }
      return total;
    }
    bool isInt = true;
    int64_t si = 0;
    double sf = 0;
    if (a.positional.size() == 2) {
      isInt = a.positional[1].type == Value::Type::Int;
      si = a.positional[1].integer;
      sf = a.positional[1].toNumber();
    }
    for (const auto& v : items) {
      if (!v.isNumber()) throw ElaborationError(a.positionalRanges[0], fmt::format("sum() of {}", v.typeName()));
      if (v.type == Value::Type::Float) isInt = false;
      if (isInt) si = addIntegers(si, integerOf(v), a.callRange);
      sf += v.toNumber();
    }
    return isInt ? Value::fromInt(si) : Value::fromFloat(sf);
  });
  def("round", [](CallArguments& a) {
    expectCount(a, 1, 2);
    const Value& v = a.positional[0];
    double x = numberArgument(a, 0, "the number");
    bool isInt = v.type == Value::Type::Int || v.type == Value::Type::Bool;
    if (a.positional.size() == 1) {
      if (isInt) return Value::fromInt(integerOf(v));
      return Value::fromInt(floatToInteger(std::nearbyint(x), a.callRange));  // half to even
    }
    double digits = numberArgument(a, 1, "ndigits");
    if (isInt && digits >= 0) return Value::fromInt(integerOf(v));
    double rounded = x;  // round(inf, 2) is inf, as in Python
    if (std::isfinite(x)) {
      if (digits >= 0 && digits <= 400) {
        // Python rounds the exact binary value to `digits` decimals (round(2.675, 2) is 2.67, not 2.68): so does
        // printf, half to even on exact ties.
        std::string text(std::size_t(720), '\0');
        int length = std::snprintf(text.data(), text.size(), "%.*f", static_cast<int>(digits), x);
        rounded = std::strtod(text.substr(0, static_cast<size_t>(std::max(length, 0))).c_str(), nullptr);
      } else {
        double scale = std::pow(10.0, digits);
        rounded = scale == 0.0 ? std::copysign(0.0, x) : std::isinf(scale) ? x : std::nearbyint(x * scale) / scale;
      }
    }
    // An int rounded to tens or hundreds stays an int: round(15, -1) is 20.
    return isInt ? Value::fromInt(floatToInteger(rounded, a.callRange)) : Value::fromFloat(rounded);
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
  def("print", [&objects, &printOutput](CallArguments& a) {
    // print(*values, sep=' ', end='\n') while compiling, with Python's text of each value; to stdout when
    // rendering or playing, to stderr for `patchc emit`, whose stdout is the stage it prints (ElaborationOptions).
    auto keywords = takeKeywords(a, {"sep", "end", "file", "flush"});
    auto text = [&](const char* name, const char* otherwise) -> std::string {
      auto it = keywords.find(name);
      if (it == keywords.end() || it->second.value.type == Value::Type::None) return otherwise;
      if (it->second.value.type != Value::Type::String)
        throw ElaborationError(it->second.valueRange, fmt::format("TypeError: {} must be None or a string, not {}",
                                                                  name, it->second.value.typeName()));
      return it->second.value.text;
    };
    if (auto file = keywords.find("file"); file != keywords.end() && file->second.value.type != Value::Type::None)
      throw ElaborationError(file->second.valueRange, "print(file=...) is not supported in a patch");
    const std::string sep = text("sep", " "), end = text("end", "\n");
    std::string line;
    for (size_t i = 0; i < a.positional.size(); ++i) {
      if (i) line += sep;
      line += str(a.positional[i], objects, a.positionalRanges[i]);
    }
    printOutput << line << end << std::flush;
    return Value::none();
  });
  def("sorted", [&interp](CallArguments& a) {
    auto keywords = takeKeywords(a, {"key", "reverse"});
    expectCount(a, 1, 1);
    ValueList items = interp.iterate(a.positional[0], a.positionalRanges[0]);
    Value key = keywords.count("key") ? keywords["key"].value : Value::none();
    bool reverse = keywords.count("reverse") && interp.truthy(keywords["reverse"].value);
    sortValues(items, key, reverse, interp, a.callRange);
    return Value::list(std::move(items));
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
  // pyo's conversions take a number, or a list or tuple of them (giving a list or tuple).
  auto conversion = [&def](const char* name, const char* what, double (*f)(double)) {
    def(name, [f, what](CallArguments& a) {
      expectCount(a, 1, 1);
      const Value& x = a.positional[0];
      if (!x.isSequence()) return fromDouble(f(numberArgument(a, 0, what)));
      ValueList out;
      for (const auto& v : *x.items) {
        if (!v.isNumber())
          throw ElaborationError(a.positionalRanges[0], fmt::format("{} of {}() must be numbers, not {}", what,
                                                                    a.calleeName, v.typeName()));
        out.push_back(fromDouble(f(v.toNumber())));
      }
      return x.type == Value::Type::List ? Value::list(std::move(out)) : Value::tuple(std::move(out));
    });
  };
  conversion("midiToHz", "the MIDI note", [](double x) { return 440.0 * std::pow(2.0, (x - 69.0) / 12.0); });
  conversion("hzToMidi", "the frequency", [](double x) { return 12.0 * std::log2(x / 440.0) + 69.0; });
  conversion("midiToTranspo", "the MIDI note", [](double x) { return std::pow(2.0, (x - 60.0) / 12.0); });
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
  // pyo's sampsToSec(x) and secToSamps(x) at the Server's rate, of a number or a list of numbers.
  auto convert = [&objects](bool toSeconds) {
    return [&objects, toSeconds](CallArguments& a) {
      expectCount(a, 1, 1);
      auto one = [&](const Value& v) {
        if (!v.isNumber())
          throw ElaborationError(a.positionalRanges[0], fmt::format("{}() takes a number or a list of numbers, not {}",
                                                                    a.calleeName, v.typeName()));
        // pyo: samples / sr as a float; int(seconds * sr), truncated.
        if (toSeconds) return fromDouble(v.toNumber() / objects.sampleRate());
        return Value::fromInt(floatToInteger(v.toNumber() * objects.sampleRate(), a.positionalRanges[0]));
      };
      const Value& x = a.positional[0];
      if (!x.isSequence()) return one(x);
      ValueList out;
      for (const auto& v : *x.items) out.push_back(one(v));
      return Value::list(std::move(out));
    };
  };
  def("sampsToSec", convert(true));
  def("secToSamps", convert(false));
  def("sndinfo", [&objects, &printOutput](CallArguments& a) {
    // pyo: sndinfo(path, print=False, raise_on_failure=False) -> (frames, duration, sr, channels, format, type).
    keywordsToPositional(a, {"path", "print", "raise_on_failure"},
                         {Value::none(), Value::fromBool(false), Value::fromBool(false)});
    const Value& path = a.positional[0];
    if (path.type != Value::Type::String)
      throw ElaborationError(a.positionalRanges[0], fmt::format("sndinfo()'s path must be a string, not {}",
                                                                path.typeName()));
    SoundFileInfo info = soundFileInfo(path.text, objects.patchPath());
    // pyo returns None for a file it cannot read; the next line would fail on it: the error is said here.
    if (!info.error.empty()) throw ElaborationError(a.positionalRanges[0], info.error);
    // pyo computes the duration and the rate in 32-bit floats.
    const float duration = static_cast<float>(info.frames) / static_cast<float>(info.sampleRate);
    if (a.positional[1].toNumber() != 0)
      printOutput << fmt::format("name: {}\nnumber of frames: {}\nduration: {:.4f} sec\nsr: {:.2f}\nchannels: {}\n"
                                 "format: {}\nsample type: {}\n",
                                 path.text, info.frames, duration, info.sampleRate, info.channels, info.format,
                                 info.sampleType)
                  << std::flush;
    return Value::tuple({Value::fromInt(info.frames), fromDouble(duration),
                         fromDouble(static_cast<float>(info.sampleRate)), Value::fromInt(info.channels),
                         Value::fromString(info.format), Value::fromString(info.sampleType)});
  });
  // pyo's pm_list_devices() prints PortMidi's devices: the compiler lists none (the patch may run elsewhere);
  // `patchc run --list-devices` and a built program's --list-devices list the MIDI inputs where it runs.
  def("pm_list_devices", [](CallArguments& a) {
    expectCount(a, 0, 0);
    return Value::none();
  });
  // pyo's windows (Scope, Spectrum, ...) and slider maps: made and kept, doing nothing in a render.
  for (const char* name : {"Scope", "Spectrum", "SLMap", "SLMapFreq", "SLMapMul", "SLMapPhase", "SLMapQ",
                           "SLMapDur", "SLMapPan"}) {
    std::string className = name;
    def(name, [className](CallArguments&) { return inertObject(className); });
  }
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
    // CPython seeds with abs(s); the magnitude of INT64_MIN is 2^63, which uint64 holds.
    random.seed(s < 0 ? 0 - static_cast<uint64_t>(s) : static_cast<uint64_t>(s));
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
    // In 128 bits: stop - start and the count may exceed int64 (randrange(-2**62, 2**62)).
    __int128 n = step > 0 ? (__int128(stop) - start + step - 1) / step : (__int128(stop) - start + step + 1) / step;
    if (n <= 0) throw ElaborationError(a.callRange, fmt::format("empty range for {}()", a.calleeName));
    return Value::fromInt(static_cast<int64_t>(start + __int128(step) * random.randbelow(static_cast<uint64_t>(n))));
  };
  rdef("randint", [randrange](CallArguments& a) {
    expectCount(a, 2, 2);
    return randrange(a, integerArgument(a, 0, "a"), addIntegers(integerArgument(a, 1, "b"), 1, a.callRange), 1);
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

  // ---- mido: MidiFile(path).play() fed to Server.addMidiEvent (elab/Mido.h) ----
  defineMido(t.modules["mido"], [&objects] { return objects.patchPath(); });

  // ---- math ----
  auto& m = t.modules["math"];
  m["pi"] = fromDouble(M_PI);
  m["e"] = fromDouble(M_E);
  m["tau"] = fromDouble(2 * M_PI);
  m["inf"] = fromDouble(INFINITY);
  m["nan"] = fromDouble(NAN);
  // Python's math module (Modules/mathmodule.c math_1): nan from a number that is not nan is a domain error
  // (ValueError), inf from a finite number a range error (OverflowError) for the functions that can overflow
  // and a domain error for the others (log(0)); nan and inf arguments otherwise go through as in C.
  struct UnaryMath {
    const char* name;
    MathFn f;
    bool canOverflow;
  };
  const std::vector<UnaryMath> unary{
      {"sin", std::sin, false},    {"cos", std::cos, false},     {"tan", std::tan, false},
      {"asin", std::asin, false},  {"acos", std::acos, false},   {"atan", std::atan, false},
      {"sinh", std::sinh, true},   {"cosh", std::cosh, true},    {"tanh", std::tanh, false},
      {"exp", std::exp, true},     {"sqrt", std::sqrt, false},   {"log2", std::log2, false},
      {"log10", std::log10, false}, {"fabs", std::fabs, false},
  };
  for (const auto& [name, fn, canOverflow] : unary) {
    MathFn f = fn;
    bool overflows = canOverflow;
    m[name] = Value::makeBuiltin(std::string("math.") + name, [f, overflows](CallArguments& a) {
      expectCount(a, 1, 1);
      double x = numberArgument(a, 0, "the argument");
      double y = f(x);
      if (std::isnan(y) && !std::isnan(x))
        throw ElaborationError(a.callRange, fmt::format("ValueError: math domain error in {}()", a.calleeName));
      if (std::isinf(y) && std::isfinite(x))
        throw ElaborationError(a.callRange, fmt::format("{}: math {} error in {}()",
                                                        overflows ? "OverflowError" : "ValueError",
                                                        overflows ? "range" : "domain", a.calleeName));
      return fromDouble(y);
    });
  }
  m["log"] = Value::makeBuiltin("math.log", [](CallArguments& a) {
    expectCount(a, 1, 2);
    auto logOf = [&a](size_t index, const char* what) {
      double x = numberArgument(a, index, what);
      if (x <= 0) throw ElaborationError(a.callRange, "ValueError: math domain error in math.log()");
      return std::log(x);
    };
    double y = logOf(0, "x");
    if (a.positional.size() == 2) {
      double base = logOf(1, "base");
      if (base == 0.0) throw ElaborationError(a.callRange, "ZeroDivisionError: float division by zero (log base 1)");
      y /= base;
    }
    return fromDouble(y);
  });
  auto rounding = [&m](const char* name, double (*f)(double)) {
    m[name] = Value::makeBuiltin(std::string("math.") + name, [f](CallArguments& a) {
      expectCount(a, 1, 1);
      const Value& v = a.positional[0];
      if (v.type == Value::Type::Int || v.type == Value::Type::Bool) return Value::fromInt(integerOf(v));
      return Value::fromInt(floatToInteger(f(numberArgument(a, 0, "x")), a.callRange));
    });
  };
  rounding("floor", std::floor);
  rounding("ceil", std::ceil);
  rounding("trunc", std::trunc);
  auto predicate = [&m](const char* name, bool (*f)(double)) {
    m[name] = Value::makeBuiltin(std::string("math.") + name, [f](CallArguments& a) {
      expectCount(a, 1, 1);
      return Value::fromBool(f(numberArgument(a, 0, "x")));
    });
  };
  predicate("isnan", [](double x) { return std::isnan(x); });
  predicate("isinf", [](double x) { return std::isinf(x); });
  predicate("isfinite", [](double x) { return std::isfinite(x); });
  // Two-argument functions: the same domain and range errors (math.pow(0, -1), math.fmod(1, 0), math.pow(10, 400)).
  auto binaryMath = [&m](const char* name, double (*f)(double, double)) {
    bool isPow = std::string(name) == "pow";
    m[name] = Value::makeBuiltin(std::string("math.") + name, [f, isPow](CallArguments& a) {
      expectCount(a, 2, 2);
      double x = numberArgument(a, 0, "x"), y = numberArgument(a, 1, "y");
      double r = f(x, y);
      if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
        throw ElaborationError(a.callRange, fmt::format("ValueError: math domain error in {}()", a.calleeName));
      if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) {
        bool divides = isPow && x == 0.0;  // pow(0, -1): a pole, not an overflow
        throw ElaborationError(a.callRange, fmt::format("{}: math {} error in {}()",
                                                        divides ? "ValueError" : "OverflowError",
                                                        divides ? "domain" : "range", a.calleeName));
      }
      return fromDouble(r);
    });
  };
  binaryMath("pow", std::pow);
  binaryMath("atan2", std::atan2);
  binaryMath("fmod", std::fmod);
  binaryMath("hypot", std::hypot);
  // `from pyo import *` brings math's pow and pi (pyo 1.0.4: `pow is math.pow`, so pow(3, 2) is 9.0 and pow() of a
  // PyoObject is a TypeError there).
  g["pi"] = m["pi"];
  g["pow"] = Value::makeBuiltin("pow", [mathPow = m["pow"]](CallArguments& a) {
    for (size_t i = 0; i < a.positional.size(); ++i)
      if (a.positional[i].type == Value::Type::Object)
        throw ElaborationError(a.positionalRanges[i], "TypeError: pyo's pow() is math.pow and takes numbers, not a "
                                                      "PyoObject; write a ** b (pyo's Pow object) or Pow(a, b)");
    return mathPow.builtin->call(a);
  });
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
