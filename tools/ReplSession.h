// A live-coding session (`patchc repl`): the statements typed so far are one script, compiled anew (parse,
// elaborate, optimize, JIT) at each statement and handed to a runtime::LivePatch, which swaps the new callback
// in at a block boundary, carries the state of every node that survived the edit (codegen/StateMap.h) and
// crossfades the rest. A statement that does not compile prints its diagnostic and changes nothing.
//
// As in Python, rebinding a name drops what it held when nothing else refers to it: `a = Sine(550).out()` after
// `a = Sine(440).out()` replaces the first Sine rather than adding a second. The replaced statement stays in the
// session as comment lines, so the lines after it keep their numbers (and their nodes their identities).
//
// Tiered compile (ReplOptions::tieredCompile): what an edit changed is compiled at the quick tier
// (codegen/ParallelCompile.h) and heard at once; a thread of the session's, at low priority, compiles those
// units again at the full level and swaps the patch relinked from them in, carrying all of its state.
#pragma once

#include "runtime/LivePatch.h"
#include "tools/Pipeline.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>
#include <string>
#include <vector>

namespace patchc {

struct ReplOptions {
  CompileOptions compile;
  double fadeSeconds = 0.005;  // the crossfade of each swap
  bool reuseCode = true;       // keep each unit's machine code for the next compile (codegen/ObjectCache.h)
  // With reuseCode: quick code first, the full level's swapped in when ready. For sessions that play on a device
  // (LivePatch::setRenderingElsewhere); off, every version is exactly what `patchc render` would compile.
  bool tieredCompile = false;
  // A statement whose Server sets other channels or another sample rate than the session plays: `restart` is
  // asked (with the new ones) whether the session may go on with a new LivePatch — it stops whatever renders the
  // old one — and `restarted` gets the new one. Nothing of the patch before carries over (pyo reboots its
  // server). Unset, or `restart` false: the statement is refused and changes nothing.
  std::function<bool(int channels, double sampleRate)> restart;
  std::function<void(runtime::LivePatch&)> restarted;
};

class ReplSession {
public:
  // `out`: what the script prints and the commands' output; `err`: diagnostics.
  ReplSession(ReplOptions options, std::ostream& out, std::ostream& err);
  ~ReplSession();

  // Compiles the session's first version: `text` (a patch to start from: its Server sets the channels and
  // sample rate the session plays), or nothing. False after printing why.
  bool start(const std::string& text = {});

  // Runs one complete statement (a line, or a block with its body). True when the session now plays it.
  bool execute(const std::string& statement);
  // Replaces the session by a script's text (`:load`). True when it compiled.
  bool load(const std::string& text);
  // The session as a script that compiles to what plays now.
  std::string script() const;

  // The playing patch's graph after the passes, as text or Graphviz.
  std::string graph(bool dot) const;
  // The optimizer's remarks on the playing patch (-Rpass and -Rpass-missed).
  const std::string& remarks() const { return remarks_; }
  // Names the session's top level sees (its variables and the builtins) and the objects it may make.
  std::vector<std::string> completions() const;
  // The keywords of an object (its pyo arguments), for completion inside its call; empty if it is not one.
  std::vector<std::string> keywordsOf(const std::string& object) const;

  runtime::LivePatch& live() { return *live_; }
  // The stage times of the last compile (edit-to-callable).
  const StageTimes& lastTimes() const { return lastTimes_; }
  // Of the last compile: units whose code was reused, units compiled.
  int unitsReused() const { return objects_.hits(); }
  int unitsCompiled() const { return objects_.misses(); }
  const codegen::ObjectCache& objectCache() const { return objects_; }
  int statements() const;
  // Patches compiled and played so far (the first one included).
  int versions() const { return versions_; }

  // A tiered compile's second step, done: the patch of `version` relinked from `units` recompiled at the full
  // level in `compileMs`; `heardMs` from the start of that version's compile to the audio thread taking it
  // (negative when nothing renders on a device thread).
  struct Upgrade {
    int version = 0, units = 0;
    double compileMs = 0, heardMs = -1;
  };
  // The upgrades done since the last call.
  std::vector<Upgrade> takeUpgrades();
  // Waits until the playing patch runs the full level's code (at most `timeoutSeconds`); true when it does. The
  // upgrade runs at low priority: on a loaded machine (a sanitized build's tests on every core) it may take
  // seconds, hence the generous default.
  bool waitForUpgrade(double timeoutSeconds = 60);

  // Whether the playing patch has MIDI objects (Notein, Midictl, ...): they read live().setMidiSource's events.
  bool usesMidi() const { return playing_ && playing_->abi().midiEvents != runtime::PatchABI::kNoMidi; }
  // Whether the playing patch sends MIDI (Server.noteout, makenote, ...).
  bool sendsMidi() const { return playing_ && playing_->abi().midiOut != runtime::PatchABI::kNoMidiOut; }

private:
  struct Statement {
    std::string text;     // ends with a newline
    std::string assigns;  // the one name a plain `name = ...` binds; empty otherwise
    bool replaced = false;
  };
  static std::string compose(const std::vector<Statement>& statements);
  // Compiles `candidate` and, when it compiles, makes it the session and plays it.
  bool commit(std::vector<Statement> candidate);
  // The upgrading thread's loop, and one upgrade of the playing patch (under sessionMutex_).
  void upgradeLoop();
  void relinkAtFullLevel(int units, double compileMs);

  ReplOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<Statement> statements_;
  std::shared_ptr<CompiledPatch> playing_;
  std::unique_ptr<runtime::LivePatch> live_;
  std::string printed_, diagnosed_;  // what the last successful compile printed: later compiles print only what is new
  std::string remarks_;
  std::vector<std::string> names_;
  StageTimes lastTimes_;
  codegen::ObjectCache objects_;  // the code of units earlier statements compiled
  int versions_ = 0;

  // Between commit() (the REPL's thread) and the upgrading thread: playing_ and live_ are used under
  // sessionMutex_; the cache locks itself. upgradeWanted_ wakes the upgrader for each quick version.
  std::mutex sessionMutex_;
  std::condition_variable upgradeWanted_, upgradeDone_;
  int upgradeRequested_ = 0, upgradeFinished_ = 0;  // versions
  bool stopping_ = false;
  std::chrono::steady_clock::time_point compileStarted_;
  std::vector<Upgrade> upgrades_;
  std::thread upgrader_;  // last: started once the rest exists, joined first
};

}  // namespace patchc
