// patchc-difffuzz: the differential fuzzer's driver (tests/fuzz/README.md).
//   patchc-difffuzz --seed 1 --count 300            random patches from seeds 1..300, every variant
//   patchc-difffuzz --minutes 90 --out DIR          for a time; each difference shrunk and written to DIR
//   patchc-difffuzz --check FILE|DIR...             the given patches (the committed regressions)
// Exit status 1 when a difference was found.
#include "tests/fuzz/DifferentialChecker.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;
using namespace patchc::fuzz;

namespace {

struct Options {
  uint64_t seed = 1;
  int64_t count = 100;
  double minutes = 0;  // when > 0: run until then (count is ignored)
  std::string out;     // reproducers go here
  bool shrinkDifferences = true;
  bool verbose = false;
  bool print = false;  // each patch's text before it is checked
  bool onlyCallbacks = false;  // --callbacks only: the seeds whose patch carries callbacks (at the default fraction)
  std::vector<std::string> variants;  // only these (default: all)
  std::vector<std::string> check;     // files or folders of patches to check instead of generating
  CheckerOptions checker;
  GeneratorOptions generator;
};

[[noreturn]] void usage(int status) {
  std::fputs(
      "usage: patchc-difffuzz [--seed N] [--count N | --minutes M] [--out DIR] [--variant NAME]... [--frames N]\n"
      "                       [--callbacks FRACTION|all|only] [--no-shrink] [--verbose] [--print]\n"
      "                       [--check FILE|DIR]...\n"
      "Renders random valid patches at -O0 and through every pass alone and every pipeline, and reports each\n"
      "difference beyond float rounding (in the samples, or in what Print and print() report) with a shrunk\n"
      "reproducer. --check runs given patches instead.\n"
      "  --seed N          the first seed (default 1); each seed gives one patch, the same one every time\n"
      "  --count N         patches to check (default 100)\n"
      "  --minutes M       check patches for M minutes instead\n"
      "  --out DIR         write each shrunk reproducer to DIR\n"
      "  --variant NAME    check only this pass or pipeline (gain-fold, -O2, ...); repeatable\n"
      "  --frames N        samples rendered per channel (default 8192)\n"
      "  --callbacks F     the fraction of patches that also carry callbacks (Pattern, CallAfter, TrigFunc,\n"
      "                    Score, Print, with handlers that set attributes, ramp them with set(), give\n"
      "                    envelopes and Choice new lists, recompute tables (replace(), slope), reload and\n"
      "                    grow sounds (setSound(), insert(), append()), play()/stop(), read get(), print);\n"
      "                    default 0.3. They are drawn from a stream of their own after the graph: a seed's\n"
      "                    graph is the same for any F, and 0 gives the patches of the fuzzer before callbacks.\n"
      "                    'only' skips the patches without callbacks; 'all' gives every patch one of each kind\n"
      "  --no-shrink       report differences without shrinking them\n"
      "  --verbose         say what happened to each patch\n"
      "  --print           print each patch before checking it\n",
      status == 0 ? stdout : stderr);
  std::exit(status);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "patchc-difffuzz: error: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    try {
      if (a == "--seed") o.seed = std::stoull(value());
      else if (a == "--count") o.count = std::stoll(value());
      else if (a == "--minutes") o.minutes = std::stod(value());
      else if (a == "--out") o.out = value();
      else if (a == "--variant") o.variants.push_back(value());
      else if (a == "--frames") o.checker.frames = std::stoll(value());
      else if (a == "--check") o.check.push_back(value());
      else if (a == "--callbacks") {
        std::string v = value();
        if (v == "all") o.generator.everyCallbackKind = true;
        else if (v == "only") o.onlyCallbacks = true;
        else o.generator.callbacks = std::stod(v);
        if (o.generator.callbacks < 0 || o.generator.callbacks > 1) throw std::invalid_argument(v);
      }
      else if (a == "--no-shrink") o.shrinkDifferences = false;
      else if (a == "--verbose") o.verbose = true;
      else if (a == "--print") o.print = true;
      else if (a == "--help" || a == "-h") usage(0);
      else {
        std::fprintf(stderr, "patchc-difffuzz: error: unknown option %s\n", a.c_str());
        usage(2);
      }
    } catch (const std::logic_error&) {
      std::fprintf(stderr, "patchc-difffuzz: error: bad value for %s\n", a.c_str());
      std::exit(2);
    }
  }
  return o;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The patch of a file as one statement per line (comments dropped), so that it can be shrunk like a generated one.
Patch patchOfText(const std::string& text) {
  Patch p;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') p.statements.push_back({Statement::Kind::Raw, "", line, {}, {}});
  return p;
}

bool hasCallbacks(const Patch& patch) {
  for (const auto& st : patch.statements)
    if (st.kind == Statement::Kind::Function || st.head.rfind("def ", 0) == 0) return true;  // generated, or read
  return false;
}

struct Totals {
  int64_t patches = 0, callbacks = 0, rejected = 0, unstable = 0, illConditioned = 0, rendered = 0, different = 0;
};

// Checks one patch; on a difference prints it, shrinks it per variant and writes the reproducer to --out.
bool checkOne(const Options& o, const DifferentialChecker& checker, const std::vector<Variant>& variants,
              const Patch& patch, const std::string& label, Totals& totals) {
  std::string text = patch.text();
  if (o.print) std::cout << "# " << label << "\n" << text << std::flush;
  auto result = checker.check(text, variants);
  ++totals.patches;
  if (hasCallbacks(patch)) ++totals.callbacks;
  totals.rendered += result.variantsRendered;
  if (result.status == CheckResult::Status::Rejected) {
    ++totals.rejected;
    if (o.verbose) std::cout << label << ": rejected: " << result.message;
    return true;
  }
  if (result.status == CheckResult::Status::Unstable) {
    ++totals.unstable;
    if (o.verbose) std::cout << label << ": unstable: " << result.message << "\n";
    return true;
  }
  if (result.status == CheckResult::Status::IllConditioned) {
    ++totals.illConditioned;
    if (o.verbose) std::cout << label << ": ill-conditioned: " << result.message << "\n";
    return true;
  }
  if (result.status == CheckResult::Status::Equal) return true;
  ++totals.different;
  const bool crashed = result.differences.size() == 1 && result.differences[0].variant == kAsWritten;
  std::cout << "== " << label << (crashed ? ": the compiler fails on the patch as written\n" : ": the optimizer changed the sound\n")
            << text;
  for (const auto& d : result.differences) std::cout << "  " << d.describe() << "\n";
  if (result.sensitivity > 0)
    std::cout << fmt::format("  (rounding-sized dither of every signal moves the reference by {:.3g})\n",
                             result.sensitivity);
  if (!o.shrinkDifferences) return false;
  for (const auto& d : result.differences) {
    // A crash compiling the patch as written: checked with no variant (the -O0 compile is always made).
    std::vector<Variant> one;
    if (d.variant != kAsWritten) one.push_back(variantNamed(d.variant));
    // The same kind of failure: samples, reports or a compile.
    auto kind = [](const Difference& x) { return x.report ? 2 : x.channel < 0 ? 1 : 0; };
    Patch small = shrink(patch, [&](const Patch& candidate) {
      auto r = checker.check(candidate.text(), one);
      if (r.status != CheckResult::Status::Different) return false;
      return kind(r.differences.front()) == kind(d);
    });
    auto again = checker.check(small.text(), one);
    std::string description = again.differences.empty() ? d.describe() : again.differences.front().describe();
    std::cout << "-- shrunk for " << d.variant << ":\n" << small.text() << "  " << description << "\n";
    if (!o.out.empty()) {
      fs::create_directories(o.out);
      std::string name = label + "-" + d.variant;
      for (auto& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-') ch = '_';
      std::ofstream file(fs::path(o.out) / (name + ".patch"));
      file << "# patchc-difffuzz reproducer (" << label << ")\n# " << description << "\n" << small.text();
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  std::vector<Variant> variants;
  try {
    if (o.variants.empty()) variants = allVariants();
    for (const auto& name : o.variants) variants.push_back(variantNamed(name));
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "patchc-difffuzz: error: %s\n", e.what());
    return 2;
  }
  DifferentialChecker checker(o.checker);
  Totals totals;
  bool ok = true;
  auto start = std::chrono::steady_clock::now();
  auto minutes = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60; };

  if (!o.check.empty()) {
    std::vector<fs::path> files;
    for (const auto& path : o.check) {
      if (fs::is_directory(path)) {
        for (const auto& entry : fs::directory_iterator(path))
          if (entry.path().extension() == ".patch") files.push_back(entry.path());
      } else {
        files.push_back(path);
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      Totals before = totals;
      ok = checkOne(o, checker, variants, patchOfText(readFile(file)), file.filename().string(), totals) && ok;
      if (totals.rejected > before.rejected || totals.unstable > before.unstable ||
          totals.illConditioned > before.illConditioned) {
        std::cout << file.string()
                  << ": cannot be compared (it does not compile, its reference blows up, or it amplifies rounding)\n";
        ok = false;
      }
    }
  } else {
    int64_t skipped = 0;  // --callbacks only: seeds without callbacks
    for (uint64_t seed = o.seed;; ++seed) {
      if (o.minutes > 0 ? minutes() >= o.minutes : int64_t(seed - o.seed) - skipped >= o.count) break;
      Patch patch = generatePatch(seed, o.generator);
      if (o.onlyCallbacks && !hasCallbacks(patch)) {
        ++skipped;
        continue;
      }
      ok = checkOne(o, checker, variants, patch, fmt::format("seed-{}", seed), totals) && ok;
      if (o.verbose || totals.patches % 100 == 0)
        std::cout << fmt::format("[{:.1f} min] {} patches ({} with callbacks), {} rejected, {} unstable, "
                                 "{} ill-conditioned, {} renders, {} different\n",
                                 minutes(), totals.patches, totals.callbacks, totals.rejected, totals.unstable, totals.illConditioned,
                                 totals.rendered, totals.different)
                  << std::flush;
    }
  }
  std::cout << fmt::format("patchc-difffuzz: {} patches ({} with callbacks) in {:.1f} min ({} rejected, {} unstable, "
                           "{} ill-conditioned, {} optimized renders compared): {} with a difference\n",
                           totals.patches, totals.callbacks, minutes(), totals.rejected, totals.unstable, totals.illConditioned,
                           totals.rendered, totals.different);
  return ok ? 0 : 1;
}
