// Compress(input, thresh, ratio, risetime, falltime, lookahead, knee, outputAmp): a feed-forward peak compressor
// (Giannoulis, Massberg & Reiss, "Digital Dynamic Range Compressor Design", JAES 2012: level detection, gain
// computer in dB with a knee, gain applied to the signal) with pyo 1.0.4's detector, knee and look-ahead.
#include "stdlib/kernels/Compress.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::compress;

PATCHC_KERNEL_INIT(Compress) {
  auto* state = static_cast<compress::State*>(state_);
  state->follower = 0.0f;
  state->writeIndex = 0;
  state->length = lineLength(env->sampleRate);
}

PATCHC_KERNEL_PROCESS(Compress) {
  auto* state = static_cast<compress::State*>(state_);
  float* line = reinterpret_cast<float*>(state + 1);
  const int length = state->length;
  const int delay = lookaheadSamples(in[kLookahead].value(), env->sampleRate, length);
  const bool gainOnly = in[kOutputAmp].value() != 0.0f;
  const float knee = kneeShape(in[kKnee].value());

  // Once per block, as pyo reads them (its buffer is 256 samples).
  float risetime = in[kRisetime][0], falltime = in[kFalltime][0];
  if (!(risetime > 0.0f)) risetime = 0.001f;
  if (!(falltime > 0.0f)) falltime = 0.001f;
  const float rise = std::exp(-1.0f / (env->sampleRate * risetime));
  const float fall = std::exp(-1.0f / (env->sampleRate * falltime));
  const float slope = 1.0f / in[kRatio][0];  // output dB per input dB above the threshold
  // The knee: the threshold moves up by up to 3 dB, and the ratio eases in from up to 9 dB below it.
  float thresh = in[kThresh][0] + 3.0f * knee;
  if (thresh > 0.0f) thresh = 0.0f;
  const float curve = knee * 0.999f + 0.001f;
  const float above = std::pow(10.0f, thresh * 0.05f);
  const float kneeStart = std::pow(10.0f, (thresh - (knee * 8.5f + 0.5f)) * 0.05f);
  const float kneeScale = 1.0f / (above - kneeStart);

  float follower = state->follower;
  int writeIndex = state->writeIndex;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    const float level = std::fabs(x);
    follower = level + (follower < level ? rise : fall) * (follower - level);

    int readIndex = writeIndex - delay;
    if (readIndex < 0) readIndex += length;
    const float delayed = line[readIndex];
    line[writeIndex] = x;
    if (++writeIndex == length) writeIndex = 0;

    float gain = 1.0f;
    if (follower > kneeStart) {
      float ratio = slope;  // above the knee: the full ratio
      if (follower <= above) {
        const float position = (follower - kneeStart) * kneeScale;  // 0 at the knee's foot, 1 at the threshold
        ratio = (curve + 1.0f) * position / (curve + position) * (slope - 1.0f) + 1.0f;
      }
      const float overshoot = 20.0f * std::log10(follower + 1e-20f) - thresh;
      gain = std::pow(10.0f, -(overshoot - overshoot * ratio) * 0.05f);
    }
    gain = !(gain >= 1e-20f) ? 1e-20f : (gain > 1.0f ? 1.0f : gain);  // (pyo lets a NaN through)
    out[i] = gainOnly ? gain : delayed * gain;
  }
  state->follower = follower;
  state->writeIndex = writeIndex;
}
