// MidiScan: the messages of the block at their samples, queued when several share one (MidiScan.h).
#include "stdlib/kernels/MidiScan.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::midiscan;

PATCHC_KERNEL_INIT(MidiScan) {
  auto* state = static_cast<midiscan::State*>(state_);
  state->clock = {};
  state->lastNumber = -1;
  state->lastChannel = -1;
  state->head = state->count = 0;
  (void)in;
  (void)env;
  (void)seed;
}

PATCHC_KERNEL_PROCESS(MidiScan) {
  auto* state = static_cast<midiscan::State*>(state_);
  const int mode = static_cast<int>(in[kMode].value());
  (void)env;
  int done = 0;
  // Hands out one waiting message per sample up to `until`, 0 where none waits.
  auto emit = [&](int until) {
    for (; done < until; ++done) {
      if (state->count == 0) {
        out[done] = 0.0f;
        continue;
      }
      out[done] = state->pending[state->head];
      state->head = (state->head + 1) % kPending;
      --state->count;
    }
  };
  midi::eachEvent(state->clock, in[kMidi], n, [&](const midi::Event& e, int at) {
    const int kind = e.status & 0xF0;
    if (mode != kEveryMessage && kind != 0xB0) return;
    bool changed = true;
    if (mode == kControllers) changed = e.data1 != state->lastNumber;
    if (mode == kControllersAndChannels) changed = e.data1 != state->lastNumber || (e.status & 0x0F) != state->lastChannel;
    state->lastNumber = e.data1;
    state->lastChannel = e.status & 0x0F;
    emit(at);
    if (state->count == kPending) return;  // dropped: the queue is full
    state->pending[(state->head + state->count) % kPending] = encode(changed, e.status, e.data1, e.data2);
    ++state->count;
  });
  emit(n);
}
