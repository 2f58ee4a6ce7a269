#include "runtime/Program.h"

#include "runtime/AudioPlayer.h"
#include "runtime/MidiFile.h"
#include "runtime/MidiFileWriter.h"
#include "runtime/MidiSource.h"
#include "runtime/StopSignals.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace patchc::runtime {
namespace {

// "in channel 0", "in channels 0 and 1", "in channels 0, 1 and 5".
std::string channelList(uint64_t mask) {
  std::vector<int> channels;
  for (int c = 0; c < 64; ++c)
    if (mask & (uint64_t(1) << c)) channels.push_back(c);
  if (channels.size() == 1) return "in channel " + std::to_string(channels[0]);
  std::string text = "in channels ";
  for (size_t i = 0; i < channels.size(); ++i)
    text += (i == 0 ? "" : i + 1 == channels.size() ? " and " : ", ") + std::to_string(channels[i]);
  return text;
}

std::string fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

}  // namespace

void reportNonFinite(const PatchInstance& instance, const char* writtenAs, const char* program) {
  auto report = instance.nonFinite();
  if (!report) return;
  std::cerr << program << ": warning: the patch produced non-finite samples (NaN or Inf) from "
            << fixed(double(report.firstFrame) / instance.sampleRate(), 2) << " s on, " << channelList(report.channels)
            << "; they were " << writtenAs << " silence\n";
}

int renderCommand(PatchInstance& instance, const RenderRequest& request, const char* program, RenderStats& stats) {
  RenderOptions options;
  options.path = request.output;
  options.seconds = request.seconds;
  options.showProgress = !request.quiet;
  auto container = containerForPath(request.output);
  if (!container) {
    std::cerr << program << ": error: cannot tell the file format of '" << request.output
              << "': use .wav, .aiff, .flac, .rf64 or .w64\n";
    return 1;
  }
  if (!request.format.empty()) {
    auto parsed = parseSampleFormat(request.format);
    if (!parsed) {
      std::cerr << program << ": error: unknown sample format '" << request.format << "': use float, 16 or 24\n";
      return 1;
    }
    options.format = *parsed;
  }
  auto plan = planOutput(*container, options.format.value_or(defaultSampleFormat(*container)), instance.channels(),
                         std::llround(std::min(request.seconds * instance.sampleRate(), 0x1p62)));
  if (!plan.note.empty() && !request.quiet)
    std::cerr << program << ": note: '" << request.output << "': " << plan.note << '\n';
  // The MIDI file's events at their frames, read before the render starts (MidiFileSource).
  std::unique_ptr<MidiFileSource> midi;
  if (!request.midi.empty()) {
    MidiFileResult read = readMidiFile(request.midi);
    if (!read.ok()) {
      std::cerr << program << ": error: " << read.error << '\n';
      return 1;
    }
    if (!instance.usesMidi())
      std::cerr << program << ": warning: --midi '" << request.midi
                << "': the patch has no MIDI object (Notein, Midictl, Bendin, Touchin, CtlScan, RawMidi), so its "
                   "events change nothing\n";
    midi = std::make_unique<MidiFileSource>(midiFileEventsAtFrames(read.file, instance.sampleRate()));
    instance.setMidiSource(midi.get());
  } else {
    midi = attachScriptMidi(instance);
  }
  struct Detach {
    PatchInstance& instance;
    ~Detach() { instance.setMidiSource(nullptr); }
  } detach{instance};
  // The MIDI messages the patch sends, taken after each chunk (its queue holds 1024) for --midi-out.
  std::vector<MidiEvent> sent;
  uint64_t dropped = 0;
  if (!request.midiOut.empty()) {
    // Before anything is rendered: a rate whose frames no MIDI tempo makes ticks of writes neither file.
    if (std::string why; !frameTicks(instance.sampleRate(), why)) {
      std::cerr << program << ": error: cannot write MIDI file '" << request.midiOut << "': " << why << '\n';
      return 1;
    }
    if (!midiOutQueue(instance))
      std::cerr << program << ": warning: --midi-out '" << request.midiOut
                << "': the patch sends no MIDI (Server.noteout, makenote, ctlout, ...), so the file holds none\n";
    options.afterChunk = [&] {
      takeMidiOut(instance, sent);
      dropped += takeMidiOutDropped(instance);
    };
  }
  StopSignals stopSignals;
  options.stop = StopSignals::flag();
  auto result = renderToFile(instance, options);
  if (!result) {
    std::cerr << program << ": error: " << result.error << '\n';
    if (result.stopped) stopSignals.reraise();
    return 1;
  }
  reportNonFinite(instance, "written as", program);
  stats = result.stats;
  if (!request.midiOut.empty()) {
    takeMidiOut(instance, sent);
    dropped += takeMidiOutDropped(instance);
    // What was sent before the end; of what is stamped later (a timestamp, makenote's note-off, a callback of
    // the block rendered ahead), only the note-offs of notes still on at the end, so that every note the file
    // starts also ends and no note-off ends a note it does not start.
    const int64_t end = result.stats.frames;
    std::stable_sort(sent.begin(), sent.end(), [](const MidiEvent& a, const MidiEvent& b) { return a.frame < b.frame; });
    std::vector<int> sounding(16 * 128, 0);  // notes on, by channel and key
    std::erase_if(sent, [&](const MidiEvent& e) {
      int& on = sounding[size_t(e.channel() * 128 + (e.data1 & 0x7F))];
      if (e.frame < end) {
        if (e.isNoteOn()) ++on;
        else if (e.isNoteOff() && on > 0) --on;
        return false;
      }
      if (!e.isNoteOff() || on == 0) return true;
      --on;
      return false;
    });
    if (dropped)
      std::cerr << program << ": warning: " << dropped
                << " MIDI messages were dropped: the patch sent more than its queue holds (1024) between two chunks\n";
    if (std::string error = writeMidiFile(request.midiOut, sent, instance.sampleRate(), end); !error.empty()) {
      std::cerr << program << ": error: " << error << '\n';
      return 1;
    }
  }
  return 0;
}

std::unique_ptr<MidiFileSource> attachScriptMidi(PatchInstance& instance) {
  const PatchABI& abi = instance.abi();
  if (!abi.midiSequence || abi.midiSequenceCount == 0 || !instance.usesMidi()) return nullptr;
  std::vector<MidiEvent> events;
  events.reserve(abi.midiSequenceCount);
  for (uint64_t i = 0; i < abi.midiSequenceCount; ++i) {
    const MidiBlockEvent& e = abi.midiSequence[i];
    events.push_back({e.frame, e.status, e.data1, e.data2});
  }
  auto source = std::make_unique<MidiFileSource>(std::move(events));
  instance.setMidiSource(source.get());
  return source;
}

void closeLiveMidiOut(std::unique_ptr<MidiOutput>& output, const char* program) {
  if (!output) return;
  output->stop();
  if (const uint64_t dropped = output->dropped())
    std::cerr << program << ": warning: " << dropped << " MIDI messages were not sent: the patch sent more than the "
              << "queue (1024) or the messages waiting for their time (" << MidiOutput::kPendingCapacity << ") hold\n";
  output.reset();
}

std::unique_ptr<MidiOutput> openLiveMidiOut(PatchInstance& instance, int device, const char* program) {
  if (!midiOutQueue(instance)) return nullptr;
  std::string error;
  auto output = MidiOutput::open(instance, device, error);
  if (!output) {
    std::cerr << program << ": warning: no MIDI output: " << error << "; playing without sending MIDI\n";
    return nullptr;
  }
  return output;
}

std::unique_ptr<MidiInput> openLiveMidi(PatchInstance& instance, int device, const char* program) {
  if (!instance.usesMidi()) return nullptr;
  std::string error;
  auto input = MidiInput::open(device, error);
  if (!input) {
    std::cerr << program << ": warning: no MIDI input: " << error << "; playing without MIDI\n";
    return nullptr;
  }
  instance.setMidiSource(&input->source());
  return input;
}

std::optional<int> parseMidiDevice(const std::string& text) {
  if (text == "all") return MidiInput::kAllDevices;
  if (text == "default") return MidiInput::kDefaultDevice;
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(text);
}

int listDevicesCommand(const char* program) {
  std::string error;
  auto devices = outputDevices(error);
  if (!error.empty()) {
    std::cerr << program << ": error: " << error << '\n';
    return 1;
  }
  if (devices.empty()) std::cout << "no audio output device\n";
  for (const auto& d : devices)
    std::cout << d.index << ": " << d.name << " (" << d.hostApi << ", " << d.channels << " channels, "
              << fixed(d.defaultSampleRate, 0) << " Hz)" << (d.isDefault ? " [default]" : "") << '\n';
  return 0;
}

int runProgram(const PatchABI& abi, int argc, char** argv) {
  const std::string program = argc > 0 ? std::string(argv[0]).substr(std::string(argv[0]).find_last_of('/') + 1)
                                       : "patch";
  if (std::string problem = PatchInstance::validate(abi); !problem.empty()) {
    std::cerr << program << ": error: " << problem << '\n';
    return 1;
  }
  CLI::App app{program + ": the pyo patch '" + abi.source + "' compiled by patchc (" + std::to_string(abi.channels) +
               " channels at " + fixed(abi.sampleRate, 0) + " Hz). Plays it live, or renders it with --render."};
  RenderRequest render;
  double seconds = 0, sampleRate = 0;
  bool listDevices = false, simulate = false;
  int device = -1, frames = 0;
  app.add_option("--render", render.output, "Render to this file instead of playing: .wav, .aiff, .flac, .rf64, .w64");
  auto* duration = app.add_option("-d,--duration", seconds,
                                  "Seconds to render (default 10) or to play (default 0: until Ctrl-C)")
                       ->check(CLI::NonNegativeNumber);
  app.add_option("--format", render.format, "Sample format of --render: float, 16 or 24");
  app.add_flag("-q,--quiet", render.quiet, "Print nothing on success");
  app.add_flag("--list-devices", listDevices, "List the audio output devices and exit");
  app.add_option("--device", device, "Play on this output device (an index --list-devices shows)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--sr", sampleRate, "The sample rate, which the patch was compiled for (Server(sr=...))");
  app.add_option("--buffersize", frames, "Frames per audio callback (default: the patch's buffersize)")
      ->check(CLI::Range(1, 8192));
  app.add_flag("--simulate", simulate, "Play on a simulated device (no sound card needed) and count missed deadlines");
  std::string midiDevice = "all", midiOutDevice = "all";
  if (abi.midiOut != PatchABI::kNoMidiOut) {
    app.add_option("--midi-out", render.midiOut,
                   "With --render: write the MIDI messages the patch sends (Server.noteout, makenote, ...) to this "
                   "standard MIDI file, each at its exact frame");
    app.add_option("--midi-out-device", midiOutDevice,
                   "Live MIDI output: all (default: every output, as pyo's setMidiOutputDevice(99); 99 also means "
                   "all), default, or a PortMidi device id (--list-devices lists them)");
  }
  if (abi.midiEvents != PatchABI::kNoMidi) {
    app.add_option("--midi", render.midi, "With --render: a standard MIDI file the patch's MIDI objects read");
    app.add_option("--midi-device", midiDevice,
                   "Live MIDI input: all (default: every input, as pyo's setMidiInputDevice(99)), default, or a "
                   "PortMidi device id (--list-devices lists them)");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << program << ": error: " << e.what() << " (see " << program << " --help)\n";
    return 1;
  }
  if (listDevices) {
    const int status = listDevicesCommand(program.c_str());
    if (abi.midiEvents != PatchABI::kNoMidi) std::cout << describeMidiInputs(listMidiInputs());
    if (abi.midiOut != PatchABI::kNoMidiOut) std::cout << describeMidiOutputs();
    return status;
  }
  const std::optional<int> midiInput = parseMidiDevice(midiDevice);
  if (!midiInput) {
    std::cerr << program << ": error: --midi-device must be all, default or a device id, not '" << midiDevice << "'\n";
    return 1;
  }
  const std::optional<int> midiOutput = parseMidiDevice(midiOutDevice);
  if (!midiOutput) {
    std::cerr << program << ": error: --midi-out-device must be all, default or a device id, not '" << midiOutDevice
              << "'\n";
    return 1;
  }
  if (!render.midiOut.empty() && render.output.empty()) {
    std::cerr << program << ": error: --midi-out FILE is written by --render; live, the patch sends to MIDI devices "
                            "(--midi-out-device)\n";
    return 1;
  }
  if (!render.midi.empty() && render.output.empty()) {
    std::cerr << program << ": error: --midi FILE is read by --render; live, the patch reads MIDI devices "
                            "(--midi-device)\n";
    return 1;
  }
  if (sampleRate != 0 && sampleRate != abi.sampleRate) {
    std::cerr << program << ": error: this program was compiled for " << fixed(abi.sampleRate, 0)
              << " Hz (its filters and oscillators are computed for it); build it again from a patch with "
                 "Server(sr="
              << fixed(sampleRate, 0) << ")\n";
    return 1;
  }
  try {
    PatchInstance instance(abi);
    if (!render.output.empty()) {
      if (!duration->empty() && !(seconds > 0)) {
        std::cerr << program << ": error: -d must be a positive number of seconds to render\n";
        return 1;
      }
      render.seconds = duration->empty() ? 10.0 : seconds;
      RenderStats stats;
      const int status = renderCommand(instance, render, program.c_str(), stats);
      if (status == 0 && !render.quiet)
        std::cout << "rendered " << fixed(stats.audioSeconds, 2) << " s of audio to " << render.output << ": "
                  << fixed(stats.realTimeFactor(), 1) << "x real time\n";
      return status;
    }
    PlayOptions options;
    options.seconds = seconds;
    options.device = device;
    options.framesPerBuffer = frames;
    options.simulate = simulate;
    StopSignals stopSignals;
    options.stop = StopSignals::flag();
    // The script's own MIDI (a MidiFile it plays) when it has some; else the devices.
    auto scriptMidi = attachScriptMidi(instance);
    auto midi = scriptMidi ? nullptr : openLiveMidi(instance, *midiInput, program.c_str());
    auto midiOut = openLiveMidiOut(instance, *midiOutput, program.c_str());
    auto result = playLive(instance, options);
    closeLiveMidiOut(midiOut, program.c_str());  // sends what is due and the note-offs still waiting
    instance.setMidiSource(nullptr);
    if (!result) {
      std::cerr << program << ": error: " << result.error << '\n';
      return 1;
    }
    reportNonFinite(instance, "played as", program.c_str());
    return 0;
  } catch (const StateAllocationFailed& e) {
    std::cerr << program << ": error: " << e.what() << '\n';
  } catch (const std::bad_alloc&) {
    std::cerr << program << ": error: out of memory\n";
  }
  return 1;
}

}  // namespace patchc::runtime
