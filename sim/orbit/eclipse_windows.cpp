#include "sim/orbit/eclipse_windows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <future>
#include <numbers>
#include <optional>
#include <thread>

#include "sim/core/error.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/orbit/earth.hpp"
#include "sim/orbit/event_roots.hpp"
#include "sim/orbit/propagator_batch.hpp"
#include "sim/orbit/sun.hpp"

namespace umbra::orbit {
namespace {

// Step: 1/24 revolution at the fastest angular rate (see the header for the argument).
constexpr double kSamplesPerRevolution = 24.0;
// Safety factor on the sampled bound of |dg/dt| (the true maximum lies between samples, at
// most a few per cent above the sampled one for steps of 15 deg of anomaly).
constexpr double kRateMargin = 1.25;
// The Sun's direction also turns because the Earth moves (30.3 km/s at perihelion).
constexpr double kEarthOrbitalSpeedMax = 3.03e4;

enum class EventFunction { kPenumbra, kUmbra };

bool inside(double g) {
  return g < 0;
}

struct Sample {
  double penumbra = 0;
  double umbra = 0;
  double rate_bound = 0;  // rad/s, bound on |dg/dt| for both functions near this time
  // false: penumbra and umbra are only positive lower bounds of the two functions (a time far on
  // the day side, see day_side_bound); computed exactly where an interval needs them.
  bool exact = true;

  double value(EventFunction which) const {
    return which == EventFunction::kPenumbra ? penumbra : umbra;
  }
};

struct Root {
  double time = 0;
  EventFunction function = EventFunction::kPenumbra;
};

// The uniform sampling grid: `intervals` steps of h from search.from, the last time the horizon.
struct Grid {
  double from = 0, horizon = 0, h = 0;
  std::size_t intervals = 0;

  static Grid over(const EclipseSearch& search, double step) {
    const double span = search.horizon - search.from;
    const auto intervals = static_cast<std::size_t>(std::ceil(span / step));
    return {search.from, search.horizon, span / static_cast<double>(intervals), intervals};
  }
  double time_of(std::size_t k) const {
    return k == intervals ? horizon : from + static_cast<double>(k) * h;
  }
};

// The Sun's position at every time of a grid, and between them by linear interpolation: over a
// step of a few minutes the Sun's direction departs from the chord by ~3e-10 rad, which moves an
// eclipse edge by ~0.3 us, where the almanac series costs as much as the satellite's state.
class SunTable {
 public:
  SunTable(const Grid& grid, const JulianDate& epoch) : grid_(grid) {
    positions_.reserve(grid.intervals + 1);
    for (std::size_t k = 0; k <= grid.intervals; ++k) {
      positions_.push_back(sun_position(epoch.plus_seconds(grid.time_of(k))).position());
    }
  }
  Vec3 at_grid(std::size_t k) const { return positions_[k]; }
  Vec3 at(double t) const {
    const double steps = std::floor((t - grid_.from) / grid_.h);
    const auto k =
        static_cast<std::size_t>(std::clamp(steps, 0.0, static_cast<double>(grid_.intervals - 1)));
    const double t0 = grid_.time_of(k), t1 = grid_.time_of(k + 1);
    const double w = (t - t0) / (t1 - t0);
    return positions_[k] + w * (positions_[k + 1] - positions_[k]);
  }

 private:
  Grid grid_;
  std::vector<Vec3> positions_;
};

// How an interval whose samples have the same sign is searched for a pair of roots the rate
// bound lets it hide.
enum class HiddenRootSearch {
  // Locate the extremum to ~1e-8 of the step (event_roots.hpp), then the roots on both sides.
  kBrentMinimum,
  // Halve the interval while the rate bound (halved with it) lets g reach zero, down to the time
  // tolerance: one evaluation rules out most such intervals, where Brent's search takes ~20.
  kBisection,
};

class WindowFinder {
 public:
  // `suns`: where the Sun is taken from between the grid's times; without it, the almanac at
  // every time.
  WindowFinder(const Propagator& satellite, const JulianDate& epoch, const EclipseSearch& search,
               const SunTable* suns = nullptr,
               HiddenRootSearch hidden_roots = HiddenRootSearch::kBrentMinimum)
      : satellite_(satellite),
        epoch_(epoch),
        search_(search),
        suns_(suns),
        hidden_roots_(hidden_roots) {}

  std::vector<EclipseWindow> run() const {
    const Grid grid = Grid::over(search_, sampling_step());
    std::vector<Sample> samples(grid.intervals + 1);
    for (std::size_t k = 0; k <= grid.intervals; ++k) {
      const double t = grid.time_of(k);
      const auto [r, v] = satellite_.state_at(epoch_, t);
      samples[k] = sample(r, v, sun_position(epoch_.plus_seconds(t)).position());
    }
    return from_samples(grid, samples);
  }

  // The windows from the satellite's samples on `grid`, a grid no coarser than sampling_step().
  // Samples that are lower bounds are made exact where an interval may hold a root.
  std::vector<EclipseWindow> from_samples(const Grid& grid, std::span<Sample> samples) const {
    double rate_bound = 0;
    for (const Sample& s : samples) rate_bound = std::max(rate_bound, s.rate_bound);
    const double max_change = kRateMargin * rate_bound * grid.h;

    std::vector<Root> roots;
    for (std::size_t k = 0; k < grid.intervals; ++k) {
      for (const EventFunction which : {EventFunction::kPenumbra, EventFunction::kUmbra}) {
        // Lower bounds of two positive values: if they cannot reach zero, neither can g.
        if (!may_reach_zero(samples[k].value(which), samples[k + 1].value(which), max_change)) {
          continue;
        }
        make_exact(samples[k], grid.time_of(k));
        make_exact(samples[k + 1], grid.time_of(k + 1));
        find_roots(which, grid.time_of(k), grid.time_of(k + 1), samples[k].value(which),
                   samples[k + 1].value(which), max_change, roots);
      }
    }
    std::stable_sort(roots.begin(), roots.end(),
                     [](const Root& a, const Root& b) { return a.time < b.time; });
    make_exact(samples.front(), grid.from);
    return windows_from(roots, inside(samples.front().penumbra), inside(samples.front().umbra));
  }

  // 2 pi / 24 over the osculating orbit's angular rate at perigee.
  static double sampling_step(const StateVector& state_at_from, const EclipseSearch& search) {
    return std::min(
        search.horizon - search.from,
        2.0 * std::numbers::pi / (kSamplesPerRevolution * fastest_angular_rate(state_at_from)));
  }

  // The sample at a time the satellite is at `r` with velocity `v`, the Sun at `sun`.
  Sample sample(Vec3 r, Vec3 v, Vec3 sun) const {
    const ShadowGeometry g = shadow_geometry(r, sun, search_.shadow);
    return {.penumbra = g.penumbra_function(),
            .umbra = g.umbra_function(),
            .rate_bound = rate_bound_at(r, v, sun)};
  }

  // The same, or lower bounds of both functions when the satellite is on the day side.
  Sample sample_or_day_side_bound(Vec3 r, Vec3 v, Vec3 sun) const {
    const double bound = day_side_bound(r, sun);
    if (!(bound > 0)) return sample(r, v, sun);
    return {
        .penumbra = bound, .umbra = bound, .rate_bound = rate_bound_at(r, v, sun), .exact = false};
  }

 private:
  ShadowGeometry geometry(double t) const {
    if (!suns_) return shadow_geometry_at(satellite_, epoch_, t, search_.shadow);
    return shadow_geometry(satellite_.state_at(epoch_, t).position, suns_->at(t), search_.shadow);
  }

  double value(EventFunction which, double t) const {
    const ShadowGeometry g = geometry(t);
    return which == EventFunction::kPenumbra ? g.penumbra_function() : g.umbra_function();
  }

  double sampling_step() const {
    return sampling_step(satellite_.state_at(epoch_, search_.from), search_);
  }

  void make_exact(Sample& s, double t) const {
    if (s.exact) return;
    const ShadowGeometry g = geometry(t);
    s.penumbra = g.penumbra_function();
    s.umbra = g.umbra_function();
    s.exact = true;
  }

  // |d separation/dt| <= rate of the Earth direction + rate of the Sun direction;
  // |d rho_e/dt| = R |rdot| / (r sqrt(r^2 - R^2)); d rho_s/dt (~1e-12 rad/s) is in the margin.
  double rate_bound_at(Vec3 r, Vec3 v, Vec3 sun) const {
    const double radius = norm(r);
    const double shadow_radius = search_.shadow.earth_radius();
    const double earth_direction_rate = norm(cross(r, v)) / (radius * radius);
    const double sun_direction_rate = (norm(v) + kEarthOrbitalSpeedMax) / norm(sun - r);
    const double earth_radius_rate =
        radius > shadow_radius
            ? shadow_radius * std::abs(dot(r, v)) / radius /
                  (radius * std::sqrt(radius * radius - shadow_radius * shadow_radius))
            : 0.0;
    return earth_direction_rate + sun_direction_rate + earth_radius_rate;
  }

  // A lower bound of both event functions when the satellite is on the Sun's side of the plane
  // through the Earth's centre normal to the Sun's direction (r . sun >= 0), else 0. There the
  // directions to the Earth and to the Sun are at least pi/2 - asin(|r| / |sun|) apart
  // (asin(x) <= 2x), the Sun's apparent radius is below (pi/2) R_sun / (|sun| - |r|), and the
  // umbra function exceeds the penumbra one: g >= pi/2 - 2 |r|/|sun| - rho_e - (pi/2) R_sun /
  // (|sun| - |r|). On a LEO orbit that is ~0.3 rad or more: one asin instead of the geometry.
  double day_side_bound(Vec3 r, Vec3 sun) const {
    if (dot(r, sun) < 0) return 0.0;
    const double radius = norm(r), sun_distance = norm(sun);
    const double earth_radius = std::asin(std::min(1.0, search_.shadow.earth_radius() / radius));
    const double half_pi = std::numbers::pi / 2;
    return half_pi - 2.0 * radius / sun_distance - earth_radius -
           half_pi * kSunRadius / (sun_distance - radius);
  }

  void find_roots(EventFunction which, double t0, double t1, double g0, double g1,
                  double max_change, std::vector<Root>& roots) const {
    if (!may_reach_zero(g0, g1, max_change)) return;  // most intervals: no search to set up
    const bool same_sign = inside(g0) == inside(g1);
    if (same_sign && hidden_roots_ == HiddenRootSearch::kBisection) {
      if (t1 - t0 <= search_.time_tolerance) return;  // a dip narrower than the tolerance
      const double middle = 0.5 * (t0 + t1);
      const double g_middle = value(which, middle);
      find_roots(which, t0, middle, g0, g_middle, 0.5 * max_change, roots);
      find_roots(which, middle, t1, g_middle, g1, 0.5 * max_change, roots);
      return;
    }
    std::vector<double> times;
    roots_between([&](double t) { return value(which, t); }, t0, t1, g0, g1, true,
                  search_.time_tolerance, times);
    for (const double time : times) roots.push_back({time, which});
  }

  std::vector<EclipseWindow> windows_from(const std::vector<Root>& roots, bool in_penumbra,
                                          bool in_umbra) const {
    std::vector<EclipseWindow> windows;
    double segment_start = search_.from;
    const auto close_segment = [&](double end) {
      const std::optional<EclipseKind> kind = in_umbra      ? EclipseKind::kUmbra
                                              : in_penumbra ? std::optional(EclipseKind::kPenumbra)
                                                            : std::nullopt;
      if (kind && end > segment_start) {
        if (!windows.empty() && windows.back().kind == *kind &&
            windows.back().end == segment_start) {
          windows.back().end = end;
        } else {
          windows.push_back({segment_start, end, *kind, 0.0});
        }
      }
      segment_start = end;
    };
    for (const Root& root : roots) {
      close_segment(root.time);
      bool& crossed = root.function == EventFunction::kPenumbra ? in_penumbra : in_umbra;
      crossed = !crossed;
    }
    close_segment(search_.horizon);

    for (std::size_t k = 0; k < windows.size(); ++k) {
      EclipseWindow& w = windows[k];
      const bool touches_umbra =
          (k > 0 && windows[k - 1].kind == EclipseKind::kUmbra && windows[k - 1].end == w.start) ||
          (k + 1 < windows.size() && windows[k + 1].kind == EclipseKind::kUmbra &&
           windows[k + 1].start == w.end);
      // The Sun is wholly hidden in the umbra and at its edge.
      if (w.kind == EclipseKind::kPenumbra && !touches_umbra) {
        const double deepest =
            minimum_between([&](double t) { return value(EventFunction::kPenumbra, t); }, w.start,
                            w.end)
                .first;
        w.min_illumination = std::min({illumination_fraction(geometry(w.start)),
                                       illumination_fraction(geometry(deepest)),
                                       illumination_fraction(geometry(w.end))});
      }
    }
    return windows;
  }

  const Propagator& satellite_;
  const JulianDate& epoch_;
  const EclipseSearch& search_;
  const SunTable* suns_;
  HiddenRootSearch hidden_roots_;
};

void check(const EclipseSearch& search) {
  if (!(search.horizon > 0 && std::isfinite(search.horizon))) {
    throw InputError(
        fmt::format("the eclipse horizon must be a positive duration, got {} s", search.horizon));
  }
  if (!(search.from >= 0 && search.from < search.horizon)) {
    throw InputError(fmt::format("the eclipse search must start in [0, {} s), got {} s",
                                 search.horizon, search.from));
  }
  if (!(search.time_tolerance > 0)) {
    throw InputError(fmt::format("the eclipse time tolerance must be positive, got {} s",
                                 search.time_tolerance));
  }
}

// Satellites per chunk of the streamed search: one batch and its samples (~13 MB for 24 h of
// LEO) per thread at a time.
constexpr std::size_t kChunkSatellites = 1024;

// Windows of consecutive satellites: their states on a common grid from one batch (the finest of
// their sampling steps, so no satellite is sampled more coarsely than alone), the Sun's position
// once per grid time, the day side bounded rather than computed.
std::vector<std::vector<EclipseWindow>> chunk_windows(std::span<const Propagator* const> satellites,
                                                      const JulianDate& epoch,
                                                      const EclipseSearch& search) {
  const PropagatorBatch batch(satellites);
  std::vector<StateVector> states(satellites.size());
  batch.states_at(epoch, search.from, states);
  double step = search.horizon - search.from;
  for (const StateVector& state : states) {
    step = std::min(step, WindowFinder::sampling_step(state, search));
  }
  const Grid grid = Grid::over(search, step);
  const SunTable suns(grid, epoch);
  const std::size_t per_satellite = grid.intervals + 1;
  std::vector<WindowFinder> finders;
  finders.reserve(satellites.size());
  for (const Propagator* satellite : satellites) {
    finders.emplace_back(*satellite, epoch, search, &suns, HiddenRootSearch::kBisection);
  }

  std::vector<Sample> samples(satellites.size() * per_satellite);
  for (std::size_t k = 0; k <= grid.intervals; ++k) {
    batch.states_at(epoch, grid.time_of(k), states);
    const Vec3 sun = suns.at_grid(k);
    for (std::size_t i = 0; i < satellites.size(); ++i) {
      samples[i * per_satellite + k] =
          finders[i].sample_or_day_side_bound(states[i].position, states[i].velocity, sun);
    }
  }
  std::vector<std::vector<EclipseWindow>> windows(satellites.size());
  for (std::size_t i = 0; i < satellites.size(); ++i) {
    windows[i] =
        finders[i].from_samples(grid, std::span(samples).subspan(i * per_satellite, per_satellite));
  }
  return windows;
}

}  // namespace

ShadowGeometry shadow_geometry_at(const Propagator& satellite, const JulianDate& scenario_epoch,
                                  double seconds, const ShadowModel& model) {
  const Vec3 position = satellite.state_at(scenario_epoch, seconds).position;
  const Vec3 sun = sun_position(scenario_epoch.plus_seconds(seconds)).position();
  return shadow_geometry(position, sun, model);
}

std::vector<EclipseWindow> eclipse_windows(const Propagator& satellite,
                                           const JulianDate& scenario_epoch,
                                           const EclipseSearch& search) {
  check(search);
  return WindowFinder(satellite, scenario_epoch, search).run();
}

std::vector<std::vector<EclipseWindow>> eclipse_windows(
    std::span<const Propagator* const> satellites, const JulianDate& scenario_epoch,
    const EclipseSearch& search) {
  check(search);
  std::vector<std::vector<EclipseWindow>> results(satellites.size());
  parallel_for(satellites.size(), search.threads, [&](std::size_t i) {
    results[i] = WindowFinder(*satellites[i], scenario_epoch, search).run();
  });
  return results;
}

void stream_eclipse_windows(std::span<const Propagator* const> satellites,
                            const JulianDate& scenario_epoch, const EclipseSearch& search,
                            const EclipseWindowConsumer& consume) {
  check(search);
  const std::size_t chunks = (satellites.size() + kChunkSatellites - 1) / kChunkSatellites;
  const unsigned threads =
      search.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : search.threads;
  // Rounds of two chunks per thread. A round is handed over, in order, on a thread of its own
  // while the next one is computed (writing a million satellites' rows is a fair share of the
  // work): the output is the same whatever the thread count.
  const std::size_t per_round = 2 * static_cast<std::size_t>(threads);
  std::future<void> handing_over;
  for (std::size_t round = 0; round < chunks; round += per_round) {
    const std::size_t in_round = std::min(per_round, chunks - round);
    std::vector<std::vector<std::vector<EclipseWindow>>> results(in_round);
    parallel_for(in_round, threads, [&](std::size_t j) {
      const std::size_t first = (round + j) * kChunkSatellites;
      const std::size_t count = std::min(kChunkSatellites, satellites.size() - first);
      results[j] = chunk_windows(satellites.subspan(first, count), scenario_epoch, search);
    });
    if (handing_over.valid()) handing_over.get();
    handing_over = std::async(std::launch::async, [&consume, round, results = std::move(results)] {
      for (std::size_t j = 0; j < results.size(); ++j) {
        consume((round + j) * kChunkSatellites, results[j]);
      }
    });
  }
  if (handing_over.valid()) handing_over.get();
}

}  // namespace umbra::orbit
