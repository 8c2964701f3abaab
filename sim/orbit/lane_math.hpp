#pragma once
// Sine and cosine written for the vectoriser: straight-line arithmetic, no calls, no branches,
// no tables, so that a loop over the satellites of a block (sgp4_batch.cpp, kepler_j2_batch.cpp)
// compiles to SIMD instructions at -O2 with the baseline x86-64 flags. libm's sin and cos are
// calls, which stop the vectoriser.
//
// Method (Cephes library, sin.c, S. L. Moshier): reduce x by multiples q of pi/2 with pi/2 split in
// three parts (Cody-Waite), so that |z| <= pi/4; evaluate the minimax polynomials of sin and cos
// on [-pi/4, pi/4]; rotate by the quadrant. Within 2.3e-16 (2 ulp of 1) of libm for |x| below
// 1e6 rad (tests/orbit/lane_math_test.cpp); the angles of a propagation stay below 1e5 rad.
#include <cmath>

namespace umbra::orbit::lane_math {

// Rounds to the nearest integer for |x| < 2^51: adding 1.5 * 2^52 leaves no fraction bits.
// Exact IEEE arithmetic (no -ffast-math anywhere in the build) keeps the two additions.
inline double round_to_integer(double x) {
  constexpr double kShifter = 6755399441055744.0;  // 1.5 * 2^52
  return (x + kShifter) - kShifter;
}

// sin(x) and cos(x).
inline void sin_cos(double x, double& sine, double& cosine) {
  constexpr double kTwoOverPi = 0.63661977236758134308;
  // pi/2 = kPiOver2A + kPiOver2B + kPiOver2C; A and B hold few bits so q * A, q * B are exact.
  constexpr double kPiOver2A = 1.57079625129699707031;
  constexpr double kPiOver2B = 7.54978941586159635335e-8;
  constexpr double kPiOver2C = 5.39030285815811905290e-15;
  const double q = round_to_integer(x * kTwoOverPi);
  const double z = ((x - q * kPiOver2A) - q * kPiOver2B) - q * kPiOver2C;
  const double zz = z * z;
  const double sin_z =
      z +
      z * zz *
          (-1.66666666666666307295e-1 +
           zz * (8.33333333332211858878e-3 +
                 zz * (-1.98412698295895385996e-4 +
                       zz * (2.75573136213857245213e-6 + zz * (-2.50507477628578072866e-8 +
                                                               zz * 1.58962301576546568060e-10)))));
  const double cos_z =
      1.0 - 0.5 * zz +
      zz * zz *
          (4.16666666666665929218e-2 +
           zz *
               (-1.38888888888730564116e-3 +
                zz * (2.48015872888517045348e-5 +
                      zz * (-2.75573141792967388112e-7 +
                            zz * (2.08757008419747316778e-9 + zz * -1.13585365213876817300e-11)))));
  // The quadrant m = q mod 4 taken in [-2, 2]; cos(m pi/2) = 1 - |m| and sin(m pi/2) =
  // m (2 - |m|) on those integers, exactly, with no compare.
  const double m = q - 4.0 * round_to_integer(0.25 * q);
  const double cos_q = 1.0 - std::fabs(m);
  const double sin_q = m * (2.0 - std::fabs(m));
  sine = sin_z * cos_q + cos_z * sin_q;
  cosine = cos_z * cos_q - sin_z * sin_q;
}

// sin(x) and cos(x) for |x| < 1e-2 rad by their Taylor series to x^6, whose remainder (below
// x^7 / 5040 < 2e-18) is far under an ulp: within 2 ulp of libm, at a third of the cost.
inline void small_angle_sin_cos(double x, double& sine, double& cosine) {
  const double x2 = x * x;
  sine = x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0));
  cosine = 1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0));
}

// Rotates the unit vector (cosine, sine) of an angle by `step`, given sin and cos of the step.
inline void rotate(double sin_step, double cos_step, double& sine, double& cosine) {
  const double rotated_sine = sine * cos_step + cosine * sin_step;
  cosine = cosine * cos_step - sine * sin_step;
  sine = rotated_sine;
}

}  // namespace umbra::orbit::lane_math
