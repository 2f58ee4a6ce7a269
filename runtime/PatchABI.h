#pragma once
// The contract between a compiled patch and libpatchrt. The code generator (JIT or AOT) fills one PatchABI per
// patch; the runtime needs nothing else, so an AOT executable links only the runtime and the compiled patch.

#include "runtime/MidiEventBlock.h"

#include <cstddef>
#include <cstdint>

namespace patchc::runtime {

struct PatchABI {
  // The code generator emits this struct as the global `patchc_abi` of every patch (JIT or native executable);
  // `version` and `size` let the runtime refuse a patch compiled against another layout.
  static constexpr uint32_t kVersion = 4;
  uint32_t version = kVersion;
  uint32_t size = sizeof(PatchABI);

  size_t stateBytes = 0;  // size of the patch's state block
  size_t stateAlign = 0;  // its alignment (a power of two; 0 means alignof(std::max_align_t))

  // From the script's Server(...) line.
  int channels = 2;
  double sampleRate = 44100.0;
  int bufferSize = 256;

  // Sets every node's initial state. The state is zeroed before.
  void (*init)(void* state) = nullptr;

  // Renders `frames` frames into `channels` non-interleaved buffers. Must be real-time safe: it never allocates,
  // locks or does I/O.
  void (*process)(void* state, float** outputs, int frames) = nullptr;

  // When not 0, `process` only takes whole multiples of this many frames: generated code then runs loops of a
  // constant length, which LLVM compiles smaller and faster. PatchInstance::render turns any count into whole
  // blocks, keeping the rest of the last block for the next call.
  int blockFrames = 0;

  // What the patch prints (pyo's Print, print() in a callback): the offset in the state of its ReportQueue
  // (runtime/ReportQueue.h), or kNoReports; and one format per message, the text with a marker byte where each
  // value goes (runtime/Reports.h).
  static constexpr size_t kNoReports = static_cast<size_t>(-1);
  size_t reportQueue = kNoReports;
  const char* const* reportFormats = nullptr;
  int reportFormatCount = 0;

  // Where the state holds the current block's MIDI events (runtime/MidiEventBlock.h), or kNoMidi when the patch
  // has no MIDI object. PatchInstance writes it before each block from the MidiSource it was given.
  static constexpr size_t kNoMidi = static_cast<size_t>(-1);
  size_t midiEvents = kNoMidi;

  // Where the state holds the queue of MIDI messages the patch sends (runtime/MidiOutQueue.h: Server.noteout,
  // makenote, ...), or kNoMidiOut. The offline render writes them to a MIDI file, a live player to a device.
  static constexpr size_t kNoMidiOut = static_cast<size_t>(-1);
  size_t midiOut = kNoMidiOut;

  // MIDI the script plays into its own MIDI objects (pyo's Server.addMidiEvent fed by mido's MidiFile.play(), or
  // given messages at the start): `midiSequenceCount` events in frame order, each at its absolute frame, which a
  // render or a live player takes as the patch's MIDI source when no other is given (--midi, a device).
  const MidiBlockEvent* midiSequence = nullptr;
  uint64_t midiSequenceCount = 0;

  // The patch file it was compiled from, as given to patchc (a native executable's --help names it).
  const char* source = "";
};

}  // namespace patchc::runtime
