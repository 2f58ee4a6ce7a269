// SndTable: a sound file read when compiling, one channel per lane, at the file's sample rate.
#include "stdlib/tables/Fill.h"
#include "stdlib/tables/refill/SoundEdits.h"

using namespace patchc;
using namespace patchc::tables;

PATCHC_TABLE(SndTable) {
  spec.doc = "A sound file's samples, read when compiling (paths relative to the patch, as SfPlayer's).";
  spec.parameter(path("path", "the sound file (None: one second of silence per initchnls channel)"));
  spec.parameter(none(number("chnl", 0, "the one channel to read (None: all of them)")));
  spec.parameter(number("start", 0, "seconds skipped at the start of the file"));
  spec.parameter(none(number("stop", 0, "where to stop reading, in seconds (None: the end)")));
  spec.parameter(number("initchnls", 1, "channels of silence when there is no path"));
  spec.algorithm = "libsndfile's samples from start to stop, as pyo cuts them; guard point = the first sample";
  spec.differences = "pyo also takes a list of paths (their channels side by side); patchc takes one path";
  spec.fill = [](const TableArguments& args, const TableContext& context) {
    TableContents contents;
    if (args[0].none) {
      const double chnls = std::floor(args[4].number);
      if (!(chnls >= 1 && chnls <= 64)) throw TableArgumentError(4, "initchnls must be between 1 and 64");
      const size_t size = static_cast<size_t>(context.serverSampleRate);
      contents.channels.assign(static_cast<size_t>(chnls), std::vector<float>(size + 1, 0.0f));
      return contents;
    }
    TableSound sound = context.readSound(args[0].text, 0);
    const double rate = sound.sampleRate;
    const long frames = static_cast<long>(sound.channels.at(0).size());
    // pyo's cut, in its floats (SoundEdits.h): the sizes a callback's setSound() gives too.
    int64_t start = 0, stop = 0;
    soundCut(static_cast<float>(args[2].number), args[3].none ? -1.0f : static_cast<float>(args[3].number),
             static_cast<float>(rate), frames, start, stop);
    if (stop - start < 1) throw TableArgumentError(2, "SndTable's start leaves no sample to read");
    std::vector<size_t> read;
    if (args[1].none) {
      for (size_t c = 0; c < sound.channels.size(); ++c) read.push_back(c);
    } else {
      const double chnl = std::floor(args[1].number);
      if (!(chnl >= 0 && chnl < static_cast<double>(sound.channels.size())))
        throw TableArgumentError(1, "the file has " + std::to_string(sound.channels.size()) + " channel(s): chnl " +
                                        "must be between 0 and " + std::to_string(sound.channels.size() - 1));
      read.push_back(static_cast<size_t>(chnl));
    }
    for (size_t c : read) {
      const auto& samples = sound.channels[c];
      std::vector<float> channel(samples.begin() + start, samples.begin() + stop);
      channel.push_back(channel[0]);
      contents.channels.push_back(std::move(channel));
    }
    contents.sampleRate = rate;
    return contents;
  };
}
