#pragma once
// Position and velocity of a body, and the 3-vector they are made of.
#include <array>
#include <cmath>

namespace umbra::orbit {

struct Vec3 {
  double x = 0, y = 0, z = 0;

  friend Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
  friend Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
  friend Vec3 operator*(double k, Vec3 a) { return {k * a.x, k * a.y, k * a.z}; }
  friend Vec3 operator*(Vec3 a, double k) { return k * a; }
  friend bool operator==(const Vec3&, const Vec3&) = default;
};

inline double dot(Vec3 a, Vec3 b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
inline Vec3 cross(Vec3 a, Vec3 b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline double norm(Vec3 a) {
  return std::sqrt(dot(a, a));
}
inline Vec3 unit(Vec3 a) {
  return (1.0 / norm(a)) * a;
}

// Metres and metres per second. The frame is stated where a state vector is produced:
// propagators give TEME (Umbra's inertial frame), frames.hpp converts to Earth-fixed.
struct StateVector {
  Vec3 position;
  Vec3 velocity;
};

}  // namespace umbra::orbit
