// `patchc repl`: the live-coding prompt (libedit: line editing, history, completion) over a ReplSession, its
// `:commands`, live playback through PortAudio (or the simulated device), and the offline mode that runs a
// session script against a virtual clock and renders it (`--offline --script FILE -o out.wav`).
#pragma once

#include "tools/Pipeline.h"

#include <string>

namespace patchc {

struct ReplFlags {
  std::string file;    // a patch to start from (as `:load FILE`)
  std::string script;  // read statements and commands from this file instead of the terminal
  std::string output;  // --offline: the sound file
  std::string format;  // --offline: its sample format
  std::string midi;        // a MIDI file the session's MIDI objects read, on the session's clock
  std::string midiDevice;  // live MIDI input (runtime::parseMidiDevice's forms); empty: none
  bool offline = false;
  bool simulate = false;  // play on the simulated device
  bool timings = false;   // print each edit's compile time and when the new patch was heard
  bool quiet = false;     // no banner
  bool reuseCode = true;  // --no-code-cache: compile every unit at every edit (bench/repl_latency.py's reference)
  bool tiered = true;     // --no-tiered-compile: an edit's new code at the full level at once (never offline)
  double fadeMilliseconds = 5.0;
  int device = -1;
};

// Runs the session until :quit or the end of input. Returns the process's exit status.
int runRepl(const CompileOptions& options, const ReplFlags& flags);

}  // namespace patchc
