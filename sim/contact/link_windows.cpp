#include "sim/contact/link_windows.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <numbers>

#include "sim/contact/link_geometry.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/orbit/earth.hpp"
#include "sim/orbit/element_set.hpp"
#include "sim/orbit/event_roots.hpp"
#include "sim/orbit/frames.hpp"

namespace umbra::contact {
namespace {

using orbit::Vec3;

// Grid step: 1/192 revolution at the fastest rate (see the header).
constexpr double kSamplesPerRevolution = 192.0;
// Safety factor on the sampled speeds (the true maximum lies between samples).
constexpr double kRateMargin = 1.25;
// Per link: a clearance (line of sight, elevation) and a range margin.
constexpr int kFunctions = 2;
constexpr double kRangeResolution = 1.0;  // m: range bounds need no finer search
constexpr double kShortestPiece = 0.1;    // s: rate profiles need no finer samples

struct Grid {
  double from = 0;
  double step = 0;
  std::size_t intervals = 0;
  double to = 0;
  // The Earth's turn at each grid time, shared by every satellite's Earth-fixed samples.
  std::vector<orbit::EarthTurn> earth_turns;

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
  for (std::size_t k = 0; k <= grid.intervals; ++k) {
    grid.earth_turns.push_back(orbit::earth_turn_at(constellation.epoch.plus_seconds(grid.at(k))));
  }
  return grid;
}

// One satellite's positions on the grid.
struct Trajectory {
  std::vector<Vec3> inertial;
  std::vector<Vec3> velocity;     // inertial
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
    trajectory.velocity.push_back(state.velocity);
    trajectory.max_speed = std::max(trajectory.max_speed, norm(state.velocity));
    trajectory.min_radius = std::min(trajectory.min_radius, norm(state.position));
    trajectory.max_radius = std::max(trajectory.max_radius, norm(state.position));
    if (earth_fixed) {
      const orbit::StateVector fixed = orbit::teme_to_earth_fixed(state, grid.earth_turns[k]);
      trajectory.earth_fixed.push_back(fixed.position);
      trajectory.max_earth_fixed_speed =
          std::max(trajectory.max_earth_fixed_speed, norm(fixed.velocity));
    }
  }
  return trajectory;
}

// Each satellite's trajectory, sampled once per search and shared by every link that needs it
// (a plus-grid satellite is one end of four laser links), freed after its last use: tasks run
// in satellite order, so only a band of neighbouring planes is held at a time.
class SharedTrajectories {
 public:
  SharedTrajectories(const Constellation& constellation, const Grid& grid,
                     const std::vector<CandidateLink>& links)
      : constellation_(constellation), grid_(grid), entries_(constellation.satellites.size()) {
    // A task holds its own satellite's trajectory once, and its partner's once per laser link.
    for (std::size_t l = 0; l < links.size(); ++l) {
      Entry& own = entries_[links[l].a];
      if (l == 0 || links[l - 1].a != links[l].a) ++own.uses_left;
      own.earth_fixed = own.earth_fixed || links[l].to_ground;
      if (!links[l].to_ground) ++entries_[links[l].b].uses_left;
    }
  }

  // The trajectory of `satellite`, sampled on first use; give it back with release().
  std::shared_ptr<const Trajectory> acquire(std::size_t satellite) {
    Entry& entry = entries_[satellite];
    const std::lock_guard lock(entry.mutex);
    if (!entry.path) {
      entry.path = std::make_shared<const Trajectory>(sample(
          constellation_.satellites[satellite], constellation_.epoch, grid_, entry.earth_fixed));
    }
    return entry.path;
  }
  void release(std::size_t satellite) {
    Entry& entry = entries_[satellite];
    const std::lock_guard lock(entry.mutex);
    if (--entry.uses_left == 0) entry.path.reset();
  }

 private:
  struct Entry {
    std::mutex mutex;
    std::shared_ptr<const Trajectory> path;
    int uses_left = 0;
    bool earth_fixed = false;  // sampled with Earth-fixed positions (it has ground links)
  };

  const Constellation& constellation_;
  const Grid& grid_;
  std::vector<Entry> entries_;
};

// A laser link between two satellites: function 0 is the clearance of the beam above the
// grazing sphere, function 1 the range margin.
class SatelliteLink {
 public:
  SatelliteLink(const Satellite& a, const Satellite& b, const Trajectory& path_a,
                const Trajectory& path_b, const spec::LinkClassSpec& link_class,
                const orbit::JulianDate& epoch, double step)
      : a_(a),
        b_(b),
        path_a_(path_a),
        path_b_(path_b),
        epoch_(epoch),
        grazing_radius_(orbit::kEquatorialRadius + link_class.grazing_altitude),
        max_range_(link_class.max_range) {
    // |d range/dt| <= |v_b - v_a|: the sampled maximum, plus what the difference of gravity
    // (at most 2 mu / r^3 per metre apart, or the two accelerations) adds within a step. For a
    // formation ~1 m/s where |v_a| + |v_b| would be 15 km/s.
    double relative_speed = 0, farthest = 0;
    for (std::size_t k = 0; k < path_a.inertial.size(); ++k) {
      relative_speed = std::max(relative_speed, norm(path_b.velocity[k] - path_a.velocity[k]));
      farthest = std::max(farthest, norm(path_b.inertial[k] - path_a.inertial[k]));
    }
    const double lowest = std::min(path_a.min_radius, path_b.min_radius);
    const double gravity_difference =
        std::min(2 * orbit::kEarthMu / (lowest * lowest * lowest) * farthest,
                 2 * orbit::kEarthMu / (lowest * lowest));
    range_rate_bound_ = kRateMargin * (relative_speed + gravity_difference * step);
  }

  double sampled(std::size_t k, int function) const {
    return evaluate(path_a_.inertial[k], path_b_.inertial[k], function);
  }
  double at(double t, int function) const {
    return evaluate(a_.propagator->state_at(epoch_, t).position,
                    b_.propagator->state_at(epoch_, t).position, function);
  }
  // First order: |d clearance/dt| <= max(|v_a|, |v_b|), and the range rate bound above.
  double rate_bound(int function) const {
    return function == 0 ? kRateMargin * std::max(path_a_.max_speed, path_b_.max_speed)
                         : range_rate_bound_;
  }
  bool may_hide_roots(int function, double g0, double g1, double step) const {
    return orbit::may_reach_zero(g0, g1, rate_bound(function) * step);
  }
  double sampled_range(std::size_t k) const {
    return norm(path_b_.inertial[k] - path_a_.inertial[k]);
  }
  // Neighbours crossing at ~14 km/s and ~600 km change range on a ~40 s scale, too fast for a
  // cubic through 30 s samples (~10 km off): the profile propagates instead.
  static constexpr bool kInterpolateRange = false;
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
  double range_rate_bound_ = 0;  // m/s
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
        sin_mask_(std::sin(mask_deg * orbit::kRadiansPerDegree)),
        max_range_(link_class.max_range) {
    // The bounds below hold over the whole grid: computed once, not per interval.
    const double nearest = path_.min_radius - norm(site_.position);
    const double acceleration = path_.max_earth_fixed_acceleration();
    const double speed = path_.max_earth_fixed_speed;
    first_order_ = nearest <= 0;
    speed_bound_ = kRateMargin * 2 * speed;
    const double range_curvature = acceleration + speed * speed / nearest;
    curvature_bound_ = {kRateMargin * (acceleration + sin_mask_ * range_curvature),
                        kRateMargin * range_curvature};
  }

  double sampled(std::size_t k, int function) const {
    return evaluate(path_.earth_fixed[k], function);
  }
  double at(double t, int function) const {
    const Vec3 inertial = satellite_.propagator->state_at(epoch_, t).position;
    return evaluate(orbit::teme_to_earth_fixed(inertial, epoch_.plus_seconds(t)), function);
  }
  // First order, v the Earth-fixed speed: |d(rho . up - |rho| sin(mask))/dt| <=
  // (1 + |sin(mask)|) |v| and |d|rho|/dt| <= |v|.
  double rate_bound(int function) const {
    return kRateMargin * path_.max_earth_fixed_speed *
           (function == 0 ? 1 + std::abs(sin_mask_) : 1.0);
  }
  // Second order, rho the line of sight and a the Earth-fixed acceleration:
  // |d2(rho . up)/dt2| <= |a|, |d2|rho|/dt2| <= |a| + v^2 / |rho|, |rho| >= r_min - |site|.
  bool may_hide_roots(int function, double g0, double g1, double step) const {
    if (first_order_) return orbit::may_reach_zero(g0, g1, speed_bound_ * step);
    return orbit::may_reach_zero_curved(g0, g1, curvature_bound_[function == 0 ? 0 : 1], step);
  }
  double sampled_range(std::size_t k) const { return max_range_ - sampled(k, 1); }
  // A pass changes range on a scale of minutes: the cubic through the samples is within ~1 km.
  static constexpr bool kInterpolateRange = true;
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
  bool first_order_ = false;  // the path comes down to the station's radius: first order only
  double speed_bound_ = 0;
  std::array<double, kFunctions> curvature_bound_{};
};

// The intervals where every function of `link` is non-negative.
// The range between grid times: the cubic through the four nearest samples (Lagrange). Its
// error is at most (9/16) h^4 max|r^(4)| / 24 with |r^(4)| <= 3 v^4 / d^3 (v the relative
// speed, d the closest range): ~1 km for a 550 km LEO pass at h = 30 s, well inside the
// profile's tolerances (75 km of delay); with fewer than four samples, the range itself.
template <typename Link>
double interpolated_range(const Link& link, const Grid& grid, double t) {
  if (grid.intervals < 3) return link.range_at(t);
  const auto last_first = static_cast<double>(grid.intervals - 3);
  const auto first = static_cast<std::size_t>(
      std::clamp(std::floor((t - grid.from) / grid.step) - 1.0, 0.0, last_first));
  double sum = 0;
  for (std::size_t i = first; i < first + 4; ++i) {
    double weight = 1;
    for (std::size_t j = first; j < first + 4; ++j) {
      if (j != i) weight *= (t - grid.at(j)) / (grid.at(i) - grid.at(j));
    }
    sum += weight * link.sampled_range(i);
  }
  return sum;
}

// The rate profile of `interval` from the range at its edges and the grid samples inside.
// Where the range turns back (a closest approach), its extremum is located (Brent) and added as
// a sample; where two neighbouring samples differ by more than the
// profile's tolerances, the interval between them is halved until they do not. So no
// change larger than a tolerance goes unseen.
template <typename Link>
void add_profile(const Link& link, const Grid& grid, const spec::LinkClassSpec& link_class,
                 const RateProfileOptions& options, VisibleInterval& interval) {
  struct Sample {
    double time, range;
  };
  std::vector<Sample> samples = {{interval.start, link.range_at(interval.start)}};
  auto k = static_cast<std::size_t>(std::floor((interval.start - grid.from) / grid.step)) + 1;
  for (; k < grid.intervals && grid.at(k) < interval.end; ++k) {
    if (grid.at(k) > interval.start) samples.push_back({grid.at(k), link.sampled_range(k)});
  }
  samples.push_back({interval.end, link.range_at(interval.end)});

  const orbit::TimeFunction range_at = [&](double t) {
    return Link::kInterpolateRange ? interpolated_range(link, grid, t) : link.range_at(t);
  };
  const orbit::TimeFunction minus_range_at = [&](double t) { return -range_at(t); };
  std::vector<Sample> with_turns = {samples.front()};
  for (std::size_t i = 1; i + 1 < samples.size(); ++i) {
    const Sample &before = samples[i - 1], &here = samples[i], &after = samples[i + 1];
    // A range that hardly moves (satellites of one plane) is not searched: its extremum is
    // within metres of the samples.
    const bool moves = std::max(std::abs(here.range - before.range),
                                std::abs(after.range - here.range)) > kRangeResolution;
    const bool lowest = here.range < before.range && here.range < after.range;
    const bool highest = here.range > before.range && here.range > after.range;
    if (moves && (lowest || highest)) {
      const auto [time, value] =
          orbit::minimum_between(lowest ? range_at : minus_range_at, before.time, after.time);
      const Sample turn{time, lowest ? value : -value};
      if (turn.time > with_turns.back().time && turn.time < here.time) with_turns.push_back(turn);
      with_turns.push_back(here);
      if (turn.time > here.time && turn.time < after.time) with_turns.push_back(turn);
    } else {
      with_turns.push_back(here);
    }
  }
  with_turns.push_back(samples.back());

  RateProfileBuilder builder(link_class, options);
  const auto close = [&](double range, double other) {
    return std::abs(link_rate(link_class, range) - link_rate(link_class, other)) <=
               options.rate_tolerance * link_rate(link_class, other) &&
           std::abs(light_time(range) - light_time(other)) <= options.delay_tolerance;
  };
  // Halves [t0, t1] until neighbouring samples are close, adding the samples in time order.
  const auto refine = [&](const auto& self, Sample low, Sample high) -> void {
    if (close(high.range, low.range) || high.time - low.time < kShortestPiece) return;
    const double middle = 0.5 * (low.time + high.time);
    const Sample halfway{middle, range_at(middle)};
    self(self, low, halfway);
    builder.add(halfway.time, halfway.range);
    self(self, halfway, high);
  };
  builder.add(with_turns.front().time, with_turns.front().range);
  for (std::size_t i = 1; i < with_turns.size(); ++i) {
    refine(refine, with_turns[i - 1], with_turns[i]);
    if (i + 1 < with_turns.size()) builder.add(with_turns[i].time, with_turns[i].range);
  }
  interval.profile = builder.finish(with_turns.back().range);
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
    for (std::size_t k = 0; k < grid.intervals;) {
      // Far below zero, the function cannot come back up for several intervals at its fastest
      // (most of a day, for a satellite and a station): those hold no root and are not sampled.
      const double reach = -before / (link.rate_bound(function) * grid.step);
      if (reach >= 2) {
        const std::size_t left = grid.intervals - k;
        k += reach - 1 >= static_cast<double>(left) ? left : static_cast<std::size_t>(reach) - 1;
        before = link.sampled(k, function);
        continue;
      }
      const double after = link.sampled(k + 1, function);
      // The cheap test first: most intervals are far from any edge.
      if (link.may_hide_roots(function, before, after, grid.step)) {
        orbit::roots_between(g, grid.at(k), grid.at(k + 1), before, after, true, tolerance, times);
      }
      before = after;
      ++k;
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
    sites.push_back(
        ground_site({station.latitude_deg * orbit::kRadiansPerDegree,
                     station.longitude_deg * orbit::kRadiansPerDegree, station.altitude}));
  }
  // One task per satellite: the links it is the first end of (links are sorted by it).
  SharedTrajectories trajectories(constellation, grid, links);
  parallel_for(constellation.satellites.size(), search.threads, [&](std::size_t a) {
    const auto first = std::lower_bound(
        links.begin(), links.end(), a,
        [](const CandidateLink& link, std::size_t satellite) { return link.a < satellite; });
    const auto last =
        std::find_if(first, links.end(), [a](const CandidateLink& link) { return link.a != a; });
    if (first == last || (search.cancel != nullptr && *search.cancel)) return;
    const Satellite& satellite = constellation.satellites[a];
    const std::shared_ptr<const Trajectory> path = trajectories.acquire(a);
    for (auto link = first; link != last; ++link) {
      const auto index = static_cast<std::size_t>(link - links.begin());
      const spec::LinkClassSpec& link_class = platform.link_classes[link->link_class];
      if (link->to_ground) {
        const spec::GroundStationSpec& station = platform.ground_stations[link->b];
        const double mask = std::max(link_class.elevation_mask_deg, station.min_elevation_deg);
        results[index] =
            intervals_of(GroundLink(satellite, *path, sites[link->b], mask, link_class, epoch),
                         grid, link_class, search);
      } else {
        const Satellite& other = constellation.satellites[link->b];
        const std::shared_ptr<const Trajectory> other_path = trajectories.acquire(link->b);
        results[index] = intervals_of(
            SatelliteLink(satellite, other, *path, *other_path, link_class, epoch, grid.step), grid,
            link_class, search);
        trajectories.release(link->b);
      }
    }
    trajectories.release(a);
  });
  return results;
}

}  // namespace umbra::contact
