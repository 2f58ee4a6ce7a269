#include "tests/fuzz/PatchGenerator.h"

#include "stdlib/Registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace patchc::fuzz {

std::string Statement::text() const {
  std::string s = target.empty() ? "" : target + " = ";
  switch (kind) {
    case Kind::Raw:
      return head;
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
      if (st.kind == Statement::Kind::Call && !st.arguments[a].keyword.empty()) {
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
  Generator(uint64_t seed, const GeneratorOptions& options) : rng_(seed), options_(options) {
    for (const auto& spec : Registry::builtin().all())
      if (!spec.internal) objects_.push_back(&spec);
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
    return std::move(patch_);
  }

 private:
  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  int uniformInt(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
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
        std::string make = chance(0.5) ? fmt::format("NewTable(length={}, feedback={})", number(uniform(0.001, 0.05)),
                                                     number(chance(0.5) ? 0 : uniform(0, 1)))
                                       : fmt::format("DataTable({}, init=[{}, {}, {}])", uniformInt(3, 700),
                                                     number(uniform(-1, 1)), number(uniform(-1, 1)), number(uniform(-1, 1)));
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
    Statement st;
    st.kind = Statement::Kind::Call;
    st.target = fresh();
    st.head = spec->name;
    bool positional = true;
    for (const auto& input : spec->inputs) {
      if (input.hidden) continue;
      bool required = !input.defaultValue.has_value();
      if (!required && chance(0.45)) {
        positional = false;
        continue;
      }
      Argument a;
      switch (input.kind) {
        case InputKind::Audio: a = audioArgument(input.name); break;
        case InputKind::Signal: a = signalArgument(input.name, input.defaultValue); break;
        case InputKind::Constant:
          // A value patchc refuses (ValidRange::refused) is its default.
          a = {input.name, input.valid && input.valid->refused && input.defaultValue ? number(*input.defaultValue)
                                                                                      : constantNear(input.defaultValue),
               {}};
          break;
        case InputKind::Array: a = arrayArgument(input); a.keyword = input.name; break;
      }
      // Required inputs go by position while every earlier input is given, so the shrinker never drops them.
      if (required && positional) a.keyword.clear();
      else positional = false;
      st.arguments.push_back(std::move(a));
    }
    if (chance(0.4)) st.arguments.push_back(signalArgument("mul", 1.0f));
    if (chance(0.15)) st.arguments.push_back(signalArgument("add", 0.0f));
    addSuffixes(st);
    patch_.statements.push_back(std::move(st));
    signals_.push_back(patch_.statements.back().target);
  }

  void addSuffixes(Statement& st) {
    if (chance(0.12)) st.suffixes.push_back(fmt::format(".range({}, {})", number(uniform(-2, 2)), number(uniform(-2, 500))));
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
  }

  void addStop() {
    patch_.statements.push_back({Statement::Kind::Raw, "", signalVariable() + ".stop()", {}, {}});
  }

  void addMulAssignment() {
    patch_.statements.push_back(
        {Statement::Kind::Raw, "", fmt::format("{}.mul = {}", signalVariable(), number(uniform(-2, 2))), {}, {}});
  }

  std::mt19937_64 rng_;
  GeneratorOptions options_;
  std::vector<const ObjectSpec*> objects_;
  std::vector<std::string> signals_;
  std::vector<std::string> sharedTables_;  // table variables several objects are given
  Patch patch_;
  int next_ = 0;
  int outs_ = 0;
};

}  // namespace

Patch generatePatch(uint64_t seed, const GeneratorOptions& options) { return Generator(seed, options).run(); }

}  // namespace patchc::fuzz
