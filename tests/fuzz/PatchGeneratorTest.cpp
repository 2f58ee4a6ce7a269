// The generator's own tests: a seed gives the same patch every time; the callbacks (GeneratorOptions::callbacks)
// come after the graph and leave it as the generator made it before it had them, so earlier reproducers stay
// reproducible; every kind of callback is generated, and what is generated compiles.
#include "tests/fuzz/DifferentialChecker.h"
#include "tests/fuzz/PatchGenerator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace patchc::fuzz {
namespace {

GeneratorOptions withoutCallbacks() {
  GeneratorOptions o;
  o.callbacks = 0;
  return o;
}

GeneratorOptions everyKind() {
  GeneratorOptions o;
  o.everyCallbackKind = true;
  return o;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(PatchGenerator, ASeedGivesTheSamePatch) {
  EXPECT_EQ(generatePatch(7).text(), generatePatch(7).text());
  EXPECT_EQ(generatePatch(7, everyKind()).text(), generatePatch(7, everyKind()).text());
  EXPECT_NE(generatePatch(7).text(), generatePatch(8).text());
}

// (A seed's graph was pinned here as text: any change to a declaration the generator reads, such as Particle's
// chnls becoming an output count, changed it. What earlier reproducers need is that the callbacks leave the graph
// as the same generator makes it without them: the test below.)
TEST(PatchGenerator, CallbacksComeAfterTheGraphOfTheSeed) {
  int withCallbacks = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    std::string graph = generatePatch(seed, withoutCallbacks()).text();
    std::string full = generatePatch(seed).text();
    EXPECT_EQ(full.substr(0, graph.size()), graph) << "seed " << seed;
    if (full.size() > graph.size()) ++withCallbacks;
  }
  // The default fraction is 0.3: 18 of 60 expected.
  EXPECT_GT(withCallbacks, 8);
  EXPECT_LT(withCallbacks, 30);
}

TEST(PatchGenerator, ASeedMakesEveryKindOfCallbackAndItCompiles) {
  const std::string text = generatePatch(1, everyKind()).text();
  for (const char* kind : {"Pattern(", "CallAfter(", "TrigFunc(", "Score(", "Print(", "def "})
    EXPECT_TRUE(contains(text, kind)) << kind << " is not in\n" << text;
  auto result = DifferentialChecker().check(text, {variantNamed("-O2")});
  EXPECT_NE(result.status, CheckResult::Status::Rejected) << result.message << text;
}

TEST(PatchGenerator, HandlersUseWhatTheHandlerCompilerTakesAndCompile) {
  // Over a few seeds: each construct of the handlers appears, and every patch whose graph compiles compiles with its
  // callbacks (the graph's own arguments are sometimes out of what the language takes, as without callbacks).
  // Compiled to the optimizer's input only (no variant): elaboration is where the handler compiler refuses.
  const std::vector<std::string> constructs = {
      "global ", "if ", "else:", "for i in range(", "random.uniform(", "random.choice(", "random.randint(",
      ".get()", ".play()", ".stop()", ".time = ", "print(", "method=0", "method=1", "arg=", "Counter(", "fname=",
      // Session 7's run-time lists, tables and ramps.
      ".list = [", ".choice = [", ".replace([", ".append((", "for j in range(", ".slope = ", ".table.replace(",
      ".set(\"", "port=",
      // Session 9's sounds reloaded and grown while playing.
      ".setSound(SNDS_PATH", ".insert(SNDS_PATH", ".append(SNDS_PATH",
      // Session 11's MIDI out.
      "s.makenote(", "s.noteout(", "s.ctlout(", "s.bendout("};
  std::vector<int> seen(constructs.size(), 0);
  int compiled = 0, rejected = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const std::string text = generatePatch(seed, everyKind()).text();
    for (size_t i = 0; i < constructs.size(); ++i) seen[i] += contains(text, constructs[i]);
    if (DifferentialChecker().check(generatePatch(seed, withoutCallbacks()).text(), {}).status ==
        CheckResult::Status::Rejected)
      continue;
    auto result = DifferentialChecker().check(text, {});
    ++compiled;
    if (result.status == CheckResult::Status::Rejected) {
      ++rejected;
      std::cout << "seed " << seed << " is rejected with its callbacks: " << result.message;
    }
  }
  for (size_t i = 0; i < constructs.size(); ++i) EXPECT_GT(seen[i], 0) << constructs[i];
  EXPECT_GE(compiled, 30);
  // A handler that gives an attribute a signal can order a table's writer after a reader, which patchc refuses
  // (seed 24: "this TableMorph writes the table that Particle2 ... reads"): rare, counted as rejected.
  EXPECT_LE(rejected, 2);
}

// The first numbers of the pairs of a list literal starting at `text[at]` ('['): `[(0, a), (0.5, b)]` gives 0, 0.5.
std::vector<double> firstOfPairs(const std::string& text, size_t at) {
  std::vector<double> firsts;
  int depth = 0;
  for (size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(' || c == '[') {
      ++depth;
      if (c == '(' && depth == 2) firsts.push_back(std::strtod(text.c_str() + i + 1, nullptr));
    }
    if ((c == ')' || c == ']') && --depth == 0) break;
  }
  return firsts;
}

// What patchc cannot check when compiling, the generator must get right: the times of a list a handler gives an
// envelope and the indexes of the points it gives a table are in order (the compiler takes any numbers there).
TEST(PatchGenerator, RunTimeListsAndPointsAreInOrder) {
  int lists = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    std::istringstream lines(generatePatch(seed, everyKind()).text());
    std::string line;
    while (std::getline(lines, line)) {
      for (const char* what : {".list = [", ".replace(["}) {
        const size_t at = line.find(what);
        if (at == std::string::npos) continue;
        const std::vector<double> firsts = firstOfPairs(line, line.find('[', at));
        for (size_t i = 1; i < firsts.size(); ++i) EXPECT_LT(firsts[i - 1], firsts[i]) << "seed " << seed << ": " << line;
        if (!firsts.empty()) {
          EXPECT_GE(firsts[0], 0) << "seed " << seed << ": " << line;
        }
        ++lists;
      }
    }
  }
  EXPECT_GT(lists, 10);
}

}  // namespace
}  // namespace patchc::fuzz
