#pragma once
// Points fd 2 at /dev/null for its lifetime: the audio and MIDI libraries' back ends (ALSA, JACK) write their
// probing noise straight to it ("ALSA lib seq_hw.c: ... open /dev/snd/seq failed") where patchc's own
// diagnostics go. Used around initialisation and opening only, never while patchc itself reports.

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace patchc::runtime {

class SilencedStderr {
public:
  SilencedStderr() {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_ >= 0 && null >= 0) ::dup2(null, STDERR_FILENO);
    if (null >= 0) ::close(null);
  }
  ~SilencedStderr() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
  }
  SilencedStderr(const SilencedStderr&) = delete;
  SilencedStderr& operator=(const SilencedStderr&) = delete;

private:
  int saved_ = -1;
};

}  // namespace patchc::runtime
