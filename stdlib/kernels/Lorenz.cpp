// Lorenz(pitch, chaos): the Lorenz system dx = σ(y − x), dy = x(ρ − z) − y, dz = xy − βz (σ = 10, β = 8/3),
// integrated per sample with one classical Runge-Kutta (RK4) step in double; the output is x, normalized, and
// with stereo=True a second output, y, normalized the same way.
//
// - chaos (clipped to [0, 1]) sets ρ = 320 − 292·chaos: chaos 0 is ρ = 320, past the last bifurcation (ρ ≈ 313)
//   where the attractor is one symmetric limit cycle (periodic); chaos 1 is Lorenz's own ρ = 28 (chaotic).
//   In between, the system crosses the known periodic windows (ρ ≈ 250, 160, 148, 100) of mostly chaotic ground.
// - The attractor scales with its two fixed points at x = ±C, C = √(β(ρ − 1)): the output x / (3 C) keeps its
//   level whatever ρ (|x| ≤ 2.79 C measured over 10 s at every 0.01 of chaos: peaks below 0.94, RMS ≈ 0.34), and
//   the step is scaled by C(28) / C, since the orbits get faster as ρ grows, so that chaos changes the character,
//   not the speed.
// - pitch (clipped to [0, 1]) sets the step h = kSpeed·(pitch + kDrift)·(C(28) / C) / sr in the system's time:
//   the spectrum's centroid rises in proportion, from a slow LFO near 0 (an orbit every few seconds, as pyo's)
//   to a buzzing noise with harmonic peaks near 1 (centroid ≈ 390..535 Hz, pyo's 384..563), independent of the
//   sample rate.
// The state starts at (1, 1, 1), near the origin, and reaches the attractor within about one unit of time; that
// first swing (up to 1.2 at chaos 0) is clipped to [-1, 1], the only clipping in steady use.
// Only arithmetic and one square root per sample (an instruction with -fno-math-errno); NaN parameters count as 0.
#include "stdlib/kernels/Lorenz.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::lorenz;

namespace {
constexpr double kSigma = 10.0;
constexpr double kBeta = 8.0 / 3.0;
constexpr double kRhoPeriodic = 320.0;  // chaos 0
constexpr double kRhoChaotic = 28.0;    // chaos 1
constexpr double kCentre28 = 8.48528137423857;  // √(β (28 − 1)) = √72
constexpr double kSpanPerCentre = 3.0;          // output = x / (kSpanPerCentre · C)
// The y output keeps pyo's ratio of the y stream's RMS to the x stream's (0.80..0.85 measured): y · kYLevel /
// (kSpanPerCentre · C · σy/σx), where σy/σx, the attractor's own ratio of spreads, grows with ρ. Measured by
// integrating the system (RK4, h = 0.002, 150 time units) at every 0.1 of chaos, from chaos 0 (ρ 320) to 1 (ρ 28).
constexpr double kYLevel = 0.82;
constexpr double kSpreadRatio[11] = {2.0084, 1.98, 1.9595, 1.9365, 1.8458, 1.8231,
                                     1.6132, 1.5054, 1.3727, 1.2412, 1.138};
inline double spreadRatio(double chaos) {  // chaos in [0, 1]
  const double at = chaos * 10.0;
  const int i = at >= 10.0 ? 9 : static_cast<int>(at);
  return kSpreadRatio[i] + (kSpreadRatio[i + 1] - kSpreadRatio[i]) * (at - i);
}
constexpr double kSpeed = 625.0;                // system time units per second at pitch 1, ρ = 28
constexpr double kDrift = 0.0013;               // pitch 0 still moves, slowly (as pyo's: centroid ≈ 0.6 Hz)

// NaN-safe: a NaN parameter counts as 0.
inline double unitClamp(float v) { return v > 0.0f ? (v < 1.0f ? static_cast<double>(v) : 1.0) : 0.0; }

inline void derivative(double x, double y, double z, double rho, double& dx, double& dy, double& dz) {
  dx = kSigma * (y - x);
  dy = x * (rho - z) - y;
  dz = x * y - kBeta * z;
}

inline float clipUnit(double v) { return static_cast<float>(v > 1.0 ? 1.0 : (v < -1.0 ? -1.0 : v)); }

// One sample: one RK4 step of the system, then the normalized x (and y in `yOut`).
inline float tick(lorenz::State& s, float pitch, float chaos, double stepPerPitch, float& yOut) {
  const double c = unitClamp(chaos);
  const double rho = kRhoPeriodic + (kRhoChaotic - kRhoPeriodic) * c;
  const double inverseCentre = 1.0 / std::sqrt(kBeta * (rho - 1.0));
  const double h = stepPerPitch * (unitClamp(pitch) + kDrift) * (kCentre28 * inverseCentre);
  const double x = s.x, y = s.y, z = s.z;
  double ax, ay, az, bx, by, bz, cx, cy, cz, dx, dy, dz;
  derivative(x, y, z, rho, ax, ay, az);
  derivative(x + 0.5 * h * ax, y + 0.5 * h * ay, z + 0.5 * h * az, rho, bx, by, bz);
  derivative(x + 0.5 * h * bx, y + 0.5 * h * by, z + 0.5 * h * bz, rho, cx, cy, cz);
  derivative(x + h * cx, y + h * cy, z + h * cz, rho, dx, dy, dz);
  const double sixth = h * (1.0 / 6.0);
  s.x = x + sixth * (ax + 2.0 * (bx + cx) + dx);
  s.y = y + sixth * (ay + 2.0 * (by + cy) + dy);
  s.z = z + sixth * (az + 2.0 * (bz + cz) + dz);
  // The attractor stays within ±0.94; only the first swing away from the initial state (or from a point left
  // behind by a jump of chaos towards 0) reaches further, and is clipped.
  yOut = clipUnit(s.y * inverseCentre * (kYLevel / kSpanPerCentre) / spreadRatio(c));
  return clipUnit(s.x * inverseCentre * (1.0 / kSpanPerCentre));
}
}  // namespace

PATCHC_KERNEL_INIT(Lorenz) {
  auto* state = static_cast<lorenz::State*>(state_);
  state->x = 1.0;
  state->y = 1.0;
  state->z = 1.0;
}

PATCHC_KERNEL_PROCESS_OUTPUTS(Lorenz) {
  auto* state = static_cast<lorenz::State*>(state_);
  lorenz::State s = *state;
  const double stepPerPitch = kSpeed / static_cast<double>(env->sampleRate);
  float y = 0.0f;
  float* x = out[0];
  if (in[kStereo].value() != 0.0f && in[kStereo].value() == in[kStereo].value()) {
    float* second = out[1];
    for (int i = 0; i < n; ++i) {
      x[i] = tick(s, in[kPitch][i], in[kChaos][i], stepPerPitch, y);
      second[i] = y;
    }
  } else {
    for (int i = 0; i < n; ++i) x[i] = tick(s, in[kPitch][i], in[kChaos][i], stepPerPitch, y);
  }
  *state = s;
}
