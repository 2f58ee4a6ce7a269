// mido's MidiFile, as pyo's examples/16-midi/07-midifile-with-mido.py uses it:
//
//     from mido import MidiFile
//     mid = MidiFile("../snds/mapleleafrag.mid")
//     for message in mid.play():
//         s.addMidiEvent(*message.bytes())
//
// MidiFile(path) finds the file (as Python would, from the current directory; else beside the patch, where the
// tutorials keep their files) and checks that it is a MIDI file: a located error otherwise. play() is the file's
// messages, each at its time from the start: one value stands for all of them (the loop's body is compiled once,
// for every message), and bytes() gives its status and data bytes. Server.addMidiEvent given those bytes makes the
// file the patch's MIDI input from frame 0 (Graph::ScriptMidi): the code generator reads it and embeds its events
// at their exact frames, as `--midi FILE` would give them. addMidiEvent(status, data1, data2) with numbers, by the
// script itself, is one message at frame 0. What else a script does with mido (message.type, mid.tracks, ...) is
// an error that names it.
#pragma once

#include "elab/Value.h"
#include "ir/Graph.h"

#include <functional>
#include <map>
#include <string>

namespace patchc::elab {

// The names of the `mido` module a patch may import.
// `patchPath` gives the patch's file, beside which a relative path is looked for.
void defineMido(std::map<std::string, Value>& module, std::function<std::string()> patchPath);

// pyo's Server.addMidiEvent(status, data1=0, data2=0), called by the script.
Value addMidiEvent(ir::Graph& graph, CallArguments& args);

}  // namespace patchc::elab
