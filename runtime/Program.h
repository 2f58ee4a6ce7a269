// What a patch does once compiled, from a command line: render it to a file or play it live. `patchc render` and
// `patchc run` use these after compiling; a native executable from `patchc build` is runProgram() and its patch.
#pragma once

#include "runtime/FileRenderer.h"
#include "runtime/MidiInput.h"
#include "runtime/MidiOutput.h"
#include "runtime/MidiSource.h"
#include "runtime/PatchABI.h"
#include "runtime/PatchInstance.h"

#include <memory>
#include <optional>
#include <string>

namespace patchc::runtime {

struct RenderRequest {
  std::string output;   // .wav, .aiff, .flac, .rf64, .w64
  std::string format;   // float, 16 or 24; empty: the container's default
  double seconds = 10;
  bool quiet = false;   // no progress, no note
  std::string midi;     // a standard MIDI file whose events the patch's MIDI objects read (--midi); empty: none
  std::string midiOut;  // where the MIDI messages the patch sends are written (--midi-out FILE.mid); empty: nowhere
};

// Live MIDI for a patch that has MIDI objects (PatchInstance::usesMidi): opens `device` (a PortMidi id,
// MidiInput::kAllDevices or kDefaultDevice) and gives its events to `instance`. When none can be opened, a warning
// says why and the patch plays without MIDI. Null when nothing was opened; keep the result alive while playing, and
// call instance.setMidiSource(nullptr) before it goes.
std::unique_ptr<MidiInput> openLiveMidi(PatchInstance& instance, int device, const char* program);

// Live MIDI output for a patch that sends MIDI (Server.noteout, makenote, ...): opens `device` (a PortMidi id,
// MidiOutput::kAllDevices or kDefaultDevice) and sends what the patch queues. When none can be opened, a warning
// says why and the patch plays on without. Null when the patch sends nothing or nothing was opened; keep the
// result alive while playing.
std::unique_ptr<MidiOutput> openLiveMidiOut(PatchInstance& instance, int device, const char* program);
// After playing: stops `output` (sending the note-offs still waiting) and warns when messages were dropped.
void closeLiveMidiOut(std::unique_ptr<MidiOutput>& output, const char* program);

// The MIDI the script plays into its own MIDI objects (PatchABI::midiSequence: a mido MidiFile's play() fed to
// addMidiEvent) as a source attached to `instance`, from its first frame; null when the patch has none (or no MIDI
// object to read it). Keep it alive while playing; a render's --midi replaces it.
std::unique_ptr<MidiFileSource> attachScriptMidi(PatchInstance& instance);

// `--midi-device`'s value: "all" (every input, as pyo's setMidiInputDevice(99)), "default", or a PortMidi id.
// Nullopt for anything else.
std::optional<int> parseMidiDevice(const std::string& text);

// Renders `instance` as asked: errors as "PROGRAM: error: ..." on stderr and 1; 0 and `stats` on success. A
// signal stops it cleanly (no file; an older one intact), then ends the process by that signal.
int renderCommand(PatchInstance& instance, const RenderRequest& request, const char* program, RenderStats& stats);

// The one warning after a render or a performance whose patch produced NaN or Inf (muted by PatchInstance):
// `writtenAs` is "written as" or "played as".
void reportNonFinite(const PatchInstance& instance, const char* writtenAs, const char* program);

// Prints the output devices, one a line, the default marked; 1 when PortAudio cannot start.
int listDevicesCommand(const char* program);

// The command line of a program `patchc build` made (runtime/ProgramMain.cpp): plays `abi`'s patch live, or
// renders it with --render; --help names the patch it was compiled from.
int runProgram(const PatchABI& abi, int argc, char** argv);

}  // namespace patchc::runtime
