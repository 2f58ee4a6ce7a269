#pragma once
// PortMidi is one process-wide library: MidiInput and MidiOutput each acquire it while they use it; the first
// user starts it, the last stops it (runtime/MidiInput.cpp).

#include <string>

namespace patchc::runtime {

// Starts PortMidi for one more user; an error message (and nothing acquired) when it cannot start.
std::string acquirePortMidi();
// Gives back one use; the last stops PortMidi.
void releasePortMidi();

}  // namespace patchc::runtime
