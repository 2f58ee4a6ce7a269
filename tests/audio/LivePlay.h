// Playing a runtime::LivePatch from a test, as a device thread would: the hot-swap and tiered-compile tests.
#pragma once

#include "runtime/LivePatch.h"

#include <vector>

namespace patchc::test {

// Renders `frames` in calls of `chunk` frames; returns the first channel.
inline std::vector<float> playLive(runtime::LivePatch& live, int frames, int chunk = 100) {
  std::vector<std::vector<float>> channels(size_t(live.channels()), std::vector<float>(size_t(chunk)));
  std::vector<float*> outputs;
  for (auto& c : channels) outputs.push_back(c.data());
  std::vector<float> left;
  for (int done = 0; done < frames; done += chunk) {
    live.render(outputs.data(), chunk);
    left.insert(left.end(), channels[0].begin(), channels[0].end());
  }
  return left;
}

}  // namespace patchc::test
