// Tables of given numbers: DataTable (a size in samples), NewTable (a length in seconds); both zeros unless
// `init` gives the samples, one list per channel or one list for all.
#include "stdlib/tables/Fill.h"

using namespace patchc;
using namespace patchc::tables;

namespace {

// `chnls` channels of `size` samples, from `init` as pyo's _check_data_size makes them: each channel's list
// (wrapped around the channels) padded with zeros or cut to the size; the guard point 0.
TableContents channelsFrom(const TableArguments& args, size_t chnlsIndex, size_t initIndex, size_t size) {
  const double chnls = std::floor(args[chnlsIndex].number);
  if (!(chnls >= 1 && chnls <= 64)) throw TableArgumentError(chnlsIndex, "chnls must be between 1 and 64");
  TableContents contents;
  contents.channels.assign(static_cast<size_t>(chnls), std::vector<float>(size + 1, 0.0f));
  const TableArgument& init = args[initIndex];
  if (init.none) return contents;
  std::vector<std::vector<double>> lists = init.lists;
  if (lists.empty()) lists.push_back(init.numbers);
  for (size_t c = 0; c < contents.channels.size(); ++c) {
    const auto& list = lists[c % lists.size()];
    for (size_t i = 0; i < size && i < list.size(); ++i) contents.channels[c][i] = static_cast<float>(list[i]);
  }
  return contents;
}

}  // namespace

PATCHC_TABLE(DataTable) {
  spec.doc = "A table of given samples (zeros unless init gives them).";
  spec.parameter(requiredNumber("size", "number of samples"));
  spec.parameter(number("chnls", 1, "number of channels"));
  spec.parameter(none(numbers("init", {}, "the samples: one list, or one list per channel")));
  spec.algorithm = "init padded with zeros or cut to size, as pyo; guard point 0";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    return channelsFrom(args, 1, 2, sizeArgument(args, 0, 1));
  };
}

PATCHC_TABLE(NewTable) {
  spec.doc = "An empty table of a length in seconds (zeros unless init gives samples), for TableRec to fill.";
  spec.parameter(requiredNumber("length", "length in seconds"));
  spec.parameter(number("chnls", 1, "number of channels"));
  spec.parameter(none(numbers("init", {}, "the samples: one list, or one list per channel")));
  spec.parameter(number("feedback", 0.0, "for recording into it (TableRec): the old samples' gain"));
  spec.algorithm = "size = int(length·sr + 0.5) at the server's rate; init padded or cut; guard point 0";
  spec.differences = "feedback is read when the patch is compiled: setting it from a callback has no effect yet";
  spec.fill = [](const TableArguments& args, const TableContext& context) {
    const float length = static_cast<float>(args[0].number), rate = static_cast<float>(context.serverSampleRate);
    const double size = std::floor(length * rate + 0.5);
    if (!(size >= 1)) throw TableArgumentError(0, "the length gives no sample at the server's rate");
    if (size > kMaxSize) throw TableArgumentError(0, "the length gives more than 268435456 samples");
    return channelsFrom(args, 1, 2, static_cast<size_t>(size));
  };
}
