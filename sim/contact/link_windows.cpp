#include "sim/contact/link_windows.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include "sim/contact/link_geometry.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/orbit/earth.hpp"
#include "sim/orbit/event_roots.hpp"

namespace umbra::contact {
namespace {

using orbit::Vec3;

// Grid step: 1/192 revolution at the fastest rate (see the header).
constexpr double kSamplesPerRevolution = 192.0;
// Safety factor on the sampled speeds (the true maximum lies between samples).
constexpr double kRateMargin = 1.25;
constexpr int kFunctions = 2;  // per link: a clearance (line of sight, elevation) and a range

struct Grid {
  double from = 0;
  double step = 0;
  std::size_t intervals = 0;
  double to = 0;

  double at(std::size_t k) const {
    return k == intervals ? to : from + static_cast<double>(k) * step;
  }
};

Grid grid_for(const Constellation& constellation, const LinkWindowSearch& search) {
  double fastest = 0;
  for (const Satellite& satellite : constellation.satellites) {
    fastest = std::max(fastest, orbit::fastest_angular_rate(satellite.propagator->state_at(
                                    constellation.epoch, search.from)));
  }
  const double span = search.to - search.from;
  const double wanted = std::min(span, 2.0 * std::numbers::pi / (kSamplesPerRevolution * fastest));
  Grid grid;
  grid.from = search.from;
  grid.to = search.to;
  grid.intervals = static_cast<std::size_t>(std::ceil(span / wanted));
  grid.step = span / static_cast<double>(grid.intervals);
  return grid;
}

// One satellite's positions on the grid.
struct Trajectory {
  std::vector<Vec3> inertial;
  std::vector<Vec3> earth_fixed;  // only for a satellite with ground links
  double max_speed = 0;           // m/s, inertial
  double max_earth_fixed_speed = 0;
  double min_radius = std::numeric_limits<double>::infinity();  // m
  double max_radius = 0;

  // Bound on the Earth-fixed acceleration: gravity at the lowest radius, Coriolis and
  // centrifugal terms of the rotating frame (J2, ~0.1 % of gravity, is in the margin).
  double max_earth_fixed_acceleration() const {
    const double w = orbit::kEarthRotationRate;
    return orbit::kEarthMu / (min_radius * min_radius) + 2 * w * max_earth_fixed_speed +
           w * w * max_radius;
  }
};

Trajectory sample(const Satellite& satellite, const orbit::JulianDate& epoch, const Grid& grid,
                  bool earth_fixed) {
  Trajectory trajectory;
  trajectory.inertial.reserve(grid.intervals + 1);
  for (std::size_t k = 0; k <= grid.intervals; ++k) {
    const double t = grid.at(k);
    const orbit::StateVector state = satellite.propagator->state_at(epoch, t);
    trajectory.inertial.push_back(state.position);
    trajectory.max_speed = std::max(trajectory.max_speed, norm(state.velocity));
    trajectory.min_radius = std::min(trajectory.min_radius, norm(state.position));
    trajectory.max_radius = std::max(trajectory.max_radius, norm(state.position));
    if (earth_fixed) {
      const orbit::StateVector fixed = orbit::teme_to_earth_fixed(state, epoch.plus_seconds(t));
      trajectory.earth_fixed.push_back(fixed.position);
      trajectory.max_earth_fixed_speed =
          std::max(trajectory.max_earth_fixed_speed, norm(fixed.velocity));
    }
  }
  return trajectory;
}

// A laser link between two satellites: function 0 is the clearance of the beam above the
// grazing sphere, function 1 the range margin.
class SatelliteLink {
 public:
  SatelliteLink(const Satellite& a, const Satellite& b, const Trajectory& path_a,
                const Trajectory& path_b, const spec::LinkClassSpec& link_class,
                const orbit::JulianDate& epoch)
      : a_(a),
        b_(b),
        path_a_(path_a),
        path_b_(path_b),
        epoch_(epoch),
        grazing_radius_(orbit::kEquatorialRadius + link_class.grazing_altitude),
        max_range_(link_class.max_range) {}

  double sampled(std::size_t k, int function) const {
    return evaluate(path_a_.inertial[k], path_b_.inertial[k], function);
  }
  double at(double t, int function) const {
    return evaluate(a_.propagator->state_at(epoch_, t).position,
                    b_.propagator->state_at(epoch_, t).position, function);
  }
  // First order: |d clearance/dt| <= max(|v_a|, |v_b|), |d range/dt| <= |v_a| + |v_b|.
  bool may_hide_roots(int function, double g0, double g1, double step) const {
    const double rate_bound =
        kRateMargin * (function == 0 ? std::max(path_a_.max_speed, path_b_.max_speed)
                                     : path_a_.max_speed + path_b_.max_speed);
    return orbit::may_reach_zero(g0, g1, rate_bound * step);
  }
  double sampled_range(std::size_t k) const {
    return norm(path_b_.inertial[k] - path_a_.inertial[k]);
  }
  double range_at(double t) const { return max_range_ - at(t, 1); }

 private:
  double evaluate(Vec3 a, Vec3 b, int function) const {
    return function == 0 ? segment_clearance(a, b) - grazing_radius_ : max_range_ - norm(b - a);
  }

  const Satellite& a_;
  const Satellite& b_;
  const Trajectory& path_a_;
  const Trajectory& path_b_;
  const orbit::JulianDate& epoch_;
  double grazing_radius_;
  double max_range_;
};

// A satellite seen from a ground station: function 0 is rho . up - |rho| sin(mask) (the sign
// of elevation - mask), function 1 the range margin.
class GroundLink {
 public:
  GroundLink(const Satellite& satellite, const Trajectory& path, const GroundSite& site,
             double mask_deg, const spec::LinkClassSpec& link_class, const orbit::JulianDate& epoch)
      : satellite_(satellite),
        path_(path),
        site_(site),
        epoch_(epoch),
        sin_mask_(std::sin(mask_deg * std::numbers::pi / 180.0)),
        max_range_(link_class.max_range) {}

  double sampled(std::size_t k, int function) const {
    return evaluate(path_.earth_fixed[k], function);
  }
  double at(double t, int function) const {
    const Vec3 inertial = satellite_.propagator->state_at(epoch_, t).position;
    return evaluate(orbit::teme_to_earth_fixed(inertial, epoch_.plus_seconds(t)), function);
  }
  // Second order, rho the line of sight and a the Earth-fixed acceleration:
  // |d2(rho . up)/dt2| <= |a|, |d2|rho|/dt2| <= |a| + v^2 / |rho|, |rho| >= r_min - |site|.
  bool may_hide_roots(int function, double g0, double g1, double step) const {
    const double nearest = path_.min_radius - norm(site_.position);
    const double acceleration = path_.max_earth_fixed_acceleration();
    const double speed = path_.max_earth_fixed_speed;
    if (nearest <= 0) return orbit::may_reach_zero(g0, g1, kRateMargin * 2 * speed * step);
    const double range_curvature = acceleration + speed * speed / nearest;
    const double curvature =
        function == 0 ? acceleration + sin_mask_ * range_curvature : range_curvature;
    return orbit::may_reach_zero_curved(g0, g1, kRateMargin * curvature, step);
  }
  double sampled_range(std::size_t k) const { return max_range_ - sampled(k, 1); }
  double range_at(double t) const { return max_range_ - at(t, 1); }

 private:
  double evaluate(Vec3 earth_fixed, int function) const {
    const Vec3 line = earth_fixed - site_.position;
    const double range = norm(line);
    return function == 0 ? dot(line, site_.up) - range * sin_mask_ : max_range_ - range;
  }

  const Satellite& satellite_;
  const Trajectory& path_;
  const GroundSite& site_;
  const orbit::JulianDate& epoch_;
  double sin_mask_;
  double max_range_;
};

// The intervals where every function of `link` is non-negative.
// The rate profile of `interval` from the range at its edges and the grid samples inside.
// Where two neighbouring samples differ by more than the profile's tolerances, evenly spaced
// samples are added between them, so that no change larger than a tolerance goes unseen
// (unless the range turns back within one grid step). Where it turns back, the extremum is
// located (Brent) for the window's range bounds.
template <typename Link>
void add_profile(const Link& link, const Grid& grid, const spec::LinkClassSpec& link_class,
                 const RateProfileOptions& options, VisibleInterval& interval) {
  RateProfileBuilder builder(link_class, options);
  double last_time = interval.start;
  double last_range = link.range_at(interval.start);
  builder.add(last_time, last_range);
  double before_time = last_time, before_range = last_range;  // the sample before the last
  const orbit::TimeFunction range_at = [&](double t) { return link.range_at(t); };
  const orbit::TimeFunction minus_range_at = [&](double t) { return -link.range_at(t); };
  const auto add_up_to = [&](double time, double range) {
    if (last_range < before_range && last_range < range) {
      builder.add_extremum(orbit::minimum_between(range_at, before_time, time).second);
    } else if (last_range > before_range && last_range > range) {
      builder.add_extremum(-orbit::minimum_between(minus_range_at, before_time, time).second);
    }
    const double rate_change =
        std::abs(link_rate(link_class, range) - link_rate(link_class, last_range)) /
        (options.rate_tolerance * link_rate(link_class, last_range));
    const double delay_change =
        std::abs(light_time(range) - light_time(last_range)) / options.delay_tolerance;
    const double pieces = std::ceil(std::max(rate_change, delay_change));
    for (double j = 1; j < pieces; ++j) {
      const double t = last_time + (time - last_time) * j / pieces;
      builder.add(t, link.range_at(t));
    }
    before_time = last_time;
    before_range = last_range;
    last_time = time;
    last_range = range;
  };
  auto k = static_cast<std::size_t>(std::floor((interval.start - grid.from) / grid.step)) + 1;
  for (; k < grid.intervals && grid.at(k) < interval.end; ++k) {
    if (grid.at(k) <= interval.start) continue;
    const double range = link.sampled_range(k);
    add_up_to(grid.at(k), range);
    builder.add(grid.at(k), range);
  }
  const double end_range = link.range_at(interval.end);
  add_up_to(interval.end, end_range);
  interval.profile = builder.finish(end_range);
}

template <typename Link>
std::vector<VisibleInterval> intervals_of(const Link& link, const Grid& grid,
                                          const spec::LinkClassSpec& link_class,
                                          const LinkWindowSearch& search) {
  const double tolerance = search.time_tolerance;
  struct Root {
    double time;
    int function;
  };
  std::vector<Root> roots;
  std::array<bool, kFunctions> negative{};
  std::vector<double> times;
  for (int function = 0; function < kFunctions; ++function) {
    const orbit::TimeFunction g = [&](double t) { return link.at(t, function); };
    times.clear();
    double before = link.sampled(0, function);
    negative[static_cast<std::size_t>(function)] = before < 0;
    for (std::size_t k = 0; k < grid.intervals; ++k) {
      const double after = link.sampled(k + 1, function);
      // The cheap test first: most intervals are far from any edge.
      if (link.may_hide_roots(function, before, after, grid.step)) {
        orbit::roots_between(g, grid.at(k), grid.at(k + 1), before, after, true, tolerance, times);
      }
      before = after;
    }
    for (const double time : times) roots.push_back({time, function});
  }
  std::stable_sort(roots.begin(), roots.end(),
                   [](const Root& x, const Root& y) { return x.time < y.time; });

  std::vector<VisibleInterval> intervals;
  const auto visible = [&] {
    return std::none_of(negative.begin(), negative.end(), [](bool n) { return n; });
  };
  double opened = grid.from;
  bool is_visible = visible();
  for (const Root& root : roots) {
    negative[static_cast<std::size_t>(root.function)] =
        !negative[static_cast<std::size_t>(root.function)];
    const bool now = visible();
    if (now && !is_visible) opened = root.time;
    if (!now && is_visible && root.time > opened) intervals.push_back({opened, root.time, {}});
    is_visible = now;
  }
  if (is_visible && grid.to > opened) intervals.push_back({opened, grid.to, {}});
  for (VisibleInterval& interval : intervals) {
    add_profile(link, grid, link_class, search.profile, interval);
  }
  return intervals;
}

}  // namespace

std::vector<std::vector<VisibleInterval>> visible_intervals(const std::vector<CandidateLink>& links,
                                                            const spec::PlatformSpec& platform,
                                                            const Constellation& constellation,
                                                            const LinkWindowSearch& search) {
  std::vector<std::vector<VisibleInterval>> results(links.size());
  if (links.empty()) return results;
  const Grid grid = grid_for(constellation, search);
  const orbit::JulianDate& epoch = constellation.epoch;
  std::vector<GroundSite> sites;
  for (const spec::GroundStationSpec& station : platform.ground_stations) {
    constexpr double kRadians = std::numbers::pi / 180.0;
    sites.push_back(ground_site(
        {station.latitude_deg * kRadians, station.longitude_deg * kRadians, station.altitude}));
  }
  // One task per satellite: the links it is the first end of (links are sorted by it), so its
  // trajectory is sampled once for all of them.
  parallel_for(constellation.satellites.size(), search.threads, [&](std::size_t a) {
    const auto first = std::lower_bound(
        links.begin(), links.end(), a,
        [](const CandidateLink& link, std::size_t satellite) { return link.a < satellite; });
    const auto last =
        std::find_if(first, links.end(), [a](const CandidateLink& link) { return link.a != a; });
    if (first == last) return;
    const bool to_ground =
        std::any_of(first, last, [](const CandidateLink& link) { return link.to_ground; });
    const Satellite& satellite = constellation.satellites[a];
    const Trajectory path = sample(satellite, epoch, grid, to_ground);
    for (auto link = first; link != last; ++link) {
      const auto index = static_cast<std::size_t>(link - links.begin());
      const spec::LinkClassSpec& link_class = platform.link_classes[link->link_class];
      if (link->to_ground) {
        const spec::GroundStationSpec& station = platform.ground_stations[link->b];
        const double mask = std::max(link_class.elevation_mask_deg, station.min_elevation_deg);
        results[index] =
            intervals_of(GroundLink(satellite, path, sites[link->b], mask, link_class, epoch), grid,
                         link_class, search);
      } else {
        const Satellite& other = constellation.satellites[link->b];
        const Trajectory other_path = sample(other, epoch, grid, false);
        results[index] =
            intervals_of(SatelliteLink(satellite, other, path, other_path, link_class, epoch), grid,
                         link_class, search);
      }
    }
  });
  return results;
}

}  // namespace umbra::contact
