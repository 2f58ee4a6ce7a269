#include "tests/fuzz/PatchGenerator.h"

#include "stdlib/Registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace patchc::fuzz {

std::string Statement::text() const {
  std::string s = target.empty() ? "" : target + " = ";
  switch (kind) {
    case Kind::Raw:
      return head;
    case Kind::Function: {
      s = head;
      for (const auto& line : arguments) {
        // A line of the body, its own block's lines (an `if`'s, a `for`'s) indented once more.
        size_t from = 0;
        while (from <= line.text.size()) {
          size_t to = line.text.find('\n', from);
          if (to == std::string::npos) to = line.text.size();
          s += "\n    " + line.text.substr(from, to - from);
          from = to + 1;
        }
      }
      if (arguments.empty()) s += "\n    pass";
      return s;
    }
    case Kind::Expression:
      s += suffixes.empty() ? arguments[0].text : "(" + arguments[0].text + ")";
      break;
    case Kind::Call: {
      s += head + "(";
      for (size_t i = 0; i < arguments.size(); ++i) {
        if (i) s += ", ";
        if (!arguments[i].keyword.empty()) s += arguments[i].keyword + "=";
        s += arguments[i].text;
      }
      s += ")";
      break;
    }
  }
  for (const auto& suffix : suffixes) s += suffix;
  return s;
}

std::string Patch::text() const {
  std::string s;
  for (const auto& st : statements) s += st.text() + "\n";
  return s;
}

std::vector<Patch> Patch::simplifications() const {
  std::vector<Patch> out;
  for (size_t i = statements.size(); i-- > 0;) {
    Patch p = *this;
    p.statements.erase(p.statements.begin() + static_cast<long>(i));
    out.push_back(std::move(p));
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    const Statement& st = statements[i];
    for (size_t k = 0; k < st.suffixes.size(); ++k) {
      Patch p = *this;
      auto& suffixes = p.statements[i].suffixes;
      suffixes.erase(suffixes.begin() + static_cast<long>(k));
      out.push_back(std::move(p));
    }
    for (size_t a = 0; a < st.arguments.size(); ++a) {
      if ((st.kind == Statement::Kind::Call && !st.arguments[a].keyword.empty()) ||
          st.kind == Statement::Kind::Function) {
        Patch p = *this;
        auto& args = p.statements[i].arguments;
        args.erase(args.begin() + static_cast<long>(a));
        out.push_back(std::move(p));
      }
      for (const auto& simpler : st.arguments[a].simpler) {
        Patch p = *this;
        p.statements[i].arguments[a].text = simpler;
        p.statements[i].arguments[a].simpler.clear();
        out.push_back(std::move(p));
      }
    }
  }
  return out;
}

namespace {

// Numbers in the patch keep 4 significant digits, so the printed patch is the patch that was checked.
std::string number(double x) { return fmt::format("{:.4g}", x); }

class Generator {
 public:
  Generator(uint64_t seed, const GeneratorOptions& options)
      : rng_(seed), control_(seed ^ 0x63616c6c6261636bull), midi_(seed ^ 0x6d69646973636e72ull), options_(options) {
    for (const auto& spec : Registry::builtin().all())
      if (!spec.internal) objects_.push_back(&spec);
    for (const auto* spec : objects_)
      if (emitsTriggers(*spec)) triggerSources_.push_back(spec);
  }

  Patch run() {
    int statements = uniformInt(options_.minStatements, options_.maxStatements);
    // The first statement makes a signal, so that filters have something to read.
    addObject(true);
    while (static_cast<int>(patch_.statements.size()) < statements) {
      double r = uniform(0, 1);
      if (r < 0.55) addObject(false);
      else if (r < 0.72) addArithmetic();
      else if (r < 0.80) addMix();
      else if (r < 0.88) addOut();
      else if (r < 0.92) addStop();
      else if (r < 0.96) addStreamPick();
      else addMulAssignment();
    }
    if (outs_ == 0) addOut();
    // The callbacks come after the graph and draw from their own stream (GeneratorOptions::callbacks).
    draw_ = &control_;
    if (options_.everyCallbackKind || uniform(0, 1) < options_.callbacks) addCallbacks();
    return std::move(patch_);
  }

 private:
  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(*draw_); }
  int uniformInt(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(*draw_); }
  bool chance(double p) { return uniform(0, 1) < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(uniformInt(0, static_cast<int>(v.size()) - 1))];
  }

  // A signal already made: the latest one more often, so that cascades (filter of filter) are common.
  std::string signalVariable() {
    if (chance(0.4)) return signals_.back();
    return pick(signals_);
  }

  // A number for an input whose default is `d`: mostly in the neighbourhood of the default (pyo's useful range),
  // sometimes outside (negative, zero, large), still a valid number for the language.
  std::string numberNear(std::optional<float> d, bool integer) {
    double base = d ? *d : 1.0;
    double x;
    double r = uniform(0, 1);
    if (r < 0.6) x = base == 0 ? uniform(0, 1) : base * uniform(0.25, 2.0);
    else if (r < 0.75) x = pick(std::vector<double>{0, 1, -1, 0.5, 2, 0.001, 100, 440});
    else if (r < 0.9) x = -std::fabs(base == 0 ? uniform(0, 2) : base * uniform(0, 2));
    else x = (std::fabs(base) + 1) * uniform(2, 10);
    if (integer) x = std::round(x);
    return number(x);
  }

  // Constant inputs size state (a delay line, a number of stages): in and somewhat out of range, never huge.
  std::string constantNear(std::optional<float> d) {
    double base = d ? *d : 1.0;
    bool integer = base == std::round(base);
    double x = chance(0.8) ? (base == 0 ? uniform(0, 1.5) : base * uniform(0.1, 2.0)) : uniform(-1, 2 * base + 2);
    if (integer) x = std::round(x);
    return number(x);
  }

  Argument signalArgument(const std::string& keyword, std::optional<float> d) {
    Argument a{keyword, "", {}};
    bool integer = d && *d == std::round(*d) && std::fabs(*d) >= 1;
    double r = uniform(0, 1);
    if (r < 0.45 || signals_.empty()) {
      a.text = numberNear(d, integer && chance(0.5));
    } else if (r < 0.65) {
      std::string first = numberNear(d, false);
      a.text = "[" + first;
      for (int i = uniformInt(1, 3); i > 0; --i) a.text += ", " + numberNear(d, false);
      a.text += "]";
      a.simpler = {first};
    } else if (r < 0.85) {
      a.text = signalVariable();
      a.simpler = {number(d ? *d : 1.0)};
    } else {
      // A signal scaled into the parameter's neighbourhood, as an LFO on a frequency.
      std::string v = signalVariable();
      std::string scale = number(d && *d != 0 ? *d * uniform(0.05, 0.5) : uniform(0.05, 1));
      std::string offset = number(d ? *d : 0);
      a.text = v + " * " + scale + " + " + offset;
      a.simpler = {v, offset};
    }
    return a;
  }

  Argument audioArgument(const std::string& keyword) {
    Argument a{keyword, "", {}};
    double r = uniform(0, 1);
    std::string v = signalVariable();
    if (r < 0.7) {
      a.text = v;
    } else if (r < 0.85 && signals_.size() > 1) {
      std::string w = signalVariable();
      a.text = "[" + v + ", " + w + (chance(0.3) ? ", " + pick(signals_) : "") + "]";
      a.simpler = {v, w};
    } else {
      std::string w = chance(0.5) ? signalVariable() : number(uniform(-2, 2));
      a.text = v + " " + pick(std::vector<std::string>{"+", "-", "*", "/"}) + " " + w;
      a.simpler = {v};
    }
    return a;
  }

  Argument arrayArgument(const InputSpec& input) {
    if (input.tableList)
      return {"", chance(0.5) ? "[HarmTable([1, 0.5], 512), SawTable(8, 1024)]"
                              : "[HannTable(256), LinTable([(0, 0), (511, 1)], 512), AtanTable(0.7, 256)]",
              {}};
    // Tables written while the patch plays (TableRec, ...) and read by other objects: a table variable shared by
    // the objects given it, most of the time for a writer, sometimes for a reader.
    if (input.table && chance(input.writes ? 0.8 : 0.3)) {
      if (sharedTables_.empty() || chance(0.2)) {
        std::string name = fmt::format("tab{}", sharedTables_.size());
        // One draw per statement (a call's arguments are evaluated in the compiler's order: see midiOutLine).
        std::string make;
        if (chance(0.5)) {
          const double length = uniform(0.001, 0.05);
          const double feedback = chance(0.5) ? 0 : uniform(0, 1);
          make = fmt::format("NewTable(length={}, feedback={})", number(length), number(feedback));
        } else {
          const int size = uniformInt(3, 700);
          const double a = uniform(-1, 1), b = uniform(-1, 1), c = uniform(-1, 1);
          make = fmt::format("DataTable({}, init=[{}, {}, {}])", size, number(a), number(b), number(c));
        }
        patch_.statements.push_back({Statement::Kind::Raw, "", name + " = " + make, {}, {}});
        sharedTables_.push_back(name);
      }
      return {"", pick(sharedTables_), {}};
    }
    if (input.table) {
      static const char* const tables[] = {"HarmTable([1, 0.5, 0.25], 512)", "SawTable(8, 1024)",
                                           "LinTable([(0, 0), (100, 1), (511, -0.5)], 512)", "HannTable(256)",
                                           "AtanTable(0.7, 256)", "SndTable(SNDS_PATH + \"/transparent.aif\")"};
      return {"", tables[uniformInt(0, 5)], {"HarmTable()"}};
    }
    // Array inputs are either a sound file's path or a list of numbers or pairs (Registry.h): told apart by
    // what the input documents.
    if (input.doc.find("sound file") != std::string::npos)
      return {"", "SNDS_PATH + \"/transparent.aif\"", {}};
    std::string text = "[";
    double t = 0;
    int points = uniformInt(1, 4);
    for (int i = 0; i < points; ++i) {
      if (i) text += ", ";
      text += "(" + number(t) + ", " + number(uniform(-1, 1)) + ")";
      t += uniform(0.001, 0.1);
    }
    return {"", text + "]", {"[(0, 1)]"}};
  }

  std::string fresh() { return fmt::format("v{}", next_++); }

  void addObject(bool first) {
    const ObjectSpec* spec;
    do spec = pick(objects_);
    while ((first || signals_.empty()) && !spec->generator);
    std::vector<TableGiven> tables;
    Statement st = objectCall(*spec, fresh(), {}, tables);
    addSuffixes(st);
    patch_.statements.push_back(std::move(st));
    signals_.push_back(patch_.statements.back().target);
    // Its attributes, for the callbacks: `.mix(k)` makes another object, a Mix.
    const auto& suffixes = patch_.statements.back().suffixes;
    if (std::none_of(suffixes.begin(), suffixes.end(), [](const std::string& x) { return x.rfind(".mix(", 0) == 0; }))
      made_.push_back({signals_.back(), spec, signals_.size() - 1, std::move(tables)});
    // Its named groups of streams (Notein['pitch'], ['velocity'], ...), as later objects' inputs. Drawn only for
    // objects that have groups, so other seeds' patches stay as they were.
    const std::string made = patch_.statements.back().target;
    for (const auto& group : spec->streamGroups)
      if (chance(0.5)) signals_.push_back(made + "['" + group + "']");
  }

  // A table given to an object's table input, as written (`LinTable([...], 512)`, or a shared table's variable).
  struct TableGiven {
    std::string input;
    std::string text;
  };

  // `spec(arguments)` for an object, each input filled by its kind; `forced` gives one input (by name) its text
  // (a callback's new table to a reader). Without `forced`, the draws are the graph's as they always were.
  Statement objectCall(const ObjectSpec& spec, const std::string& target, const std::pair<std::string, std::string>& forced,
                       std::vector<TableGiven>& tables) {
    Statement st;
    st.kind = Statement::Kind::Call;
    st.target = target;
    st.head = spec.name;
    bool positional = true;
    for (const auto& input : spec.inputs) {
      if (input.hidden) continue;
      bool required = !input.defaultValue.has_value();
      const bool force = !forced.first.empty() && input.name == forced.first;
      if (!required && !force && chance(0.45)) {
        positional = false;
        continue;
      }
      Argument a;
      if (force) {
        a = {input.name, forced.second, {}};
      } else {
        switch (input.kind) {
          case InputKind::Audio: a = audioArgument(input.name); break;
          case InputKind::Signal: a = signalArgument(input.name, input.defaultValue); break;
          case InputKind::Constant:
            // A value patchc refuses (ValidRange::refused) is its default.
            a = {input.name,
                 input.valid && input.valid->refused && input.defaultValue ? number(*input.defaultValue)
                                                                           : constantNear(input.defaultValue),
                 {}};
            break;
          case InputKind::Array: a = arrayArgument(input); a.keyword = input.name; break;
        }
      }
      if (input.kind == InputKind::Array && input.table && !input.tableList) tables.push_back({input.name, a.text});
      // Required inputs go by position while every earlier input is given, so the shrinker never drops them.
      if (required && positional) a.keyword.clear();
      else positional = false;
      st.arguments.push_back(std::move(a));
    }
    if (chance(0.4)) st.arguments.push_back(signalArgument("mul", 1.0f));
    if (chance(0.15)) st.arguments.push_back(signalArgument("add", 0.0f));
    return st;
  }

  void addSuffixes(Statement& st) {
    if (chance(0.12)) {
      const double low = uniform(-2, 2), high = uniform(-2, 500);
      st.suffixes.push_back(fmt::format(".range({}, {})", number(low), number(high)));
    }
    if (chance(0.12)) st.suffixes.push_back(fmt::format(".mix({})", uniformInt(1, 3)));
    if (chance(0.3)) {
      st.suffixes.push_back(chance(0.5) ? ".out()" : fmt::format(".out({})", uniformInt(0, 3)));
      ++outs_;
    }
  }

  void addArithmetic() {
    Statement st;
    st.kind = Statement::Kind::Expression;
    st.target = fresh();
    std::string a = signalVariable();
    std::string b = chance(0.5) ? signalVariable() : number(uniform(-3, 3));
    if (chance(0.3)) std::swap(a, b);
    std::string op = pick(std::vector<std::string>{"+", "-", "*", "/", "*", "+"});
    st.arguments.push_back({"", a + " " + op + " " + b, {a[0] == 'v' ? a : b}});
    if (chance(0.3)) {
      st.suffixes.push_back(fmt::format(".out({})", uniformInt(0, 1)));
      ++outs_;
    }
    patch_.statements.push_back(std::move(st));
    signals_.push_back(patch_.statements.back().target);
  }

  void addMix() {
    Statement st;
    st.kind = Statement::Kind::Call;
    st.target = fresh();
    st.head = "Mix";
    std::string first = signalVariable();
    std::string list = "[" + first;
    for (int i = uniformInt(0, 3); i > 0; --i) list += ", " + signalVariable();
    list += "]";
    st.arguments.push_back({"", list, {first}});
    if (chance(0.7)) st.arguments.push_back({"voices", std::to_string(uniformInt(1, 4)), {}});
    if (chance(0.4)) st.arguments.push_back(signalArgument("mul", 1.0f));
    addSuffixes(st);
    patch_.statements.push_back(std::move(st));
    signals_.push_back(patch_.statements.back().target);
  }

  void addOut() {
    std::string v = signalVariable();
    patch_.statements.push_back({Statement::Kind::Raw, "", chance(0.5) ? v + ".out()" : fmt::format("{}.out({})", v, uniformInt(0, 3)), {}, {}});
    ++outs_;
  }

  // One stream of an object (pyo's obj[i]): the first or the last, which every object has; for an object of
  // several outputs (Pan, STRev) one output of one lane.
  void addStreamPick() {
    Statement st;
    st.kind = Statement::Kind::Expression;
    st.target = fresh();
    std::string v = signalVariable();
    st.arguments.push_back({"", v + (chance(0.5) ? "[0]" : "[-1]"), {v}});
    patch_.statements.push_back(std::move(st));
    signals_.push_back(patch_.statements.back().target);
    streams_.insert(signals_.back());
  }

  void addStop() {
    patch_.statements.push_back({Statement::Kind::Raw, "", signalVariable() + ".stop()", {}, {}});
  }

  void addMulAssignment() {
    const std::string target = signalVariable();
    const double mul = uniform(-2, 2);
    patch_.statements.push_back({Statement::Kind::Raw, "", fmt::format("{}.mul = {}", target, number(mul)), {}, {}});
  }

  std::mt19937_64 rng_;      // the graph's draws
  std::mt19937_64 control_;  // the callbacks' draws
  std::mt19937_64 midi_;     // the MIDI scanners' draws
  std::mt19937_64* draw_ = &rng_;
  GeneratorOptions options_;
  std::vector<const ObjectSpec*> objects_;
  std::vector<std::string> signals_;
  std::vector<std::string> sharedTables_;  // table variables several objects are given
  Patch patch_;
  int next_ = 0;
  int outs_ = 0;

  // ---- callbacks (tests/fuzz/README.md, "Callbacks") ----
  // Handlers as pyo scripts write them, within what the handler compiler takes (elab/HandlerCompiler.cpp): they
  // set the graph's attributes to numbers, lists and run-time expressions, play() and stop() objects, change a
  // Pattern's time, read get(), print. Times are short: the checker renders 8192 frames (0.19 s).

  // A trigger source (1 for one sample): found by what the registry says of it, never by name.
  static bool emitsTriggers(const ObjectSpec& spec) {
    if (spec.multiOutput()) return false;
    if (spec.doc.find("trigger (1 for one sample)") != std::string::npos) return true;
    return spec.generator &&
           (spec.doc.find("trigger") != std::string::npos || spec.doc.find("rhythm") != std::string::npos);
  }
  static bool hasPlaying(const ObjectSpec& spec) {
    int i = spec.inputIndex("playing");
    return i >= 0 && spec.inputs[static_cast<size_t>(i)].kind == InputKind::Signal;
  }

  struct Made {
    std::string name;
    const ObjectSpec* spec;
    size_t signal;  // its index in signals_: the signals made before it may be given to it
    std::vector<TableGiven> tables;  // what its table inputs were given (`obj.table` in a handler is that table)
  };
  struct Handler {
    std::vector<Argument> body;
    std::vector<std::string> globals;  // declared `global`
    std::vector<std::string> numbers;  // names of run-time numbers it may read (its parameter, get()s)
    int locals = 0;
  };
  enum class CallbackKind { Pattern, CallAfter, TrigFunc, Score, Print };

  bool server_ = false;  // the patch has `s = Server()` (for its MIDI output lines)
  void raw(const std::string& text) { patch_.statements.push_back({Statement::Kind::Raw, "", text, {}, {}}); }

  void addCallbacks() {
    raw("import random");
    if (chance(0.5)) raw(fmt::format("random.seed({})", uniformInt(0, 9999)));
    std::vector<CallbackKind> kinds;
    if (options_.everyCallbackKind) {
      kinds = {CallbackKind::Pattern, CallbackKind::CallAfter, CallbackKind::TrigFunc, CallbackKind::Score,
               CallbackKind::Print};
    } else {
      for (int i = uniformInt(1, 3); i > 0; --i) kinds.push_back(static_cast<CallbackKind>(uniformInt(0, 4)));
    }
    for (auto kind : kinds) {
      switch (kind) {
        case CallbackKind::Pattern: addPattern(); break;
        case CallbackKind::CallAfter: addCallAfter(); break;
        case CallbackKind::TrigFunc: addTrigFunc(); break;
        case CallbackKind::Score: addScore(); break;
        case CallbackKind::Print: addPrint(); break;
      }
    }
    // The MIDI scanners, from a stream of their own (so the callbacks above stay those of older seeds): their
    // functions get the fuzz render's MIDI messages (DifferentialChecker's fuzzMidiEvents).
    draw_ = &midi_;
    if (options_.everyCallbackKind || chance(0.35)) addMidiScanner();
    draw_ = &control_;
  }

  // CtlScan(f, toprint), CtlScan2(f, toprint) or RawMidi(f): f's first parameter is a run-time number.
  void addMidiScanner() {
    const int kind = uniformInt(0, 2);
    const char* unread[] = {"", ", chnl", ", d1, d2"};
    std::string f = addFunction("k", uniformInt(1, 3), "", unread[kind]);
    const bool toprint = chance(0.2);
    if (kind == 0) raw(fmt::format("cs{} = CtlScan({}, toprint={})", next_++, f, toprint ? "True" : "False"));
    else if (kind == 1) raw(fmt::format("cs{} = CtlScan2({}, {})", next_++, f, toprint ? "True" : "False"));
    else raw(fmt::format("rm{} = RawMidi({})", next_++, f));
  }

  std::string seconds(double lo, double hi) { return number(uniform(lo, hi)); }

  void addPattern() {
    std::string pat = fmt::format("pat{}", timers_.size());
    timers_.push_back(pat);  // its own handler may set its time
    std::string f = addFunction("", uniformInt(1, 4));
    raw(chance(0.7) ? fmt::format("{} = Pattern(function={}, time={}).play()", pat, f, seconds(0.003, 0.05))
                    : fmt::format("{} = Pattern({}, {}).play()", pat, f, seconds(0.003, 0.05)));
  }

  void addCallAfter() {
    bool arg = chance(0.3);
    std::string f = addFunction(arg ? "k" : "", uniformInt(1, 4));
    std::string call = fmt::format("ca{} = CallAfter({}, time={}", next_++, f, seconds(0.001, 0.15));
    if (arg) call += ", arg=" + number(uniform(-2, 4));
    raw(call + ")");
  }

  void addTrigFunc() {
    std::string trigger = triggerVariable();
    bool arg = chance(0.5);
    std::string f = addFunction(arg ? "k" : "", uniformInt(1, 3));
    std::string call = fmt::format("tf{} = TrigFunc({}, function={}", next_++, trigger, f);
    if (arg && chance(0.5)) {
      call += ", arg=" + number(uniformInt(0, 3));
    } else if (arg) {
      int first = uniformInt(0, 3);
      call += fmt::format(", arg=[{}, {}]", first, number(uniform(-1, 2)));
    }
    raw(call + ")");
  }

  // Score(input, fname): the functions fname0, fname1, ... called when int(input) becomes 0, 1, ...; some missing.
  void addScore() {
    std::string trigger = triggerVariable();
    std::string input = trigger;
    int count = 2;
    if (Registry::builtin().find("Counter") && chance(0.8)) {
      count = uniformInt(2, 5);
      input = fmt::format("cnt{}", next_++);
      raw(fmt::format("{} = Counter({}, min=0, max={})", input, trigger, count));
      counters_.push_back(input);
    }
    std::string fname = fmt::format("ev{}_", next_++);
    for (int n = 0; n < count; ++n)
      if (n == 0 || chance(0.75)) addFunction("", uniformInt(1, 3), fname + std::to_string(n));
    raw(chance(0.5) ? fmt::format("sc{} = Score({}, fname=\"{}\")", next_++, input, fname)
                    : fmt::format("sc{} = Score({}, \"{}\")", next_++, input, fname));
  }

  // Print(x, method, interval): method 1 prints each change, so mostly of a stream that moves in steps.
  void addPrint() {
    int method = uniformInt(0, 1);
    std::string input;
    if (method == 1 && chance(0.7)) {
      input = chance(0.5) && !counters_.empty() ? pick(counters_) : triggerVariable();
    } else {
      input = signalVariable();
      if (chance(0.3)) input = firstStream(input);
    }
    std::string call = fmt::format("pr{} = Print({}, method={}", next_++, input, method);
    if (method == 0 || chance(0.3)) call += ", interval=" + seconds(0.002, 0.05);
    if (chance(0.4)) call += fmt::format(", message=\"m{}\"", next_);
    raw(call + ")");
  }

  // A trigger stream: one made before, or a new trigger source (Metro, Seq, Change, ...) with short times,
  // played.
  std::string triggerVariable() {
    if (!triggers_.empty() && chance(0.3)) return pick(triggers_);
    const ObjectSpec* spec = pick(triggerSources_);
    Statement st;
    st.kind = Statement::Kind::Call;
    st.target = fmt::format("trig{}", next_++);
    st.head = spec->name;
    bool positional = true;
    for (const auto& input : spec->inputs) {
      if (input.hidden) continue;
      bool required = !input.defaultValue.has_value();
      bool time = input.name == "time", density = input.name == "density";
      if (!required && !time && !density && chance(0.5)) {
        positional = false;
        continue;
      }
      Argument a{input.name, "", {}};
      if (time) {
        a.text = seconds(0.002, 0.03);
      } else if (density) {
        a.text = number(uniform(50, 3000));
      } else {
        switch (input.kind) {
          case InputKind::Audio:
            a.text = !triggers_.empty() && chance(0.4) ? pick(triggers_) : signalVariable();
            break;
          case InputKind::Signal: a.text = numberNear(input.defaultValue, false); break;
          case InputKind::Constant:
            a.text = input.valid && input.valid->refused && input.defaultValue ? number(*input.defaultValue)
                                                                               : constantNear(input.defaultValue);
            break;
          case InputKind::Array:
            if (input.table || input.tableList || input.doc.find("sound file") != std::string::npos) {
              a = arrayArgument(input);
              a.keyword = input.name;
            } else {
              a.text = "[" + number(uniform(0.5, 2));
              for (int i = uniformInt(0, 3); i > 0; --i) a.text += ", " + number(uniform(0.5, 2));
              a.text += "]";
            }
            break;
        }
      }
      if (required && positional) a.keyword.clear();
      else positional = false;
      st.arguments.push_back(std::move(a));
    }
    if (hasPlaying(*spec) && chance(0.9)) st.suffixes.push_back(".play()");
    patch_.statements.push_back(std::move(st));
    triggers_.push_back(patch_.statements.back().target);
    if (hasPlaying(*spec)) players_.push_back(triggers_.back());
    if (spec->generator) monoTriggers_.push_back(triggers_.back());
    return triggers_.back();
  }

  // Defines a function of `lines` statements (parameter `parameter` if not empty); its name.
  // `unread`: more parameters after `parameter`, which the body does not read (CtlScan2's and RawMidi's).
  std::string addFunction(const std::string& parameter, int lines, std::string name = "", const std::string& unread = "") {
    if (name.empty()) name = fmt::format("f{}", next_++);
    Handler h;
    if (!parameter.empty()) h.numbers.push_back(parameter);
    for (int i = 0; i < lines; ++i) h.body.push_back(bodyLine(h, true));
    Statement st;
    st.kind = Statement::Kind::Function;
    st.head = fmt::format("def {}({}{}):", name, parameter, unread);
    if (!h.globals.empty()) {
      st.head += "\n    global ";
      for (size_t i = 0; i < h.globals.size(); ++i) st.head += (i ? ", " : "") + h.globals[i];
    }
    st.arguments = std::move(h.body);
    patch_.statements.push_back(std::move(st));
    return name;
  }

  // One statement of a handler; `top`: not inside an `if` or a `for` (which nest no further).
  Argument bodyLine(Handler& h, bool top) {
    // The run-time lists and tables (set() ramps come with the attributes).
    if (chance(0.25)) {
      const double r = uniform(0, 1);
      if (auto a = r < 0.42 ? listLine(h) : r < 0.84 ? tableLine(h, top) : soundLine(h, top)) return *a;
    }
    double r = uniform(0, 1);
    if (r < 0.35 || made_.empty()) {
      if (auto a = attributeLine(h)) return *a;
    }
    if (r < 0.47) return globalLine(h);
    if (r < 0.55 && top) {
      std::string name = fmt::format("x{}", h.locals++);
      std::string line = fmt::format("{} = {}", name, getCall());
      h.numbers.push_back(name);
      return {"", line, {}};
    }
    if (r < 0.65 && top) return ifLine(h);
    if (r < 0.72 && top) return forLine(h);
    if (r < 0.82) {
      std::vector<std::string> players = players_;
      for (const auto& m : made_)
        if (hasPlaying(*m.spec)) players.push_back(m.name);
      if (!players.empty()) {
        std::string player = pick(players);
        return {"", player + (chance(0.7) ? ".play()" : ".stop()"), {}};
      }
    }
    if (r < 0.9 && !timers_.empty()) {
      const std::string timer = pick(timers_);
      return {"", fmt::format("{}.time = {}", timer, positiveTime()), {}};
    }
    if (r < 0.935) {
      std::string line = "print(\"" + fmt::format("p{}", uniformInt(0, 99)) + "\"";
      for (int i = uniformInt(1, 3); i > 0; --i) line += ", " + runTimeNumber(h);
      return {"", line + ")", {}};
    }
    if (r < 0.975) return midiOutLine();
    if (auto a = attributeLine(h)) return *a;
    return globalLine(h);
  }

  // A MIDI message the handler sends (Server.noteout, makenote, ...): whole numbers, so that every variant sends the
  // same bytes; the checker compares the messages and their frames (timestamps and makenote's note-off included).
  Argument midiOutLine() {
    if (!server_) {
      raw("s = Server()");
      server_ = true;
    }
    // Each number drawn in its own statement: the order of a call's arguments is the compiler's (clang and gcc
    // differ), and a seed must give the same patch in every build.
    const int channel = uniformInt(0, 16);
    const int kind = uniformInt(0, 3);
    const int a = kind == 3 ? uniformInt(0, 16383) : uniformInt(kind <= 1 ? 30 : 0, kind <= 1 ? 90 : 127);
    const int b = uniformInt(kind == 0 ? 1 : 0, 127);
    const int c = uniformInt(kind == 0 ? 1 : 0, kind == 0 ? 120 : kind == 1 ? 50 : 30);
    switch (kind) {
      case 0: return {"", fmt::format("s.makenote({}, {}, {}, channel={})", a, b, c, channel), {}};
      case 1: return {"", fmt::format("s.noteout({}, {}, {}, timestamp={})", a, b, channel, c), {}};
      case 2: return {"", fmt::format("s.ctlout({}, {}, timestamp={})", a, b, c), {}};
      default: return {"", fmt::format("s.bendout({}, {})", a, channel), {}};
    }
  }

  std::string getCall() {
    // obj.get() of a one-stream object (a trigger generator given numbers), else the first stream's.
    if (!monoTriggers_.empty() && chance(0.3)) return pick(monoTriggers_) + ".get()";
    return firstStream(signalVariable()) + ".get()";
  }

  std::string global(Handler& h) {
    std::string g;
    if (globals_.empty() || chance(0.3)) {
      g = fmt::format("g{}", globals_.size());
      raw(fmt::format("{} = {}", g, chance(0.6) ? std::to_string(uniformInt(0, 3)) : number(uniform(-1, 1))));
      globals_.push_back(g);
    } else {
      g = pick(globals_);
    }
    if (std::find(h.globals.begin(), h.globals.end(), g) == h.globals.end()) h.globals.push_back(g);
    return g;
  }

  Argument globalLine(Handler& h) {
    std::string g = global(h);
    switch (uniformInt(0, 4)) {
      case 0: return {"", g + " += 1", {}};
      case 1: return {"", fmt::format("{} = ({} + 1) % {}", g, g, uniformInt(2, 5)), {}};
      case 2: return {"", fmt::format("{} = {} * 0.5 + {}", g, g, runTimeNumber(h)), {}};
      case 3: return {"", fmt::format("{} -= {}", g, number(uniform(0, 1))), {}};
      default: return {"", fmt::format("{} = {}", g, runTimeNumber(h)), {}};
    }
  }

  // A number known only while playing, about 0 to 1 (random draws, globals, get()s, the parameter).
  std::string runTimeNumber(Handler& h, int depth = 0) {
    double r = uniform(0, 1);
    if (r < 0.2) {
      double a = uniform(-0.5, 0.5);
      return fmt::format("random.uniform({}, {})", number(a), number(a + uniform(0.1, 1)));
    }
    if (r < 0.32) {
      std::string list = "[" + number(uniform(0, 1));
      for (int i = uniformInt(1, 3); i > 0; --i) list += ", " + number(uniform(0, 1));
      return "random.choice(" + list + "])";
    }
    if (r < 0.42) {
      int hi = uniformInt(1, 6);
      return fmt::format("random.randint(0, {}) * {}", hi, number(1.0 / hi));
    }
    if (r < 0.57 && !globals_.empty()) return fmt::format("({} % 4) * 0.25", pick(globals_));
    if (r < 0.72 && !h.numbers.empty()) {
      std::string x = pick(h.numbers);
      return chance(0.5) ? fmt::format("min(max({}, -1), 1)", x) : fmt::format("{} * {}", x, number(uniform(-1, 1)));
    }
    if (r < 0.87 && depth < 2) {
      std::string a = runTimeNumber(h, depth + 1), b = runTimeNumber(h, depth + 1);
      return fmt::format("({} {} {})", a, pick(std::vector<std::string>{"+", "-", "*"}), b);
    }
    if (r < 0.95 && depth < 2) {
      // if/else as an expression
      std::string then = runTimeNumber(h, depth + 1);
      std::string when = condition(h);
      return fmt::format("({} if {} else {})", then, when, number(uniform(0, 1)));
    }
    return fmt::format("abs({})", runTimeNumber(h, depth + 1));
  }

  std::string condition(Handler& h) {
    switch (uniformInt(0, 3)) {
      case 0:
        if (!globals_.empty()) return fmt::format("{} % 2 == 0", pick(globals_));
        [[fallthrough]];
      case 1: return fmt::format("random.uniform(0, 1) < {}", number(uniform(0.1, 0.9)));
      case 2:
        if (!h.numbers.empty()) {
          std::string x = pick(h.numbers);
          return fmt::format("{} > {}", x, number(uniform(-0.5, 1)));
        }
        [[fallthrough]];
      default: {
        std::string x = getCall();
        return fmt::format("{} > {}", x, number(uniform(-0.5, 0.5)));
      }
    }
  }

  // A Pattern's time: positive (pyo takes no 0), short.
  std::string positiveTime() {
    switch (uniformInt(0, 2)) {
      case 0: return seconds(0.002, 0.04);
      case 1: {
        std::string a = seconds(0.002, 0.04), b = seconds(0.002, 0.04), c = seconds(0.002, 0.04);
        return fmt::format("random.choice([{}, {}, {}])", a, b, c);
      }
      default: return "0.003 + 0.02 * random.uniform(0, 1)";
    }
  }

  Argument ifLine(Handler& h) {
    std::string text = "if " + condition(h) + ":";
    for (int i = uniformInt(1, 2); i > 0; --i) text += indented(bodyLine(h, false).text);
    if (chance(0.7)) {
      text += "\nelse:";
      for (int i = uniformInt(1, 2); i > 0; --i) text += indented(bodyLine(h, false).text);
    }
    return {"", text, {}};
  }

  // A line of a block's body (`if`, `for`): each of its lines indented once more.
  static std::string indented(const std::string& lines) {
    std::string out;
    size_t from = 0;
    while (from <= lines.size()) {
      size_t to = lines.find('\n', from);
      if (to == std::string::npos) to = lines.size();
      out += "\n    " + lines.substr(from, to - from);
      from = to + 1;
    }
    return out;
  }

  Argument forLine(Handler& h) {
    std::string text = fmt::format("for i in range({}):", uniformInt(1, 4));
    h.numbers.push_back("i");
    for (int i = uniformInt(1, 2); i > 0; --i) text += indented(bodyLine(h, false).text);
    h.numbers.pop_back();
    return {"", text, {}};
  }

  // `obj.attr = value`: a number, a list of numbers, a run-time number scaled into the input's neighbourhood, or
  // (Audio and Signal inputs) a signal made before the object, maybe scaled.
  std::optional<Argument> attributeLine(Handler& h) {
    if (made_.empty()) return std::nullopt;
    const Made& m = pick(made_);
    std::vector<const InputSpec*> inputs;
    for (const auto& input : m.spec->inputs)
      if (!input.hidden && (input.kind == InputKind::Audio || input.kind == InputKind::Signal ||
                            (input.kind == InputKind::Constant && input.settable)))
        inputs.push_back(&input);
    std::string name;
    std::optional<float> d;
    bool signal = true;
    // A table writer's mul and add scale what it writes, numbers known when compiling (TableScale).
    bool writer = std::any_of(m.spec->inputs.begin(), m.spec->inputs.end(), [](const InputSpec& i) { return i.writes; });
    if (inputs.empty() && writer) return std::nullopt;
    if (inputs.empty() || (chance(0.2) && !writer)) {
      name = chance(0.7) ? "mul" : "add";
      d = name == "mul" ? 1.0f : 0.0f;
    } else {
      const InputSpec* input = pick(inputs);
      name = input->name;
      d = input->defaultValue;
      signal = input->kind != InputKind::Constant;
    }
    std::string value;
    std::vector<std::string> simpler = {number(d ? *d : 0.0)};
    double r = uniform(0, 1);
    if (r < 0.25) {
      value = numberNear(d, false);
    } else if (r < 0.4) {
      std::string first = numberNear(d, false);
      value = "[" + first + ", " + numberNear(d, false) + "]";
    } else if (r < 0.8 || !signal || m.signal == 0) {
      double base = d ? *d : 1.0;
      std::string scale = number(base != 0 ? base * uniform(0.1, 1) : uniform(0.1, 1));
      std::string x = runTimeNumber(h);
      value = fmt::format("{} * {} + {}", x, scale, number(base));
      if (chance(0.2)) value = fmt::format("[{}, {}]", value, numberNear(d, false));
    } else {
      std::string v = signals_[static_cast<size_t>(uniformInt(0, static_cast<int>(m.signal) - 1))];
      value = chance(0.5) ? v : fmt::format("{} * {} + {}", v, number(uniform(0.05, 1) * (d && *d != 0 ? *d : 1)), number(d ? *d : 0));
    }
    std::vector<std::string> simplerLines;
    for (const auto& s : simpler) simplerLines.push_back(fmt::format("{}.{} = {}", m.name, name, s));
    const std::string assignment = fmt::format("{}.{} = {}", m.name, name, value);
    // pyo's set(attr, value, port): a ramp of `port` seconds to the numbers (a SigTo in patchc), on a signal
    // input or mul/add given numbers.
    const bool numbers = r < 0.8 || !signal || m.signal == 0;
    if (signal && numbers && chance(0.3)) {
      std::string port = seconds(0.005, 0.05);
      std::string line = chance(0.6) ? fmt::format("{}.set(\"{}\", {}, {})", m.name, name, value, port)
                                     : fmt::format("{}.set(\"{}\", {}, port={})", m.name, name, value, port);
      simplerLines.insert(simplerLines.begin(), assignment);
      return Argument{"", line, simplerLines};
    }
    return Argument{"", assignment, simplerLines};
  }

  // ---- run-time lists and tables (tests/fuzz/README.md, "Callbacks") ----
  // `obj.list = [(t, v), ...]` and `obj.choice = [...]` on the objects whose Array input pyo lets a script change
  // (InputSpec::settable: Linseg, Expseg, TrigLinseg, TrigExpseg, Choice, TrigChoice), and `t.replace(points)`,
  // `t.slope = x` on the tables whose kind can be recomputed while playing (TableSpec::refill), found in the
  // registry, never by name.

  static bool settableList(const InputSpec& input) {
    return input.kind == InputKind::Array && input.settable && !input.table && !input.tableList && !input.hidden;
  }
  // A list of (time, value) pairs, or of numbers: told apart by what the input documents.
  static bool pairs(const InputSpec& input) {
    return input.doc.find("(time, value)") != std::string::npos || input.doc.find("breakpoints") != std::string::npos;
  }

  // An object with a settable list, made for the callbacks (after the graph, so the graph stays the seed's),
  // sometimes played and heard.
  bool addListObject() {
    std::vector<const ObjectSpec*> kinds;
    for (const auto* spec : objects_)
      if (std::any_of(spec->inputs.begin(), spec->inputs.end(), settableList)) kinds.push_back(spec);
    if (kinds.empty()) return false;
    const ObjectSpec* spec = pick(kinds);
    std::vector<TableGiven> tables;
    Statement st = objectCall(*spec, fresh(), {}, tables);
    if (hasPlaying(*spec) && chance(0.5)) st.suffixes.push_back(".play()");
    if (chance(0.6)) st.suffixes.push_back(chance(0.5) ? ".out()" : fmt::format(".out({})", uniformInt(0, 3)));
    patch_.statements.push_back(std::move(st));
    signals_.push_back(patch_.statements.back().target);
    made_.push_back({signals_.back(), spec, signals_.size() - 1, std::move(tables)});
    return true;
  }

  // A value of a run-time list: a number, or a number known only while playing.
  std::string listValue(Handler& h, double lo, double hi) {
    if (chance(0.45)) return number(uniform(lo, hi));
    return runTimeNumber(h);
  }

  std::optional<Argument> listLine(Handler& h) {
    struct Target {
      std::string name;
      const ObjectSpec* spec;
      const InputSpec* input;
    };
    auto targets = [&] {
      std::vector<Target> out;
      for (const auto& m : made_)
        for (const auto& input : m.spec->inputs)
          if (settableList(input)) out.push_back({m.name, m.spec, &input});
      return out;
    };
    std::vector<Target> lists = targets();
    if (lists.empty() || chance(0.15)) {
      if (!addListObject()) return std::nullopt;
      lists = {targets().back()};
    }
    const Target t = pick(lists);
    const int count = uniformInt(1, 6);
    std::string text = "[", first;
    double time = chance(0.8) ? 0.0 : uniform(0, 0.02);
    for (int i = 0; i < count; ++i) {
      std::string item;
      if (pairs(*t.input)) {
        item = fmt::format("({}, {})", number(time), listValue(h, -1, 1));
        time += uniform(0.002, 0.06);  // in order: number() keeps 4 digits, far finer than the steps
      } else {
        item = listValue(h, -1, 1);
      }
      if (i == 0) first = item;
      text += (i ? ", " : "") + item;
    }
    text += "]";
    std::string line = fmt::format("{}.{} = {}", t.name, t.input->name, text);
    std::vector<std::string> simpler = {fmt::format("{}.{} = [{}]", t.name, t.input->name, first)};
    // 06-table-stutter's shape: a new envelope, then play() restarts it.
    if (hasPlaying(*t.spec) && chance(0.5)) {
      line += "\n" + t.name + ".play()";
      simpler.push_back(fmt::format("{}.{} = {}", t.name, t.input->name, text));
    }
    return Argument{"", line, simpler};
  }

  struct TableHandle {
    std::string expression;  // what a handler names it by: `t3`, or `v4.table` (the table given to v4)
    const TableSpec* spec;
    long size;
  };

  // The table a text such as `LinTable([(0, 0), (100, 1)], 512)` makes, if its kind can be recomputed while
  // playing: its kind and size (the `size` argument, by position or keyword, else the kind's default).
  static std::optional<TableHandle> refillable(const std::string& expression, const std::string& text) {
    const size_t open = text.find('(');
    if (open == std::string::npos || text.empty() || text.back() != ')') return std::nullopt;
    const TableSpec* spec = Registry::builtin().findTable(text.substr(0, open));
    if (!spec || !spec->refill) return std::nullopt;
    // The call's top-level arguments.
    std::vector<std::string> arguments;
    int depth = 0;
    std::string current;
    for (size_t i = open + 1; i + 1 < text.size(); ++i) {
      const char c = text[i];
      if (c == '(' || c == '[') ++depth;
      if (c == ')' || c == ']') --depth;
      if (c == ',' && depth == 0) {
        arguments.push_back(current);
        current.clear();
      } else if (c != ' ' || !current.empty()) {
        current += c;
      }
    }
    if (!current.empty()) arguments.push_back(current);
    const int sizeIndex = spec->parameterIndex("size");
    if (sizeIndex < 0) return std::nullopt;
    double size = spec->parameters[size_t(sizeIndex)].number;
    for (size_t i = 0; i < arguments.size(); ++i) {
      const std::string& a = arguments[i];
      if (a.rfind("size=", 0) == 0) size = std::atof(a.c_str() + 5);
      else if (i == size_t(sizeIndex) && a.find('=') == std::string::npos) size = std::atof(a.c_str());
    }
    if (size < 2) return std::nullopt;
    return TableHandle{expression, spec, static_cast<long>(size)};
  }

  // The tables a handler may recompute: the graph's (given to its objects as `Kind(...)`), and the ones made for
  // the callbacks.
  std::vector<TableHandle> refillableTables() const {
    std::vector<TableHandle> out;
    for (const auto& m : made_)
      for (const auto& t : m.tables)
        if (auto handle = refillable(m.name + "." + t.input, t.text)) out.push_back(*handle);
    out.insert(out.end(), callbackTables_.begin(), callbackTables_.end());
    return out;
  }

  // (index, value) points inside a table of `size`: indexes increasing, the first 0 mostly, the last size - 1
  // often.
  std::vector<long> pointIndexes(long size) {
    const int count = static_cast<int>(std::min<long>(uniformInt(2, 6), size));
    std::set<long> indexes;
    if (chance(0.8)) indexes.insert(0);
    if (chance(0.6)) indexes.insert(size - 1);
    while (static_cast<int>(indexes.size()) < count) indexes.insert(uniformInt(0, static_cast<int>(size) - 1));
    return {indexes.begin(), indexes.end()};
  }

  // A table of a kind that can be recomputed, made for the callbacks with a reader of it (Osc, Lookup, ...: the
  // registry's objects with a table input), heard most of the time; its variable.
  std::optional<TableHandle> addRefillableTable() {
    std::vector<const TableSpec*> kinds;
    for (const auto& spec : Registry::builtin().tables())
      if (spec.refill && spec.parameterIndex("size") >= 0 &&
          std::none_of(spec.parameters.begin(), spec.parameters.end(),
                       [](const TableParameter& p) { return p.kind == TableParameterKind::Path; }))
        kinds.push_back(&spec);
    if (kinds.empty() || tableReaders().empty()) return std::nullopt;
    const TableSpec& kind = *pick(kinds);
    const long size = pick(std::vector<long>{64, 256, 512, 2048});
    std::string text = kind.name + "(";
    bool firstArgument = true;
    for (const auto& p : kind.parameters) {
      std::string value;
      switch (p.kind) {
        case TableParameterKind::Number:
          if (p.name == "size") value = std::to_string(size);
          else if (chance(0.3)) continue;
          else value = number(p.number == 0 ? uniform(0, 1) : p.number * uniform(0.2, 1.8));
          break;
        case TableParameterKind::Points: {
          value = "[";
          bool firstPoint = true;
          for (long i : pointIndexes(size)) {
            value += fmt::format("{}({}, {})", firstPoint ? "" : ", ", i, number(uniform(-1, 1)));
            firstPoint = false;
          }
          value += "]";
          break;
        }
        case TableParameterKind::Numbers: {
          value = "[" + number(uniform(-1, 1));
          for (int i = uniformInt(0, 4); i > 0; --i) value += ", " + number(uniform(-1, 1));
          value += "]";
          break;
        }
        case TableParameterKind::Path: return std::nullopt;
      }
      text += (firstArgument ? "" : ", ") + (firstArgument ? "" : p.name + "=") + value;
      firstArgument = false;
    }
    text += ")";
    const std::string name = fmt::format("t{}", next_++);
    raw(name + " = " + text);
    addReaderOf(name);
    callbackTables_.push_back({name, &kind, size});
    return callbackTables_.back();
  }

  // Objects that read a table and write none (a writer's mul and add must be numbers, and the graph has writers
  // enough).
  std::vector<const ObjectSpec*> tableReaders() const {
    std::vector<const ObjectSpec*> readers;
    for (const auto* spec : objects_)
      if (std::any_of(spec->inputs.begin(), spec->inputs.end(),
                      [](const InputSpec& i) { return i.kind == InputKind::Array && i.table && !i.tableList && !i.hidden; }) &&
          std::none_of(spec->inputs.begin(), spec->inputs.end(), [](const InputSpec& i) { return i.writes; }))
        readers.push_back(spec);
    return readers;
  }

  // A reader of the table variable `table`, heard most of the time.
  void addReaderOf(const std::string& table) {
    const ObjectSpec* reader = pick(tableReaders());
    std::string input;
    for (const auto& i : reader->inputs)
      if (i.kind == InputKind::Array && i.table && !i.writes && !i.tableList && !i.hidden) {
        input = i.name;
        break;
      }
    std::vector<TableGiven> tables;
    Statement st = objectCall(*reader, fresh(), {input, table}, tables);
    if (chance(0.8)) st.suffixes.push_back(chance(0.5) ? ".out()" : fmt::format(".out({})", uniformInt(0, 3)));
    patch_.statements.push_back(std::move(st));
    signals_.push_back(patch_.statements.back().target);
    made_.push_back({signals_.back(), reader, signals_.size() - 1, std::move(tables)});
  }

  // ---- run-time sounds ----
  // `snd.setSound(path, start, stop)` on a SndTable made for the callbacks (with a reader), and at a handler's top
  // level sometimes a growth after it: `snd.insert(path, pos, crossfade, start, stop)` or
  // `snd.append(path, crossfade, start, stop)` (growth without a reload in the same call has no bound: a compile
  // error, not a patch to fuzz). Times in seconds of the 3 s test sound, numbers or known only while playing.
  std::string seconds(Handler& h, double lo, double hi) {
    if (chance(0.5)) return number(uniform(lo, hi));
    return fmt::format("{} + min(max({}, 0), 1) * {}", number(lo), runTimeNumber(h), number(hi - lo));
  }

  std::optional<Argument> soundLine(Handler& h, bool top) {
    if (sounds_.empty() || chance(0.15)) {
      if (tableReaders().empty()) return std::nullopt;
      const std::string name = fmt::format("snd{}", next_++);
      std::string span;
      if (chance(0.5)) {
        const double start = uniform(0, 1), stop = uniform(1.2, 3);
        span = fmt::format(", start={}, stop={}", number(start), number(stop));
      }
      raw(fmt::format("{} = SndTable({}{})", name, kSound, span));
      addReaderOf(name);
      sounds_.push_back(name);
    }
    const std::string snd = pick(sounds_);
    const std::string start = seconds(h, 0, 1.5);
    std::string line = fmt::format("{}.setSound({}, {}, {})", snd, kSound, start, seconds(h, 1.5, 3));
    const std::string simplest = fmt::format("{}.setSound({})", snd, kSound);
    if (top && chance(0.5)) {
      const std::string crossfade = number(uniform(0, 0.05));
      const std::string from = seconds(h, 0, 1), to = seconds(h, 1, 3);
      if (chance(0.5))
        line += fmt::format("\n{}.insert({}, {}, {}, {}, {})", snd, kSound, seconds(h, -0.2, 1.2), crossfade, from, to);
      else
        line += fmt::format("\n{}.append({}, {}, {}, {})", snd, kSound, crossfade, from, to);
    }
    return Argument{"", line, {simplest}};
  }
  static constexpr const char* kSound = "SNDS_PATH + \"/transparent.aif\"";

  // `t.replace(points)` (the list built in the line, or in a local list with append(), 07-moving-points' way) or
  // `t.slope = x`: whatever the table's kind can recompute (refillPosition), to numbers of the handler's.
  std::optional<Argument> tableLine(Handler& h, bool top) {
    std::vector<TableHandle> tables = refillableTables();
    if (tables.empty() || chance(0.15)) {
      if (auto t = addRefillableTable()) tables = {*t};
      else if (tables.empty()) return std::nullopt;
    }
    const TableHandle t = pick(tables);
    std::vector<const TableParameter*> changeable;
    for (const auto& p : t.spec->parameters)
      if (refillPosition(*t.spec, p.name) >= 0) changeable.push_back(&p);
    if (changeable.empty()) return std::nullopt;
    const TableParameter& p = *pick(changeable);
    if (p.kind == TableParameterKind::Number) {
      // Near the default, in pyo's range for a slope-like parameter (0 to twice the default) when clamped.
      const double d = p.number == 0 ? 0.5 : p.number;
      std::string value;
      if (chance(0.4)) {
        value = number(d * uniform(0.2, 1.8));
      } else {
        const double offset = d * uniform(0, 0.5);
        const std::string factor = runTimeNumber(h);
        const double scale = d * uniform(0.2, 1);
        value = fmt::format("{} + {} * {}", number(offset), factor, number(scale));
        if (chance(0.7)) value = fmt::format("min(max({}, 0), {})", value, number(2 * d * 0.95));
      }
      return Argument{"", fmt::format("{}.{} = {}", t.expression, p.name, value),
                      {fmt::format("{}.{} = {}", t.expression, p.name, number(d))}};
    }
    std::vector<std::string> items;
    if (p.kind == TableParameterKind::Points) {
      for (long i : pointIndexes(t.size)) items.push_back(fmt::format("({}, {})", i, listValue(h, -1, 1)));
    } else {
      for (int i = uniformInt(1, 5); i > 0; --i) items.push_back(listValue(h, -1, 1));
    }
    std::string simplest = fmt::format("{}.replace([{}])", t.expression, items.front() + (items.size() > 1 ? ", " + items.back() : ""));
    if (top && items.size() > 1 && chance(0.4)) {
      // A local list grown with append(), sometimes in a loop (unrolled when compiling: its length is known).
      const std::string lst = fmt::format("lst{}", h.locals++);
      std::string text = fmt::format("{} = [{}]", lst, items.front());
      for (size_t i = 1; i < items.size(); ++i) text += fmt::format("\n{}.append({})", lst, items[i]);
      if (p.kind == TableParameterKind::Points && chance(0.4)) {
        // Evenly spaced points between the first and the last, from a loop.
        const long from = pointIndexes(t.size).front();
        const int steps = uniformInt(1, 4);
        const long span = (t.size - 1 - from) / (steps + 1);
        if (span >= 1) {
          text = fmt::format("{} = [({}, {})]", lst, from, listValue(h, -1, 1));
          h.numbers.push_back("j");
          text += fmt::format("\nfor j in range({}):\n    {}.append(({} + (j + 1) * {}, {}))", steps, lst, from, span,
                              listValue(h, -1, 1));
          h.numbers.pop_back();
          text += fmt::format("\n{}.append(({}, {}))", lst, t.size - 1, listValue(h, -1, 1));
        }
      }
      text += fmt::format("\n{}.replace({})", t.expression, lst);
      return Argument{"", text, {simplest}};
    }
    std::string text = fmt::format("{}.replace([", t.expression);
    for (size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
    return Argument{"", text + "])", {simplest}};
  }

  // The first stream of a variable (a stream, obj[i], is not indexed again).
  std::string firstStream(const std::string& v) const { return streams_.count(v) ? v : v + "[0]"; }

  std::set<std::string> streams_;  // variables that hold one stream (obj[i])
  std::vector<const ObjectSpec*> triggerSources_;
  std::vector<Made> made_;
  std::vector<TableHandle> callbackTables_;  // tables made for the callbacks
  std::vector<std::string> sounds_;           // SndTables made for the callbacks
  std::vector<std::string> triggers_, monoTriggers_, counters_, players_, timers_, globals_;
};

}  // namespace

Patch generatePatch(uint64_t seed, const GeneratorOptions& options) { return Generator(seed, options).run(); }

}  // namespace patchc::fuzz
