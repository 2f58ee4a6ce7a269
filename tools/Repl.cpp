#include "tools/Repl.h"

#include "runtime/AudioPlayer.h"
#include "runtime/Denormals.h"
#include "runtime/FileRenderer.h"
#include "runtime/MidiFile.h"
#include "runtime/Program.h"
#include "runtime/TemporaryFile.h"
#include "tools/ReadSource.h"
#include "tools/ReplInput.h"
#include "tools/ReplSession.h"

#include <editline/readline.h>
#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <sys/stat.h>
#include <unistd.h>

namespace patchc {

namespace {

const char* const kHelp =
    "Each statement changes the running patch; a statement that does not compile changes nothing.\n"
    "A block (def, for, class, if) ends with a blank line.\n"
    "  :graph [--dot]   the playing patch's graph after the optimizer (--dot: Graphviz)\n"
    "  :remarks         what the optimizer did to it, and the tips it could not apply\n"
    "  :list            the session as a script\n"
    "  :play / :stop    start / stop the sound (the patch keeps its state)\n"
    "  :wait SECONDS    let it play (--offline: render) that long before the next line\n"
    "  :save FILE       write the session as a patch that plays what you hear\n"
    "  :load FILE       replace the session by a patch\n"
    "  :help            this text\n"
    "  :quit            leave (also Ctrl-D)\n";

const char* const kCommands[] = {":graph", ":remarks", ":list", ":play", ":stop", ":wait",
                                 ":save", ":load", ":help", ":quit"};

// ---- input ----

class LineSource {
public:
  virtual ~LineSource() = default;
  // False at the end of input.
  virtual bool next(std::string& line, bool continuing) = 0;
};

class StreamLines final : public LineSource {
public:
  explicit StreamLines(std::istream& in) : in_(in) {}
  bool next(std::string& line, bool) override { return bool(std::getline(in_, line)); }

private:
  std::istream& in_;
};

// Completion (libedit calls plain functions): the session whose names are offered.
ReplSession* gCompleting = nullptr;
std::vector<std::string> gMatches;
size_t gNextMatch = 0;

char* nextMatch(const char*, int state) {
  if (state == 0) gNextMatch = 0;
  if (gNextMatch >= gMatches.size()) return nullptr;
  return strdup(gMatches[gNextMatch++].c_str());
}

// The object whose call the cursor is in: the name before the innermost '(' still open at `end`.
std::string enclosingCall(const std::string& line, size_t end) {
  int depth = 0;
  for (size_t i = end; i-- > 0;) {
    const char c = line[i];
    if (c == ')' || c == ']') ++depth;
    else if ((c == '(' || c == '[') && depth > 0) --depth;
    else if (c == '(') {
      size_t stop = i;
      while (stop > 0 && std::isspace((unsigned char)line[stop - 1])) --stop;
      size_t begin = stop;
      while (begin > 0 && (std::isalnum((unsigned char)line[begin - 1]) || line[begin - 1] == '_')) --begin;
      return line.substr(begin, stop - begin);
    }
  }
  return {};
}

char** complete(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;
  gMatches.clear();
  const std::string word(text);
  const std::string line(rl_line_buffer ? rl_line_buffer : "");
  auto offer = [&](const std::string& candidate) {
    if (candidate.compare(0, word.size(), word) == 0) gMatches.push_back(candidate);
  };
  if (line.find_first_not_of(" \t") == size_t(start) && !word.empty() && word[0] == ':') {
    for (const char* command : kCommands) offer(command);
  } else if (gCompleting && !(start > 0 && line[size_t(start) - 1] == '.')) {
    const std::string call = enclosingCall(line, size_t(std::min<int>(end, int(line.size()))));
    if (!call.empty())
      for (const auto& keyword : gCompleting->keywordsOf(call)) offer(keyword + "=");
    for (const auto& name : gCompleting->completions()) offer(name);
  }
  // Nothing after a name: what follows it ('(', '.', ' ') is the user's.
  rl_completion_append_character = '\0';
  if (gMatches.empty()) return nullptr;
  return rl_completion_matches(text, nextMatch);
}

std::atomic<bool> gInterrupted{false};
extern "C" void onReplInterrupt(int) { gInterrupted.store(true); }

// The terminal: libedit's readline, with history in ~/.patchc_history and completion of the session's names.
class EditedLines final : public LineSource {
public:
  explicit EditedLines(ReplSession& session) {
    gCompleting = &session;
    rl_readline_name = "patchc";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{(,[+-*/%";
    using_history();
    stifle_history(1000);
    if (const char* home = std::getenv("HOME")) historyPath_ = std::string(home) + "/.patchc_history";
    if (!historyPath_.empty()) read_history(historyPath_.c_str());
  }
  ~EditedLines() override {
    if (!historyPath_.empty()) write_history(historyPath_.c_str());
    gCompleting = nullptr;
  }
  bool next(std::string& line, bool continuing) override {
    char* read = readline(continuing ? "... " : ">>> ");
    if (!read) return false;
    line = read;
    std::free(read);
    if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
    return true;
  }

private:
  std::string historyPath_;
};

// ---- sound ----

// Live playback on its own thread, so that the prompt stays free.
class LivePlayer {
public:
  LivePlayer(runtime::LivePatch& live, runtime::PlayOptions options) : live_(live), options_(options) {
    options_.stop = &stop_;
    options_.catchInterrupt = false;  // Ctrl-C belongs to the prompt
  }
  ~LivePlayer() { stop(); }
  bool playing() const { return thread_.joinable() && !finished_.load(); }
  void play() {
    if (playing()) return;
    stop();
    stop_ = 0;
    finished_ = false;
    live_.setRenderingElsewhere(true);
    thread_ = std::thread([this] {
      auto result = runtime::playLive(live_, options_);
      if (!result) std::cerr << "patchc: error: " << result.error << '\n';
      live_.setRenderingElsewhere(false);
      finished_ = true;
    });
    // Until the device runs, nothing renders: say so once it failed.
  }
  void stop() {
    stop_ = 1;
    if (thread_.joinable()) thread_.join();
    live_.setRenderingElsewhere(false);
  }

private:
  runtime::LivePatch& live_;
  runtime::PlayOptions options_;
  volatile std::sig_atomic_t stop_ = 0;
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

// What an offline session rendered, played back to renderToFile (which writes it atomically in any format).
class Recording final : public runtime::PlaybackTarget {
public:
  Recording(int channels, double sampleRate) : channels_(size_t(channels)), sampleRate_(sampleRate) {}
  void append(runtime::LivePatch& live, int64_t frames, bool silent) {
    std::vector<std::vector<float>> block = silent ? std::vector<std::vector<float>>(channels_.size(), std::vector<float>(size_t(frames)))
                                                   : runtime::renderToBuffer(live, frames);
    for (size_t c = 0; c < channels_.size(); ++c) channels_[c].insert(channels_[c].end(), block[c].begin(), block[c].end());
  }
  int64_t frames() const { return channels_.empty() ? 0 : int64_t(channels_[0].size()); }
  int channels() const override { return int(channels_.size()); }
  double sampleRate() const override { return sampleRate_; }
  int bufferSize() const override { return 4096; }
  void render(float** outputs, int frames) noexcept override {
    for (size_t c = 0; c < channels_.size(); ++c)
      std::memcpy(outputs[c], channels_[c].data() + read_, sizeof(float) * size_t(frames));
    read_ += size_t(frames);
  }
  void printReports(std::FILE*) override {}

private:
  std::vector<std::vector<float>> channels_;
  double sampleRate_;
  size_t read_ = 0;
};

// Where the session's sound goes (a device thread, or offline a Recording) and where its MIDI comes from. Made for
// the session's LivePatch; when a Server changes the channels or the sample rate, the session plays a new one
// (ReplOptions::restart): detach() before, attach() after.
class SessionAudio {
public:
  explicit SessionAudio(const ReplFlags& flags) : flags_(flags) {}
  ~SessionAudio() { detach(); }

  // Reads the MIDI file or opens the MIDI device the flags name; false after printing why.
  bool open() {
    if (!flags_.midi.empty()) {
      runtime::MidiFileResult read = runtime::readMidiFile(flags_.midi);
      if (!read.ok()) {
        std::cerr << "patchc: error: " << read.error << '\n';
        return false;
      }
      midiFile_ = std::move(read.file);
    } else if (!flags_.midiDevice.empty()) {
      std::string error;
      const int device = runtime::parseMidiDevice(flags_.midiDevice).value_or(runtime::MidiInput::kAllDevices);
      midiInput_ = runtime::MidiInput::open(device, error);
      if (!midiInput_) std::cerr << "patchc: warning: no MIDI input: " << error << "; the session goes on without MIDI\n";
    }
    return true;
  }

  // Whether the session may go on with another channel count or sample rate: offline, only while nothing is
  // recorded (one sound file has one format). Prints why not.
  bool mayRestart() const {
    if (!recording_ || recording_->frames() == 0) return true;
    std::cerr << fmt::format("patchc: error: this offline session has recorded {:.3f} s at {} channels and {} Hz; "
                             "a Server with others needs a new session; nothing changed\n",
                             double(recording_->frames()) / recording_->sampleRate(), recording_->channels(),
                             recording_->sampleRate());
    return false;
  }

  // MIDI on the session's clock (frame 0 is the session's start; offline, the virtual clock), then the sound.
  void attach(runtime::LivePatch& live, bool play) {
    live_ = &live;
    if (midiFile_) {
      midiSource_ = std::make_unique<runtime::MidiFileSource>(runtime::midiFileEventsAtFrames(*midiFile_, live.sampleRate()));
      live.setMidiSource(midiSource_.get());
    } else if (midiInput_) {
      live.setMidiSource(&midiInput_->source());
    }
    if (flags_.offline) {
      recording_ = std::make_unique<Recording>(live.channels(), live.sampleRate());
      return;
    }
    runtime::PlayOptions options;
    options.simulate = flags_.simulate;
    options.device = flags_.device;
    player_ = std::make_unique<LivePlayer>(live, options);
    if (play) player_->play();
  }

  // Stops the sound and detaches the MIDI source; whether it was playing.
  bool detach() {
    const bool wasPlaying = player_ ? player_->playing() : offlinePlaying;
    player_.reset();
    if (live_) live_->setMidiSource(nullptr);
    live_ = nullptr;
    return wasPlaying;
  }

  LivePlayer* player() { return player_.get(); }
  Recording* recording() { return recording_.get(); }
  bool offlinePlaying = true;  // offline, :stop renders silence until :play

private:
  const ReplFlags& flags_;
  std::optional<runtime::MidiFile> midiFile_;
  std::unique_ptr<runtime::MidiFileSource> midiSource_;
  std::unique_ptr<runtime::MidiInput> midiInput_;
  runtime::LivePatch* live_ = nullptr;
  std::unique_ptr<LivePlayer> player_;
  std::unique_ptr<Recording> recording_;
};

std::string argumentOf(const std::string& command) {
  const size_t space = command.find_first_of(" \t");
  if (space == std::string::npos) return {};
  const size_t begin = command.find_first_not_of(" \t", space);
  if (begin == std::string::npos) return {};
  const size_t end = command.find_last_not_of(" \t");
  return command.substr(begin, end - begin + 1);
}

}  // namespace

int runRepl(const CompileOptions& compileOptions, const ReplFlags& flags) {
  ReplOptions options;
  options.compile = compileOptions;
  options.fadeSeconds = flags.fadeMilliseconds / 1000.0;
  options.reuseCode = flags.reuseCode;
  // Offline, time is the script's: nothing gained by quick code, and the render stays exactly -O2's.
  options.tieredCompile = flags.tiered && !flags.offline;
  SessionAudio audio(flags);
  bool audioAttached = false, wasPlaying = true;
  // A Server with other channels or another sample rate: a new LivePatch, and the sound and MIDI moved to it.
  options.restart = [&](int channels, double sampleRate) {
    if (!audioAttached) return true;  // the first version
    if (!audio.mayRestart()) return false;
    wasPlaying = audio.detach();
    std::cerr << fmt::format("patchc: note: the session now plays {} channels at {} Hz: the sound restarts, nothing "
                             "of the patch before carries over\n", channels, sampleRate);
    return true;
  };
  options.restarted = [&](runtime::LivePatch& live) {
    if (audioAttached) audio.attach(live, wasPlaying);
  };
  ReplSession session(options, std::cout, std::cerr);
  // A patch to start from is the first version: its Server decides the channels and sample rate played.
  std::string initial;
  if (!flags.file.empty()) {
    auto source = readSource(flags.file, compileOptions.limits);
    if (!source) return 1;
    initial = source->text();
  }
  if (!audio.open() || !session.start(initial)) return 1;
  // Detached before the session goes (its LivePatch with it): declared after it.
  struct Attached {
    SessionAudio& audio;
    ~Attached() { audio.detach(); }
  } attached{audio};
  audio.attach(session.live(), true);
  audioAttached = true;
  bool notedMidi = false, notedMidiOut = false;
  auto noteMidi = [&] {
    if (!notedMidiOut && session.sendsMidi()) {
      // Both versions of a crossfade run their handlers: sending needs one queue per session, not per version.
      std::cerr << "patchc: note: the REPL does not send MIDI yet: noteout, makenote and the other MIDI out calls "
                   "are dropped here (patchc render --midi-out, patchc run and built programs send them)\n";
      notedMidiOut = true;
    }
    if (notedMidi || !session.usesMidi() || session.live().midiFeed().source() || !flags.midiDevice.empty()) return;
    std::cerr << "patchc: note: the patch's MIDI objects (Notein, Midictl, ...) read no events in this session: "
                 "start it with --midi FILE.mid or --midi-device all\n";
    notedMidi = true;
  };
  noteMidi();
  if (LivePlayer* player = audio.player()) {
    // A device that cannot open fails at once: say what the session does without one (the simulated one opens).
    for (int waited = 0; waited < 300 && !flags.simulate && player->playing(); waited += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!player->playing())
      std::cerr << "patchc: note: the session goes on without sound (:play tries again; --simulate plays on a "
                   "simulated device)\n";
  }

  std::ifstream scriptFile;
  std::unique_ptr<LineSource> lines;
  const bool interactive = flags.script.empty() && !flags.offline && ::isatty(STDIN_FILENO);
  if (!flags.script.empty()) {
    scriptFile.open(flags.script);
    if (!scriptFile) {
      std::cerr << fmt::format("patchc: error: cannot read '{}': {}\n", flags.script, std::strerror(errno));
      return 1;
    }
    lines = std::make_unique<StreamLines>(scriptFile);
  } else if (interactive) {
    lines = std::make_unique<EditedLines>(session);
  } else {
    lines = std::make_unique<StreamLines>(std::cin);
  }
  if (interactive && !flags.quiet)
    std::cout << fmt::format("patchc {} Hz, {} channels{}. :help for commands, Ctrl-D to leave.\n",
                             session.live().sampleRate(), session.live().channels(),
                             flags.simulate ? ", on the simulated device" : "");

  struct sigaction previous {};
  if (interactive) {
    struct sigaction action {};
    action.sa_handler = onReplInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous);
  }

  int edits = 0;
  std::map<int, int> editOfVersion;  // --timings: session versions by the edit that made them
  auto runStatement = [&](const std::string& text) {
    const auto begin = std::chrono::steady_clock::now();
    const int64_t swapsBefore = session.live().swapsTaken();
    if (!session.execute(text)) return;
    noteMidi();
    if (!flags.timings) return;
    ++edits;
    editOfVersion[session.versions()] = edits;
    const double compiled = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    std::string heard = "not playing";
    if (LivePlayer* player = audio.player(); player && player->playing()) {
      // The audio thread takes the new patch at its next block boundary (a restarted session: at once).
      while (session.live().swapsTaken() == swapsBefore && player->playing())
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      heard = fmt::format("{:.1f} ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
    }
    const StageTimes& times = session.lastTimes();
    const codegen::ObjectCache& cache = session.objectCache();
    std::cout << fmt::format("edit {}: compiled in {:.1f} ms (elaborate {:.1f}, passes {:.1f}, IR {:.1f}, units keyed "
                             "{:.1f}, {} compiled in {:.1f} and {} reused, jit {:.1f}), playing after {}\n",
                             edits, compiled, times.parse + times.elaborate, times.passes, times.codegen,
                             cache.keyMilliseconds, session.unitsCompiled(), cache.compileMilliseconds,
                             session.unitsReused(), times.jit, heard);
  };
  // --timings: a tiered compile's second step, once done.
  auto printUpgrades = [&] {
    if (!flags.timings) return;
    for (const auto& upgrade : session.takeUpgrades()) {
      auto edit = editOfVersion.find(upgrade.version);
      if (edit == editOfVersion.end()) continue;
      std::cout << fmt::format("edit {}: full level: {} units in {:.1f} ms, playing after {}\n", edit->second,
                               upgrade.units, upgrade.compileMs,
                               upgrade.heardMs < 0 ? "not playing" : fmt::format("{:.1f} ms", upgrade.heardMs));
    }
  };

  bool quit = false;
  auto runCommand = [&](const std::string& command) {
    std::istringstream words(command);
    std::string name;
    words >> name;
    const std::string argument = argumentOf(command);
    if (name == ":quit" || name == ":q" || name == ":exit") {
      quit = true;
    } else if (name == ":help") {
      std::cout << kHelp;
    } else if (name == ":graph") {
      if (!argument.empty() && argument != "--dot") std::cerr << "patchc: error: :graph takes --dot or nothing\n";
      else std::cout << session.graph(argument == "--dot");
    } else if (name == ":remarks") {
      const std::string& remarks = session.remarks();
      std::cout << (remarks.empty() ? "no remarks: the optimizer had nothing to say about this patch\n" : remarks);
    } else if (name == ":list") {
      std::cout << session.script();
    } else if (name == ":play") {
      if (audio.player()) audio.player()->play();
      else audio.offlinePlaying = true;
    } else if (name == ":stop") {
      if (audio.player()) audio.player()->stop();
      else audio.offlinePlaying = false;
    } else if (name == ":wait") {
      char* end = nullptr;
      const double seconds = std::strtod(argument.c_str(), &end);
      if (argument.empty() || *end != '\0' || !(seconds >= 0) || seconds > 86400) {
        std::cerr << fmt::format("patchc: error: :wait takes a number of seconds, not '{}'\n", argument);
      } else if (Recording* recording = audio.recording()) {
        runtime::ScopedFlushDenormals flush;
        recording->append(session.live(), std::llround(seconds * session.live().sampleRate()), !audio.offlinePlaying);
      } else {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
      }
    } else if (name == ":save") {
      if (argument.empty()) std::cerr << "patchc: error: :save needs a file name\n";
      else if (auto error = runtime::writeFileAtomically(argument, session.script()); !error.empty())
        std::cerr << fmt::format("patchc: error: cannot write '{}': {}\n", argument, error);
      else std::cout << fmt::format("saved {} statements to {}\n", session.statements(), argument);
    } else if (name == ":load") {
      if (argument.empty()) {
        std::cerr << "patchc: error: :load needs a file name\n";
      } else if (auto source = readSource(argument, compileOptions.limits)) {
        if (session.load(source->text())) noteMidi();
      }
    } else {
      std::cerr << fmt::format("patchc: error: unknown command '{}' (:help lists them)\n", name);
    }
  };

  StatementReader reader;
  std::string line;
  while (!quit) {
    gInterrupted = false;
    if (!lines->next(line, reader.continuing())) {
      if (interactive && gInterrupted.load()) {
        // Ctrl-C: drop the statement under way, as Python's prompt does.
        std::cout << "\nKeyboardInterrupt\n";
        reader.reset();
        continue;
      }
      for (const auto& item : reader.finish()) runStatement(item.text);
      if (interactive) std::cout << '\n';
      break;
    }
    for (const auto& item : reader.feed(line)) {
      if (quit) break;
      if (item.kind == ReplItem::Kind::Command) runCommand(item.text);
      else runStatement(item.text);
    }
    session.live().collect(stdout);
    if (audio.recording()) session.live().printReports(stdout);
    printUpgrades();
  }
  if (flags.timings) {
    session.waitForUpgrade();
    printUpgrades();
  }
  if (interactive) sigaction(SIGINT, &previous, nullptr);
  if (audio.player()) audio.player()->stop();
  Recording* recording = audio.recording();
  if (!recording) return 0;

  // The offline session's sound, written at once (a reader never sees a partial file).
  runtime::RenderOptions render;
  render.path = flags.output;
  render.seconds = double(recording->frames()) / recording->sampleRate();
  if (!flags.format.empty()) render.format = runtime::parseSampleFormat(flags.format);
  if (recording->frames() == 0) {
    std::cerr << "patchc: error: the session rendered nothing: put ':wait SECONDS' lines in the script\n";
    return 1;
  }
  auto result = runtime::renderToFile(*recording, render);
  if (!result) {
    std::cerr << "patchc: error: " << result.error << '\n';
    return 1;
  }
  return 0;
}

}  // namespace patchc
