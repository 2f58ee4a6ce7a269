#pragma once
// SIGINT, SIGTERM and SIGHUP as a request to stop, not a kill: while a StopSignals lives, these signals only set
// a flag (the handler does nothing else, so it is async-signal-safe), and a render or playback loop that watches
// `flag()` stops at its next block and cleans up (FileRenderer removes its temporary file; the previous output is
// left as it was). Afterwards `reraise()` ends the process by the same signal, so a shell sees what it expects
// (status 128+N, and a script's loop stops on Ctrl-C).

#include <csignal>

namespace patchc::runtime {

class StopSignals {
public:
  // Installs the handlers (with SA_RESTART, so file writes in progress are not cut short) and clears the flag.
  // A signal whose action is SIG_IGN is left ignored (nohup's SIGHUP, SIGINT in a shell's background job).
  StopSignals();
  // Puts the previous handlers back.
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Non-zero once a signal arrived: the number of the first one. Read it as often as you like.
  static const volatile std::sig_atomic_t* flag();
  static int received() { return *flag(); }

  // Restores the default action of the signal received and raises it again: the process ends by it. Returns
  // only if no signal was received.
  void reraise();

private:
  struct sigaction previous_[3];
  bool installed_[3] = {false, false, false};
};

}  // namespace patchc::runtime
