#include "sim/orbit/eclipse_windows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "sim/core/error.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/orbit/event_roots.hpp"
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

  double value(EventFunction which) const {
    return which == EventFunction::kPenumbra ? penumbra : umbra;
  }
};

struct Root {
  double time = 0;
  EventFunction function = EventFunction::kPenumbra;
};

class WindowFinder {
 public:
  WindowFinder(const Propagator& satellite, const JulianDate& epoch, const EclipseSearch& search)
      : satellite_(satellite), epoch_(epoch), search_(search) {}

  std::vector<EclipseWindow> run() const {
    const double step = sampling_step();
    const double span = search_.horizon - search_.from;
    const auto intervals = static_cast<std::size_t>(std::ceil(span / step));
    const double h = span / static_cast<double>(intervals);
    std::vector<Sample> samples(intervals + 1);
    double rate_bound = 0;
    for (std::size_t k = 0; k <= intervals; ++k) {
      samples[k] = sample(time_of(k, h, intervals));
      rate_bound = std::max(rate_bound, samples[k].rate_bound);
    }
    const double max_change = kRateMargin * rate_bound * h;

    std::vector<Root> roots;
    for (std::size_t k = 0; k < intervals; ++k) {
      for (const EventFunction which : {EventFunction::kPenumbra, EventFunction::kUmbra}) {
        find_roots(which, time_of(k, h, intervals), time_of(k + 1, h, intervals),
                   samples[k].value(which), samples[k + 1].value(which), max_change, roots);
      }
    }
    std::stable_sort(roots.begin(), roots.end(),
                     [](const Root& a, const Root& b) { return a.time < b.time; });
    return windows_from(roots, inside(samples.front().penumbra), inside(samples.front().umbra));
  }

 private:
  double time_of(std::size_t k, double h, std::size_t intervals) const {
    return k == intervals ? search_.horizon : search_.from + static_cast<double>(k) * h;
  }

  ShadowGeometry geometry(double t) const {
    return shadow_geometry_at(satellite_, epoch_, t, search_.shadow);
  }

  double value(EventFunction which, double t) const {
    const ShadowGeometry g = geometry(t);
    return which == EventFunction::kPenumbra ? g.penumbra_function() : g.umbra_function();
  }

  // 2 pi / 24 over the osculating orbit's angular rate at perigee.
  double sampling_step() const {
    const double fastest_rate = fastest_angular_rate(satellite_.state_at(epoch_, search_.from));
    return std::min(search_.horizon - search_.from,
                    2.0 * std::numbers::pi / (kSamplesPerRevolution * fastest_rate));
  }

  Sample sample(double t) const {
    const auto [r, v] = satellite_.state_at(epoch_, t);
    const Vec3 sun = sun_position(epoch_.plus_seconds(t)).position();
    const ShadowGeometry g = shadow_geometry(r, sun, search_.shadow);
    const double radius = norm(r);
    const double shadow_radius = search_.shadow.earth_radius();
    // |d separation/dt| <= rate of the Earth direction + rate of the Sun direction;
    // |d rho_e/dt| = R |rdot| / (r sqrt(r^2 - R^2)); d rho_s/dt (~1e-12 rad/s) is in the margin.
    const double earth_direction_rate = norm(cross(r, v)) / (radius * radius);
    const double sun_direction_rate = (norm(v) + kEarthOrbitalSpeedMax) / norm(sun - r);
    const double earth_radius_rate =
        radius > shadow_radius
            ? shadow_radius * std::abs(dot(r, v)) / radius /
                  (radius * std::sqrt(radius * radius - shadow_radius * shadow_radius))
            : 0.0;
    return {.penumbra = g.penumbra_function(),
            .umbra = g.umbra_function(),
            .rate_bound = earth_direction_rate + sun_direction_rate + earth_radius_rate};
  }

  void find_roots(EventFunction which, double t0, double t1, double g0, double g1,
                  double max_change, std::vector<Root>& roots) const {
    if (!may_reach_zero(g0, g1, max_change)) return;  // most intervals: no search to set up
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

}  // namespace umbra::orbit
