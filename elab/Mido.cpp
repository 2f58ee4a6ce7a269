#include "elab/Mido.h"

#include "elab/ElaborationError.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace patchc::elab {
namespace {

constexpr const char* kByteClass = "mido message byte";

Value instance(const std::string& className) {
  Value v;
  v.type = Value::Type::Instance;
  v.instance = std::make_shared<InstanceData>();
  v.instance->cls = std::make_shared<ClassData>();
  v.instance->cls->name = className;
  return v;
}

// The file as Python opens it (relative to the current directory), else beside the patch; an empty string and
// `error` when it cannot be read as a MIDI file.
std::string findMidiFile(const std::string& path, const std::string& patchPath, std::string& error) {
  std::filesystem::path file(path);
  std::error_code ignored;
  if (file.is_relative() && !std::filesystem::exists(file, ignored)) {
    auto beside = std::filesystem::path(patchPath).parent_path() / file;
    if (std::filesystem::exists(beside, ignored)) file = beside;
  }
  const int descriptor = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (descriptor < 0) {
    error = fmt::format("cannot read the MIDI file '{}': {}", path, std::strerror(errno));
    return {};
  }
  struct stat status {};
  char header[4] = {};
  const bool regular = ::fstat(descriptor, &status) == 0 && S_ISREG(status.st_mode);
  const bool midi = regular && ::read(descriptor, header, 4) == 4 && std::memcmp(header, "MThd", 4) == 0;
  ::close(descriptor);
  if (!regular) error = fmt::format("the MIDI file '{}' is not a regular file", path);
  else if (!midi) error = fmt::format("'{}' is not a standard MIDI file (it does not start with MThd)", path);
  return error.empty() ? file.string() : std::string();
}

// One value for every message of the file, at its time: bytes() are its status and data bytes.
Value playedMessage(const std::string& file) {
  Value message = instance("Message");
  message.instance->attributes["bytes"] = Value::makeBuiltin("bytes", [file](CallArguments& args) {
    if (!args.positional.empty() || !args.keywords.empty())
      throw ElaborationError(args.callRange, "Message.bytes() takes no arguments");
    ValueList bytes;
    for (int i = 0; i < 3; ++i) {
      Value byte = instance(kByteClass);
      byte.instance->attributes["file"] = Value::fromString(file);
      byte.instance->attributes["index"] = Value::fromInt(i);
      bytes.push_back(byte);
    }
    return Value::list(std::move(bytes));
  });
  return message;
}

bool isByte(const Value& v) { return v.type == Value::Type::Instance && v.instance->cls->name == kByteClass; }

}  // namespace

void defineMido(std::map<std::string, Value>& module, std::function<std::string()> patchPath) {
  module["MidiFile"] = Value::makeBuiltin("MidiFile", [patchPath](CallArguments& args) {
    // mido's MidiFile(filename=None, file=None, type=1, ticks_per_beat=480, charset='latin1', debug=False,
    // clip=False, tracks=None): only a file to read is a patch's input.
    if (args.positional.size() != 1 || !args.keywords.empty() || args.positional[0].type != Value::Type::String)
      throw ElaborationError(args.callRange, "patchc reads a MidiFile given its path only: MidiFile(\"file.mid\")");
    std::string error;
    std::string file = findMidiFile(args.positional[0].text, patchPath(), error);
    if (file.empty()) throw ElaborationError(args.positionalRanges[0], error);
    Value midiFile = instance("MidiFile");
    midiFile.instance->attributes["filename"] = args.positional[0];
    midiFile.instance->attributes["play"] = Value::makeBuiltin("play", [file](CallArguments& call) {
      if (!call.positional.empty() || !call.keywords.empty())
        throw ElaborationError(call.callRange, "patchc plays a MidiFile as it is: play() takes no arguments here");
      return Value::list({playedMessage(file)});
    });
    return midiFile;
  });
}

Value addMidiEvent(ir::Graph& graph, CallArguments& args) {
  // pyo's addMidiEvent(status, data1=0, data2=0).
  if (args.positional.empty() || args.positional.size() > 3 || !args.keywords.empty())
    throw ElaborationError(args.callRange, "addMidiEvent() takes status, data1 and data2 (by position)");
  ValueList given = args.positional;
  const bool fromFile = std::any_of(given.begin(), given.end(), isByte);
  if (fromFile) {
    // The bytes of a played MidiFile's message, all three in order: the file is the patch's MIDI input.
    bool inOrder = given.size() == 3;
    for (size_t i = 0; inOrder && i < 3; ++i)
      inOrder = isByte(given[i]) && given[i].instance->attributes["index"].integer == int64_t(i) &&
                given[i].instance->attributes["file"].text == given[0].instance->attributes["file"].text;
    if (!inOrder)
      throw ElaborationError(args.callRange, "patchc feeds a MidiFile to the patch only as "
                                             "`for message in mid.play(): s.addMidiEvent(*message.bytes())`");
    const std::string file = given[0].instance->attributes["file"].text;
    if (!graph.scriptMidi.file.empty() && graph.scriptMidi.file != file)
      throw ElaborationError(args.callRange, "a patch plays one MIDI file through addMidiEvent; this is a second one");
    graph.scriptMidi.file = file;
    graph.scriptMidi.origin = args.callRange;
    return Value::none();
  }
  std::array<uint8_t, 3> bytes{0, 0, 0};
  for (size_t i = 0; i < given.size(); ++i) {
    const Value& v = given[i];
    const double x = v.isNumber() ? v.toNumber() : -1;
    const double high = i == 0 ? 255 : 127;
    if (!(x >= 0 && x <= high) || x != std::floor(x))
      throw ElaborationError(args.positionalRanges[i],
                             fmt::format("addMidiEvent()'s {} must be a whole number from {} to {}",
                                         i == 0 ? "status" : i == 1 ? "data1" : "data2", i == 0 ? 128 : 0, high));
    bytes[i] = uint8_t(x);
  }
  if (bytes[0] < 0x80 || bytes[0] >= 0xF0)
    throw ElaborationError(args.positionalRanges[0], "addMidiEvent()'s status must be a channel message, 128 to 239");
  graph.scriptMidi.atStart.push_back(bytes);
  return Value::none();
}

}  // namespace patchc::elab
