#include "runtime/StopSignals.h"

#include <cstdio>

namespace patchc::runtime {

namespace {

constexpr int kStopSignals[3] = {SIGINT, SIGTERM, SIGHUP};

volatile std::sig_atomic_t gStopSignal = 0;

extern "C" void onStopSignal(int signal) {
  if (gStopSignal == 0) gStopSignal = signal;
}

}  // namespace

StopSignals::StopSignals() {
  gStopSignal = 0;
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < 3; ++i) {
    // A signal ignored when patchc started stays ignored: nohup's SIGHUP, a background job's SIGINT.
    if (sigaction(kStopSignals[i], nullptr, &previous_[i]) != 0 || previous_[i].sa_handler == SIG_IGN) continue;
    installed_[i] = sigaction(kStopSignals[i], &action, nullptr) == 0;
  }
}

StopSignals::~StopSignals() {
  for (int i = 0; i < 3; ++i)
    if (installed_[i]) sigaction(kStopSignals[i], &previous_[i], nullptr);
}

const volatile std::sig_atomic_t* StopSignals::flag() { return &gStopSignal; }

void StopSignals::reraise() {
  const int signal = gStopSignal;
  if (signal == 0) return;
  std::fflush(nullptr);
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(signal, &action, nullptr);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, signal);
  sigprocmask(SIG_UNBLOCK, &unblock, nullptr);
  std::raise(signal);
}

}  // namespace patchc::runtime
