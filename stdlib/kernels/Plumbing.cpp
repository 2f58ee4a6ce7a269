// The glue the code generator puts between kernels: clearing and summing buffers (Mix, out()), and pyo's
// post-processing `out = out * mul + add`, which every object has.
#include "stdlib/Kernel.h"

using patchc::kernel::In;

extern "C" void patchc_clear(float* __restrict buffer, int n) {
  for (int i = 0; i < n; ++i) buffer[i] = 0.0f;
}

// `source` is one lane of a node's block: its samples are `stride` floats apart (1 lane-major, lanes frame-major).
extern "C" void patchc_accumulate(float* __restrict destination, const float* __restrict source, int stride, int n) {
  for (int i = 0; i < n; ++i) destination[i] += source[i * stride];
}

// One lane of an input gathered into a frame-major scratch block (`destination` is its lane of frame 0, frames
// `destinationStride` floats apart), for a lane-block kernel whose input lanes follow no base + lane·stride
// pattern.
extern "C" void patchc_gatherLane(float* __restrict destination, int destinationStride, const float* __restrict source,
                                  int stride, int n) {
  // Scalar: vectorized, the strided stores become scatters, slower than one move per sample.
#ifdef __clang__
#pragma clang loop vectorize(disable)
#endif
  for (int i = 0; i < n; ++i) destination[i * destinationStride] = source[i * stride];
}

extern "C" void patchc_muladd(float* __restrict out, int stride, const In* __restrict mul, const In* __restrict add,
                              int n) {
  for (int i = 0; i < n; ++i) out[i * stride] = out[i * stride] * (*mul)[i] + (*add)[i];
}

// out() for a frame-major block (a lane-block node): lane l of each frame goes to channel (first + l) % channels.
// Summing a frame's lanes is a reduction over contiguous memory; letting clang reorder it (a tree of vector adds
// instead of lane after lane) makes it vectorize, at the cost of float rounding in the order of the sum.
// `block` points at the first lane summed; a frame holds `stride` lanes, of which `lanes` are summed.
// `gain` is the node's mul when only out() reads the node: applied to each channel's sum instead of to every lane.
extern "C" void patchc_accumulateFrames(float* const* __restrict outputs, int channels, int first, int offset,
                                        const float* __restrict block, int stride, int lanes, int n, float gain) {
  for (int c = 0; c < channels && c < lanes; ++c) {
    float* __restrict out = outputs[(first + c) % channels] + offset;
    // The frames one by one, so that what vectorizes is the sum over a frame's lanes (contiguous), not the
    // frames (which would gather every lane across frames).
#ifdef __clang__
#pragma clang loop vectorize(disable) unroll(disable)
#endif
    for (int i = 0; i < n; ++i) {
#ifdef __clang__
#pragma clang fp reassociate(on)
#endif
      float sum = 0.0f;
      for (int l = c; l < lanes; l += channels) sum += block[i * stride + l];
      out[i] += gain * sum;
    }
  }
}
