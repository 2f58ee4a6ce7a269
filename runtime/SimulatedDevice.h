#pragma once
// A sound card made of a clock, for machines without one (see /work/shared/notes/audio-io.md) and for measuring
// real-time safety: a thread with real-time priority (SCHED_FIFO when the system allows it) calls the same
// callback a PortAudio device would (AudioCallback.h) every framesPerBuffer / sampleRate seconds of wall-clock
// time, on a fixed schedule like a device's clock, and counts the callbacks that finished after their buffer was
// due (the start of the next period). A miss is an *overrun* when the callback's own work took longer than a
// period, and otherwise the system's fault: the thread woke late (scheduling latency; on a loaded virtual
// machine several milliseconds even at SCHED_FIFO) or a previous late callback left it behind. Nothing is heard;
// the samples are dropped.

#include "runtime/AudioPlayer.h"

namespace patchc::runtime {

// Plays `options.seconds` (0: until options.stop or SIGINT) on the simulated device; PlayStats has the
// callbacks, the missed deadlines and the slowest callback. Blocks the calling thread.
PlayResult playSimulated(PlaybackTarget& instance, const PlayOptions& options);

}  // namespace patchc::runtime
