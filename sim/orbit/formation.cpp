#include "sim/orbit/formation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/core/error.hpp"

namespace umbra::orbit {
namespace {

struct LatticePoint {
  int p = 0, q = 0;
};

// The n points of the integer square lattice nearest the origin, by distance then angle.
std::vector<LatticePoint> nearest_lattice_points(int n) {
  const int reach = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
  std::vector<LatticePoint> points;
  for (int p = -reach; p <= reach; ++p) {
    for (int q = -reach; q <= reach; ++q) points.push_back({p, q});
  }
  const auto angle = [](const LatticePoint& point) {
    const double a = std::atan2(static_cast<double>(point.q), static_cast<double>(point.p));
    return a < 0 ? a + 2.0 * std::numbers::pi : a;
  };
  std::sort(points.begin(), points.end(), [&](const LatticePoint& a, const LatticePoint& b) {
    const int ra = a.p * a.p + a.q * a.q, rb = b.p * b.p + b.q * b.q;
    return ra != rb ? ra < rb : angle(a) < angle(b);
  });
  points.resize(static_cast<std::size_t>(n));
  return points;
}

// Mean along-track rate of a member against the reference frame: u-dot + cos(i_ref) RAAN-dot.
double along_track_rate(double a, double e, double i, double cos_reference_inclination) {
  const J2SecularRates rates = j2_secular_rates(a, e, i);
  return rates.mean_anomaly + rates.argument_of_perigee + cos_reference_inclination * rates.raan;
}

// Semi-major axis giving the member the reference's along-track rate (Newton; the rate's
// derivative is -(3/2) n / a to 1e-3, so three steps reach round-off).
double drift_free_semi_major_axis(double a, double e, double i, double target, double cos_i_ref) {
  for (int step = 0; step < 3; ++step) {
    a -= (along_track_rate(a, e, i, cos_i_ref) - target) / (-1.5 * mean_motion(a) / a);
  }
  return a;
}

}  // namespace

Formation formation_elements(const FormationSpec& spec) {
  const KeplerElements& ref = spec.reference;
  if (spec.members < 1) {
    throw InputError(fmt::format("a formation needs at least one member, got {}", spec.members));
  }
  if (!(spec.radius > 0)) {
    throw InputError(fmt::format("formation radius must be positive, got {} m", spec.radius));
  }
  if (!(ref.eccentricity < 1e-3)) {
    throw InputError(
        fmt::format("a formation's reference orbit must be near-circular (e < 0.001), got e = {}",
                    ref.eccentricity));
  }
  const double sin_i = std::sin(ref.inclination), cos_i = std::cos(ref.inclination);
  if (!(sin_i >= 0.01)) {
    throw InputError(
        "a formation's reference orbit must not be equatorial (inclination within "
        "0.6 deg of 0 or 180 deg): its cross-track motion comes from node offsets");
  }

  const std::vector<LatticePoint> lattice = nearest_lattice_points(spec.members);
  const auto& outermost = lattice.back();
  const double outermost_norm = std::hypot(outermost.p, outermost.q);
  // |relative position| <= sqrt(1 + 1/4) |(p, q)|: the outermost member touches the radius.
  const double spacing =
      outermost_norm > 0 ? spec.radius / (std::sqrt(1.25) * outermost_norm) : 0.0;

  const double a = ref.semi_major_axis;
  const double reference_rate = along_track_rate(a, ref.eccentricity, ref.inclination, cos_i);
  const double reference_u = ref.argument_of_perigee + ref.mean_anomaly;
  Formation formation{.members = {}, .lattice_spacing = spacing};
  formation.members.reserve(lattice.size());
  for (const LatticePoint& point : lattice) {
    const double p = spacing * point.p, q = spacing * point.q;
    // Relative e and i vectors (see the header); A = |(p, q)| / 2a.
    const double ex = ref.eccentricity * std::cos(ref.argument_of_perigee) + p / (2.0 * a);
    const double ey = ref.eccentricity * std::sin(ref.argument_of_perigee) + q / (2.0 * a);
    const double delta_inclination = -q / a;
    const double delta_raan = (p / a) / sin_i;
    KeplerElements member = ref;
    member.eccentricity = std::hypot(ex, ey);
    member.argument_of_perigee = std::atan2(ey, ex);
    member.inclination = ref.inclination + delta_inclination;
    member.raan = ref.raan + delta_raan;
    // delta lambda = delta u + cos i delta RAAN = 0: centred on the reference along-track.
    member.mean_anomaly = reference_u - cos_i * delta_raan - member.argument_of_perigee;
    member.semi_major_axis = drift_free_semi_major_axis(a, member.eccentricity, member.inclination,
                                                        reference_rate, cos_i);
    formation.members.push_back(member);
  }
  return formation;
}

}  // namespace umbra::orbit
