// A live-coding session (`patchc repl`): the statements typed so far are one script, compiled anew (parse,
// elaborate, optimize, JIT) at each statement and handed to a runtime::LivePatch, which swaps the new callback
// in at a block boundary, carries the state of every node that survived the edit (codegen/StateMap.h) and
// crossfades the rest. A statement that does not compile prints its diagnostic and changes nothing.
//
// As in Python, rebinding a name drops what it held when nothing else refers to it: `a = Sine(550).out()` after
// `a = Sine(440).out()` replaces the first Sine rather than adding a second. The replaced statement stays in the
// session as comment lines, so the lines after it keep their numbers (and their nodes their identities).
#pragma once

#include "runtime/LivePatch.h"
#include "tools/Pipeline.h"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace patchc {

struct ReplOptions {
  CompileOptions compile;
  double fadeSeconds = 0.005;  // the crossfade of each swap
  bool reuseCode = true;       // keep each unit's machine code for the next compile (codegen/ObjectCache.h)
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
  // Whether the playing patch has MIDI objects (Notein, Midictl, ...): they read live().setMidiSource's events.
  bool usesMidi() const { return playing_ && playing_->abi().midiEvents != runtime::PatchABI::kNoMidi; }

private:
  struct Statement {
    std::string text;     // ends with a newline
    std::string assigns;  // the one name a plain `name = ...` binds; empty otherwise
    bool replaced = false;
  };
  static std::string compose(const std::vector<Statement>& statements);
  // Compiles `candidate` and, when it compiles, makes it the session and plays it.
  bool commit(std::vector<Statement> candidate);

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
};

}  // namespace patchc
