// Random valid patches for the differential fuzzer (tests/fuzz/README.md). The generator knows no object by
// name: it walks the registry (stdlib/Registry.h) and fills each input by its InputKind and default, so an object
// registered later joins the fuzzing with no list to edit. A patch is kept as statements whose parts the shrinker
// can delete or simplify one at a time.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace patchc::fuzz {

// One argument of a call (or the expression of an assignment): its text and simpler texts the shrinker may try
// instead (a list's first item, an operand of an expression, a plain number).
struct Argument {
  std::string keyword;  // empty: positional
  std::string text;
  std::vector<std::string> simpler;
};

struct Statement {
  enum class Kind {
    Call,        // target = head(arguments)suffixes
    Expression,  // target = (arguments[0])suffixes
    Raw,         // head as it is: `a.out(1)`, `a.stop()`, `a.mul = 0.5`
    Function,    // head (`def f(k):`, its `global` line) then arguments as the body's lines, each indented
  };
  Kind kind = Kind::Raw;
  std::string target;
  std::string head;
  std::vector<Argument> arguments;
  std::vector<std::string> suffixes;  // `.mix(2)`, `.range(10, 20)`, `.out(1)`
  std::string text() const;
};

struct Patch {
  std::vector<Statement> statements;
  std::string text() const;
  // The patches one simplification away (a statement, an argument or a suffix less, or an argument simpler),
  // the biggest simplifications first.
  std::vector<Patch> simplifications() const;
};

struct GeneratorOptions {
  int minStatements = 3;
  int maxStatements = 12;
  // The fraction of patches that also carry callbacks (Pattern, CallAfter, TrigFunc, Score, Print), appended after
  // the graph. Whether a patch has them and what they are is drawn from a random stream of its own, so a seed's
  // graph is the same whatever this is, and 0 gives exactly the patches of the generator before callbacks.
  double callbacks = 0.3;
  // Every kind of callback once, whatever `callbacks` is (the generator's test; `patchc-difffuzz --callbacks all`).
  bool everyCallbackKind = false;
};

// A random patch; the same seed gives the same patch.
Patch generatePatch(uint64_t seed, const GeneratorOptions& options = {});

}  // namespace patchc::fuzz
