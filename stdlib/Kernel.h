// The ABI between generated code and the stdlib kernels.
//
// Kernels are plain C++ compiled twice: natively (unit tests, reference) and by clang-16 to bitcode that the
// code generator links into each patch and inlines. Every kernel works on ONE lane of a node:
//
//   extern "C" void patchc_<Op>_init(void* state, const In* in, const Env* env, uint32_t seed);
//   extern "C" void patchc_<Op>_process(void* state, const In* in, float* const* out, int n, const Env* env);
//
// `out` holds one block pointer per output of the object (Registry.h's ObjectSpec::outputs: Pan's `outs`,
// STRev's left and right), for this lane. Most objects have one: PATCHC_KERNEL_PROCESS gives their body
// `float* out`, out[0], so they are written as if the ABI had one pointer (after inlining, the code generator's
// one-element array folds away). An object with several outputs defines PATCHC_KERNEL_PROCESS_OUTPUTS and writes
// out[k][i], k in the order its declaration names them.
//
// `in` holds the op's inputs in registry order. An input is a pointer plus a stride: stride 1 for an audio
// buffer, stride 0 for a constant or a control value. When the code generator passes a constant through a
// constant global with stride 0, LLVM folds it after inlining, so a kernel written once per sample is
// specialized per rate for free (coefficient math on a constant input is hoisted or folded away).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace patchc::kernel {

struct In {
  const float* p;
  int stride;
  float operator[](int i) const { return p[i * stride]; }
  // The value of a constant-only input (registry: InputKind::Constant).
  float value() const { return p[0]; }
  // An array input (registry: InputKind::Array): `p` points to `stride` numbers known when compiling, e.g.
  // Linseg's breakpoints or one channel of a sound file read by the compiler.
  int count() const { return stride; }
};

// Lane blocks: an op may also export
//   extern "C" void patchc_<Op>_processLanes(char* states, int stateStride, const LaneIn* in, float* out,
//                                            int outLaneStride, int outSampleStride, int lanes, int n,
//                                            const Env* env);
// which runs `lanes` lanes of one node at once (lane l's state at states + l·stateStride, its sample i at
// out[l·outLaneStride + i·outSampleStride]), so that the loop over lanes vectorizes: a bank of oscillators is
// where SIMD across voices wins (DESIGN §6). The code generator lays such a node's output frame by frame
// (outLaneStride 1), so each sample's lanes are stored as one vector. It must give the same samples as calling
// process lane by lane. Input k of lane l at sample i is in[k].at(l, i); the code generator passes constant
// strides, which fold after inlining. With outLaneStride 1 and outSampleStride at least `lanes` rounded up to
// a multiple of kLaneBlock (the code generator pads frame-major buffers so), a kernel may store whole lane
// blocks: the lanes past `lanes` land in the padding, and the last block needs no masked stores.
struct LaneIn {
  const float* p;
  int laneStride;
  int sampleStride;
  float at(int lane, int i) const { return p[lane * laneStride + i * sampleStride]; }
};

// Lanes computed together: four AVX-512 vectors of floats. More than one vector, because a voice with feedback
// (SineLoop) depends on its previous sample: independent voices side by side hide that latency.
constexpr int kLaneBlock = 64;
constexpr int kMaxFrames = 256;  // the most frames a process call gets

// The padding of a frame-major output (see lane blocks above): `lanes` rounded up to whole kLaneBlocks. The code
// generator lays its buffers out so; a kernel asks outputPadded before it stores whole blocks.
constexpr int paddedLanes(int lanes) { return (lanes + kLaneBlock - 1) / kLaneBlock * kLaneBlock; }
inline bool outputPadded(int lanes, int outLaneStride, int outSampleStride) {
  return outLaneStride == 1 && outSampleStride >= paddedLanes(lanes);
}

struct Env {
  float sampleRate;
  float inverseSampleRate;
};

constexpr float kPi = 3.14159265358979323846f;
constexpr float kTwoPi = 6.28318530717958647692f;

// Uniform float in [-1, 1) from a 32-bit xorshift state; deterministic across builds and platforms.
inline float whiteNoise(uint32_t& state) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return static_cast<float>(static_cast<int32_t>(state)) * (1.0f / 2147483648.0f);
}

}  // namespace patchc::kernel

#define PATCHC_KERNEL_INIT(Op) \
  extern "C" void patchc_##Op##_init(void* state_, const ::patchc::kernel::In* in, \
                                     const ::patchc::kernel::Env* env, uint32_t seed)
#define PATCHC_KERNEL_PROCESS_LANES(Op)                                                                      \
  extern "C" void patchc_##Op##_processLanes(char* states, int stateStride,                                     \
                                             const ::patchc::kernel::LaneIn* __restrict in, float* __restrict out, \
                                             int outLaneStride, int outSampleStride, int lanes, int n,            \
                                             const ::patchc::kernel::Env* env)
// One output: the body sees `float* out` (see the ABI above).
#define PATCHC_KERNEL_PROCESS(Op)                                                                                  \
  static inline __attribute__((always_inline)) void patchc_##Op##_processOne(                                     \
      void* state_, const ::patchc::kernel::In* __restrict in, float* __restrict out, int n,                       \
      const ::patchc::kernel::Env* env);                                                                           \
  extern "C" void patchc_##Op##_process(void* state_, const ::patchc::kernel::In* __restrict in,                  \
                                        float* const* __restrict out, int n, const ::patchc::kernel::Env* env) {   \
    patchc_##Op##_processOne(state_, in, out[0], n, env);                                                          \
  }                                                                                                                \
  static inline void patchc_##Op##_processOne(void* state_, const ::patchc::kernel::In* __restrict in,            \
                                              float* __restrict out, int n, const ::patchc::kernel::Env* env)
// Several outputs: the body writes out[k][i].
#define PATCHC_KERNEL_PROCESS_OUTPUTS(Op)                                                                          \
  extern "C" void patchc_##Op##_process(void* state_, const ::patchc::kernel::In* __restrict in,                  \
                                        float* const* __restrict out, int n, const ::patchc::kernel::Env* env)
