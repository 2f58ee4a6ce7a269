// Biquad and Biquadx lane blocks (BiquadBank.h): processLanes gives the samples of process lane by lane, for every
// layout of inputs and output the ABI allows (Kernel.h), not only the frame-major padded one the code generator
// passes: a partial block, lanes read a block apart, an output the stages cannot run in, stage counts per lane.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "stdlib/Registry.h"
#include "tests/unit/stdlib/KernelHarness.h"

extern "C" void patchc_Biquad_processLanes(char*, int, const patchc::kernel::LaneIn*, float*, int, int, int, int,
                                           const patchc::kernel::Env*);
extern "C" void patchc_Biquadx_processLanes(char*, int, const patchc::kernel::LaneIn*, float*, int, int, int, int,
                                            const patchc::kernel::Env*);

namespace patchc::stdlibtest {
namespace {

using LanesFunction = void (*)(char*, int, const kernel::LaneIn*, float*, int, int, int, int, const kernel::Env*);

// One input of every lane: `values[lane * laneStride + i * sampleStride]` for the samples of one block.
struct LaneSignal {
  std::vector<float> values;
  int laneStride, sampleStride;
};

struct Layout {
  int outLaneStride, outSampleStride;  // in floats
};

// Renders `blocks` blocks of `lanes` lanes both ways and expects the very same samples.
void expectLanesEqualProcess(const std::string& name, LanesFunction processLanes, int lanes,
                             const std::vector<LaneSignal>& inputs, const Layout& layout, int blocks) {
  const ObjectSpec* spec = Registry::builtin().find(name);
  const KernelFunctions* kernel = kernelFunctions(name);
  ASSERT_TRUE(spec && kernel);
  const kernel::Env env{kSampleRate, 1.0f / kSampleRate};
  const int n = kBlockSize;
  ConstantInputs constants;
  for (size_t k = 0; k < inputs.size(); ++k)
    constants.values.push_back(k == 4 ? inputs[k].values[0] : NAN);  // Biquadx's stages size the state
  size_t stride = 0;
  for (int lane = 0; lane < lanes; ++lane) {
    ConstantInputs own = constants;
    if (inputs.size() > 4) own.values[4] = inputs[4].values[static_cast<size_t>(lane * inputs[4].laneStride)];
    stride = std::max(stride, spec->laneStateBytes(own, kSampleRate));
  }
  stride = (stride + 15) / 16 * 16;
  std::vector<char> together(stride * lanes), apart(stride * lanes);  // zeroed, as the runtime's state
  auto lane = [&](int l, int i, size_t k) {
    const LaneSignal& s = inputs[k];
    return kernel::In{s.values.data() + l * s.laneStride + i * s.sampleStride, s.sampleStride};
  };
  for (int l = 0; l < lanes; ++l) {
    std::vector<kernel::In> in;
    for (size_t k = 0; k < inputs.size(); ++k) in.push_back(lane(l, 0, k));
    kernel->init(together.data() + l * stride, in.data(), &env, 1);
    kernel->init(apart.data() + l * stride, in.data(), &env, 1);
  }
  std::vector<kernel::LaneIn> laneIn;
  for (const LaneSignal& s : inputs) laneIn.push_back({s.values.data(), s.laneStride, s.sampleStride});
  // Frame-major: n whole frames, padding included (Kernel.h); otherwise up to the last sample of the last lane.
  const int lastSample = (lanes - 1) * layout.outLaneStride + (n - 1) * layout.outSampleStride;
  const size_t outSize = static_cast<size_t>(layout.outLaneStride == 1 ? n * layout.outSampleStride : lastSample + 1);
  for (int block = 0; block < blocks; ++block) {
    // The inputs are the same every block; the states carry on.
    std::vector<float> out(outSize, NAN);
    processLanes(together.data(), static_cast<int>(stride), laneIn.data(), out.data(), layout.outLaneStride,
                 layout.outSampleStride, lanes, n, &env);
    for (int l = 0; l < lanes; ++l) {
      std::vector<kernel::In> in;
      for (size_t k = 0; k < inputs.size(); ++k) in.push_back(lane(l, 0, k));
      std::vector<float> y(static_cast<size_t>(n));
      float* yOut = y.data();
      kernel->process(apart.data() + l * stride, in.data(), &yOut, n, &env);
      for (int i = 0; i < n; ++i)
        ASSERT_EQ(out[static_cast<size_t>(l * layout.outLaneStride + i * layout.outSampleStride)], y[i])
            << name << " lane " << l << " of " << lanes << ", block " << block << ", sample " << i;
    }
  }
}

// Noise per lane, sample-major (a lane's block is contiguous; lanes a block apart).
LaneSignal noise(int lanes) {
  std::vector<float> x = uniformNoise(lanes * kBlockSize, 11, 0.5f);
  return {x, kBlockSize, 1};
}

LaneSignal perLane(std::vector<float> values) { return {std::move(values), 1, 0}; }
LaneSignal shared(float value) { return {{value}, 0, 0}; }

std::vector<float> spaced(int lanes, float first, float step) {
  std::vector<float> v;
  for (int l = 0; l < lanes; ++l) v.push_back(first + step * static_cast<float>(l));
  return v;
}

TEST(BiquadBank, LanesEqualProcessForEveryLayout) {
  for (int lanes : {2, 5, 32, 37}) {
    const std::vector<Layout> layouts = {
        {kBlockSize, 1},          // sample-major: the stages run in a local buffer, then are copied
        {1, lanes},               // frame-major without padding: a partial block cannot run in place
        {1, (lanes + 63) / 64 * 64}};  // frame-major padded to whole blocks, as the code generator lays it out
    for (const Layout& layout : layouts) {
      expectLanesEqualProcess("Biquad", patchc_Biquad_processLanes, lanes,
                              {noise(lanes), perLane(spaced(lanes, 200.0f, 97.0f)), shared(4.0f), shared(2.0f)},
                              layout, 3);
      expectLanesEqualProcess("Biquadx", patchc_Biquadx_processLanes, lanes,
                              {noise(lanes), perLane(spaced(lanes, 300.0f, 61.0f)), perLane(spaced(lanes, 0.7f, 0.1f)),
                               shared(0.0f), shared(3.0f)},
                              layout, 3);
    }
  }
}

TEST(BiquadBank, LanesWithStageCountsOfTheirOwnEqualProcess) {
  std::vector<float> stages = {1.0f, 4.0f, 2.0f, 2.0f, 3.0f};
  expectLanesEqualProcess("Biquadx", patchc_Biquadx_processLanes, 5,
                          {noise(5), perLane(spaced(5, 300.0f, 200.0f)), shared(2.0f), perLane({0, 1, 2, 3, 4}),
                           perLane(stages)},
                          {1, 64}, 3);
}

TEST(BiquadBank, LanesSweptAtAudioRateEqualProcess) {
  // freq per lane and per sample (sample-major), and q shared by every lane but changing per sample.
  const int lanes = 5;
  std::vector<float> sweep(static_cast<size_t>(lanes * kBlockSize)), qs(static_cast<size_t>(kBlockSize));
  for (int l = 0; l < lanes; ++l)
    for (int i = 0; i < kBlockSize; ++i) sweep[static_cast<size_t>(l * kBlockSize + i)] = 400.0f + 150.0f * l + 5.0f * i;
  for (int i = 0; i < kBlockSize; ++i) qs[static_cast<size_t>(i)] = 1.0f + 0.05f * i;
  expectLanesEqualProcess("Biquadx", patchc_Biquadx_processLanes, lanes,
                          {noise(lanes), {sweep, kBlockSize, 1}, {qs, 0, 1}, shared(2.0f), shared(3.0f)}, {1, 64}, 3);
  expectLanesEqualProcess("Biquad", patchc_Biquad_processLanes, lanes,
                          {noise(lanes), {sweep, kBlockSize, 1}, {qs, 0, 1}, shared(1.0f)}, {kBlockSize, 1}, 3);
}

}  // namespace
}  // namespace patchc::stdlibtest
