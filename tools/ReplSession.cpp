#include "tools/ReplSession.h"

#include "codegen/ParallelCompile.h"
#include "codegen/StateMap.h"
#include "ir/Printer.h"
#include "stdlib/Registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

#include <sys/resource.h>
#include <unistd.h>

namespace patchc {

namespace {

constexpr const char* kSessionName = "<repl>";

bool mentions(const ast::Expr* e, const std::string& name) {
  if (!e) return false;
  if (e->kind == ast::Expr::Kind::Name && e->text == name) return true;
  if (mentions(e->object.get(), name) || mentions(e->index.get(), name) || mentions(e->element.get(), name))
    return true;
  for (const auto& x : e->elements) if (mentions(x.get(), name)) return true;
  for (const auto& x : e->keys) if (mentions(x.get(), name)) return true;
  for (const auto& k : e->keywords) if (mentions(k.value.get(), name)) return true;
  for (const auto& c : e->clauses) {
    if (mentions(c.iter.get(), name)) return true;
    for (const auto& x : c.conditions) if (mentions(x.get(), name)) return true;
  }
  return false;
}

// The one name `text` binds when it is a plain `name = value` whose value does not read the name; empty otherwise.
std::string plainAssignment(const std::string& text) {
  SourceFile source(kSessionName, text);
  std::ostringstream ignored;
  Diagnostics diagnostics(ignored);
  auto module = parseSource(source, diagnostics);
  if (!module || module->body.size() != 1) return {};
  const ast::Stmt& s = *module->body.front();
  if (s.kind != ast::Stmt::Kind::Assign || s.targets.size() != 1 || s.targets[0]->kind != ast::Expr::Kind::Name)
    return {};
  const std::string& name = s.targets[0]->text;
  return mentions(s.value.get(), name) ? std::string() : name;
}

bool textMentions(const std::string& text, const std::string& name) {
  return std::regex_search(text, std::regex("(^|[^A-Za-z0-9_])" + name + "([^A-Za-z0-9_]|$)"));
}

// `now` when it begins with `before` (a recompile prints again what earlier statements printed): the rest.
std::string whatIsNew(const std::string& before, const std::string& now) {
  return now.compare(0, before.size(), before) == 0 ? now.substr(before.size()) : now;
}

}  // namespace

ReplSession::ReplSession(ReplOptions options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err) {
  options_.compile.optimizer.remarks.add("pass");
  options_.compile.optimizer.remarks.add("pass-missed");
  objects_.tiered = options_.reuseCode && options_.tieredCompile;
  if (objects_.tiered) upgrader_ = std::thread([this] { upgradeLoop(); });
}

ReplSession::~ReplSession() {
  {
    std::lock_guard lock(sessionMutex_);
    stopping_ = true;
  }
  upgradeWanted_.notify_all();
  if (upgrader_.joinable()) upgrader_.join();
}

std::string ReplSession::compose(const std::vector<Statement>& statements) {
  std::string text;
  for (const auto& s : statements) {
    if (!s.replaced) {
      text += s.text;
      continue;
    }
    // Kept as comments, line for line: the statements after it keep their lines.
    std::istringstream lines(s.text);
    for (std::string line; std::getline(lines, line);) text += "# replaced: " + line + "\n";
  }
  return text;
}

std::string ReplSession::script() const { return compose(statements_); }

int ReplSession::statements() const {
  return int(std::count_if(statements_.begin(), statements_.end(), [](const Statement& s) { return !s.replaced; }));
}

bool ReplSession::start(const std::string& text) { return text.empty() ? commit({}) : load(text); }

bool ReplSession::execute(const std::string& statement) {
  Statement next{statement, {}, false};
  if (next.text.empty() || next.text.back() != '\n') next.text += '\n';
  next.assigns = plainAssignment(next.text);
  std::vector<Statement> candidate = statements_;
  if (!next.assigns.empty()) {
    // The latest live statement that bound the name, unless a later one reads it (then it lives on, as in Python).
    for (size_t i = candidate.size(); i-- > 0;) {
      if (candidate[i].replaced || candidate[i].assigns != next.assigns) continue;
      bool read = false;
      for (size_t j = i + 1; j < candidate.size() && !read; ++j)
        read = !candidate[j].replaced && textMentions(candidate[j].text, next.assigns);
      if (!read) candidate[i].replaced = true;
      break;
    }
  }
  candidate.push_back(std::move(next));
  return commit(std::move(candidate));
}

bool ReplSession::load(const std::string& text) {
  std::vector<Statement> candidate{{text.empty() || text.back() == '\n' ? text : text + "\n", {}, false}};
  return commit(std::move(candidate));
}

bool ReplSession::commit(std::vector<Statement> candidate) {
  std::lock_guard lock(sessionMutex_);
  compileStarted_ = std::chrono::steady_clock::now();
  std::ostringstream printed, diagnosed, remarks;
  CompileOptions options = options_.compile;
  options.printOutput = &printed;
  options.log = &remarks;
  std::vector<std::string> names;
  options.namesInScope = &names;
  if (options_.reuseCode) options.objectCache = &objects_;
  Diagnostics diagnostics(diagnosed);
  std::shared_ptr<CompiledPatch> patch =
      compilePatch(std::make_unique<SourceFile>(kSessionName, compose(candidate)), diagnostics, options);
  if (!patch) {
    // What the earlier statements printed or warned again is not news; the failure is.
    out_ << whatIsNew(printed_, printed.str());
    err_ << whatIsNew(diagnosed_, diagnosed.str());
    return false;
  }
  runtime::LivePatch::Version version;
  try {
    version.instance = std::make_unique<runtime::PatchInstance>(patch->abi());
  } catch (const std::exception& e) {
    err_ << "patchc: error: " << e.what() << '\n';
    return false;
  }
  version.code = patch;
  const int channels = version.instance->channels();
  const double sampleRate = version.instance->sampleRate();
  const bool otherFormat = live_ && (channels != live_->channels() || sampleRate != live_->sampleRate());
  if (otherFormat && options_.restart && !options_.restart(channels, sampleRate)) return false;
  if (!live_ || (otherFormat && options_.restart)) {
    live_.reset();  // whatever rendered it stopped (restart)
    live_ = std::make_unique<runtime::LivePatch>(std::move(version), int(std::lround(options_.fadeSeconds * sampleRate)));
    if (options_.restarted) options_.restarted(*live_);
  } else {
    // The copies are computed against the version that plays once the previous edit has been taken.
    live_->settle();
    auto copies = codegen::carriedState(playing_->info, patch->info);
    if (std::string refused = live_->submit(std::move(version), std::move(copies)); !refused.empty()) {
      err_ << "patchc: error: " << refused << "; nothing changed\n";
      return false;
    }
  }
  out_ << whatIsNew(printed_, printed.str());
  err_ << whatIsNew(diagnosed_, diagnosed.str());
  out_.flush();
  printed_ = printed.str();
  diagnosed_ = diagnosed.str();
  remarks_ = remarks.str();
  names_ = std::move(names);
  lastTimes_ = patch->times;
  playing_ = std::move(patch);
  statements_ = std::move(candidate);
  ++versions_;
  if (playing_->parts.quick) {
    upgradeRequested_ = versions_;
    upgradeWanted_.notify_one();
  }
  return true;
}

void ReplSession::upgradeLoop() {
  // Below the edits' compiles (the threads it starts inherit this): an edit typed meanwhile is heard first.
  ::setpriority(PRIO_PROCESS, ::gettid(), 10);
  std::unique_lock lock(sessionMutex_);
  for (;;) {
    upgradeWanted_.wait(lock, [this] { return stopping_ || upgradeRequested_ > upgradeFinished_; });
    if (stopping_) return;
    const int version = upgradeRequested_;
    lock.unlock();
    int units = 0;
    std::string error;
    const auto begin = std::chrono::steady_clock::now();
    try {
      units = codegen::upgradeQuickUnits(objects_, options_.compile.llvmOptLevel, options_.compile.compileThreads);
    } catch (const std::exception& e) {
      error = e.what();
    }
    const double compileMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    lock.lock();
    if (stopping_) return;
    if (!error.empty()) {
      // The quick code plays on: it computes the same sound.
      err_ << "patchc: internal compiler error: compiling at the full level: " << error << '\n';
      playing_->parts.quick = false;
    } else if (playing_->parts.quick) {
      relinkAtFullLevel(units, compileMs);
    }
    upgradeFinished_ = version;
    upgradeDone_.notify_all();
  }
}

void ReplSession::relinkAtFullLevel(int units, double compileMs) {
  auto objects = objects_.fullObjects(playing_->parts);
  if (objects.empty()) return;  // a later edit's quick units are not upgraded yet: its request comes next
  std::string error;
  auto jit = codegen::JitPatch::link(std::move(objects), playing_->info.data, error);
  runtime::LivePatch::Version version;
  try {
    if (!jit) throw std::runtime_error("the JIT failed: " + error);
    version.instance = std::make_unique<runtime::PatchInstance>(jit->abi());
  } catch (const std::exception& e) {
    err_ << "patchc: internal compiler error: relinking at the full level: " << e.what() << '\n';
    playing_->parts.quick = false;
    return;
  }
  // The relinked code and the compile it comes from (its graph owns the data the code reads) live together.
  struct Relinked {
    std::shared_ptr<CompiledPatch> compile;
    std::unique_ptr<codegen::JitPatch> jit;
  };
  version.code = std::make_shared<Relinked>(Relinked{playing_, std::move(jit)});
  live_->settle();
  const int64_t swapsBefore = live_->swapsTaken();
  // The same patch: every node's state carries over.
  if (!live_->submit(std::move(version), codegen::carriedState(playing_->info, playing_->info)).empty()) return;
  playing_->parts.quick = false;
  Upgrade done{versions_, units, compileMs, -1};
  if (live_->renderingElsewhere()) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (live_->swapsTaken() == swapsBefore && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    if (live_->swapsTaken() != swapsBefore)
      done.heardMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - compileStarted_).count();
  }
  upgrades_.push_back(done);
}

std::vector<ReplSession::Upgrade> ReplSession::takeUpgrades() {
  std::lock_guard lock(sessionMutex_);
  return std::exchange(upgrades_, {});
}

bool ReplSession::waitForUpgrade(double timeoutSeconds) {
  std::unique_lock lock(sessionMutex_);
  return upgradeDone_.wait_for(lock, std::chrono::duration<double>(timeoutSeconds),
                               [this] { return upgradeFinished_ >= upgradeRequested_; });
}

std::string ReplSession::graph(bool dot) const {
  return dot ? ir::printDot(*playing_->graph) : ir::printText(*playing_->graph);
}

std::vector<std::string> ReplSession::completions() const {
  std::set<std::string> all(names_.begin(), names_.end());
  const Registry& registry = options_.compile.registry ? *options_.compile.registry : Registry::builtin();
  for (const auto& name : registry.names()) all.insert(name);
  return {all.begin(), all.end()};
}

std::vector<std::string> ReplSession::keywordsOf(const std::string& object) const {
  const Registry& registry = options_.compile.registry ? *options_.compile.registry : Registry::builtin();
  std::vector<std::string> keywords;
  if (const ObjectSpec* spec = registry.find(object))
    for (const auto& input : spec->inputs)
      if (!input.hidden) keywords.push_back(input.name);
  if (!keywords.empty()) keywords.insert(keywords.end(), {"mul", "add"});
  return keywords;
}

}  // namespace patchc
