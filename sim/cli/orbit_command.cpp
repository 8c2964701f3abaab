// `umbra orbit PLATFORM.yaml [--sat NAME] --to T [--from T] [--step DT]` and
// `umbra orbit --tle FILE --tsince START:STOP:STEP`: satellite states as CSV.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <numbers>
#include <string_view>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/platform_input.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/time_range.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/core/error.hpp"
#include "sim/orbit/frames.hpp"
#include "sim/orbit/sgp4.hpp"
#include "sim/orbit/shadow.hpp"
#include "sim/orbit/sun.hpp"
#include "sim/orbit/tle.hpp"
#include "sim/output/csv_field.hpp"

namespace umbra::cli {
namespace {

constexpr double kKm = 1e3;
constexpr double kDegreesPerRadian = 180.0 / std::numbers::pi;

void print_help() {
  fmt::print(
      "usage: umbra orbit PLATFORM.yaml [--sat NAME] --to T [--from T] [--step DT]\n"
      "       umbra orbit --tle FILE --tsince START:STOP:STEP\n\n"
      "Prints satellite states as CSV on standard output.\n\n"
      "With a platform: every satellite (or only --sat NAME), each over the whole range in\n"
      "turn, one row per time step from --from (default: the epoch) to --to (included when a\n"
      "step lands on it), every --step (default: 60s). T is an ISO UTC time\n"
      "(2026-03-20T12:00:00Z) or an offset from the platform's epoch (90min, 2h, 0). Columns:\n"
      "  time_utc,t_s,satellite,\n"
      "  x_teme_km,y_teme_km,z_teme_km,vx_teme_km_s,vy_teme_km_s,vz_teme_km_s,\n"
      "  x_ecef_km,y_ecef_km,z_ecef_km,vx_ecef_km_s,vy_ecef_km_s,vz_ecef_km_s,\n"
      "  latitude_deg,longitude_deg,altitude_km,illumination\n"
      "TEME is the propagators' inertial frame; ECEF is Earth-fixed (TEME turned by GMST,\n"
      "velocity relative to the ground); latitude and altitude are WGS-84 geodetic;\n"
      "illumination is the visible fraction of the Sun's disc (0 umbra, 1 sunlit).\n\n"
      "With --tle: SGP4 for every element set of FILE at START, START+STEP, ... up to STOP\n"
      "minutes since that set's own epoch, in the verification format of tcppver.out:\n"
      "  satnum,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s   (TEME)\n"
      "An element set SGP4 cannot propagate further (decayed, eccentricity out of range) stops\n"
      "there, as in the verification run, with a warning on standard error.\n");
}

// "START:STOP:STEP" in minutes; negative values allowed.
TimeRange minutes_range(const std::string& text) {
  double values[3] = {0, 0, 0};
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  bool valid = true;
  for (int i = 0; i < 3 && valid; ++i) {
    const auto [next, error] = std::from_chars(cursor, end, values[i]);
    valid = error == std::errc{} && next != cursor &&
            (i == 2 ? next == end : next != end && *next == ':');
    cursor = next + 1;
  }
  if (!valid) {
    throw InputError(fmt::format(
        "option \"--tsince\" expects START:STOP:STEP in minutes, such as 0:1440:360, got \"{}\"",
        text));
  }
  return make_time_range(values[0], values[1], values[2], "--tsince START", "STOP", "STEP");
}

int print_element_sets(const std::string& path, const std::string& tsince) {
  const TimeRange range = minutes_range(tsince);
  fmt::print("satnum,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s\n");
  for (const orbit::ElementSet& set : orbit::read_tle_file(path)) {
    const orbit::Sgp4Propagator propagator(set);
    fmt::memory_buffer rows;
    for (long long i = 0; i < range.count; ++i) {
      const double minutes = range.at(i);
      try {
        const orbit::StateVector state = propagator.propagate_minutes(minutes);
        const orbit::Vec3 r = (1 / kKm) * state.position;
        const orbit::Vec3 v = (1 / kKm) * state.velocity;
        fmt::format_to(std::back_inserter(rows),
                       "{},{:.8f},{:.8f},{:.8f},{:.8f},{:.9f},{:.9f},{:.9f}\n", set.satnum, minutes,
                       r.x, r.y, r.z, v.x, v.y, v.z);
      } catch (const orbit::PropagationError& error) {
        fmt::print(stderr,
                   "umbra: warning: satellite {} stops at tsince {:g} min: {} (SGP4 error {})\n",
                   set.satnum, minutes, error.what(), error.code());
        break;
      }
    }
    std::fwrite(rows.data(), 1, rows.size(), stdout);
  }
  return kExitOk;
}

void print_track(const contact::Satellite& satellite, const orbit::JulianDate& epoch,
                 const TimeRange& range) {
  fmt::memory_buffer rows;
  const std::string name = output::csv_field(satellite.name);
  for (long long i = 0; i < range.count; ++i) {
    const double t = range.at(i);
    const orbit::JulianDate when = epoch.plus_seconds(t);
    orbit::StateVector teme;
    try {
      teme = satellite.propagator->state_at(epoch, t);
    } catch (const orbit::PropagationError& error) {
      throw InputError(fmt::format("satellite \"{}\" has no state at {}: {}", satellite.name,
                                   orbit::format_utc(when), error.what()));
    }
    const orbit::StateVector ecef = orbit::teme_to_earth_fixed(teme, when);
    const orbit::Geodetic geodetic = orbit::earth_fixed_to_geodetic(ecef.position);
    const double illumination = orbit::illumination_fraction(
        orbit::shadow_geometry(teme.position, orbit::sun_position(when).position()));
    const auto km = [](orbit::Vec3 v) { return (1 / kKm) * v; };
    const orbit::Vec3 r = km(teme.position), v = km(teme.velocity);
    const orbit::Vec3 re = km(ecef.position), ve = km(ecef.velocity);
    fmt::format_to(std::back_inserter(rows),
                   "{},{:.3f},{},{:.6f},{:.6f},{:.6f},{:.9f},{:.9f},{:.9f},{:.6f},{:.6f},{:.6f},"
                   "{:.9f},{:.9f},{:.9f},{:.6f},{:.6f},{:.6f},{:.6f}\n",
                   orbit::format_utc(when), t, name, r.x, r.y, r.z, v.x, v.y, v.z, re.x, re.y, re.z,
                   ve.x, ve.y, ve.z, geodetic.latitude * kDegreesPerRadian,
                   geodetic.longitude * kDegreesPerRadian, geodetic.altitude / kKm, illumination);
  }
  std::fwrite(rows.data(), 1, rows.size(), stdout);
}

int print_platform_tracks(const Arguments& arguments) {
  if (arguments.positional().size() != 1) {
    throw InputError("give one platform file, or --tle FILE ('umbra orbit --help')");
  }
  if (!arguments.has("to")) throw InputError("option \"--to\" is required with a platform");
  const spec::PlatformSpec platform = read_platform(arguments.positional()[0]);
  const contact::Constellation constellation = contact::build_constellation(platform);
  const double from =
      seconds_since_epoch(arguments.value("from").value_or("0"), constellation.epoch, "from");
  const double to = seconds_since_epoch(*arguments.value("to"), constellation.epoch, "to");
  const double step = duration_option(arguments.value("step").value_or("60s"), "step");
  const TimeRange range = make_time_range(from, to, step, "--from", "--to", "--step");
  fmt::print(
      "time_utc,t_s,satellite,x_teme_km,y_teme_km,z_teme_km,vx_teme_km_s,vy_teme_km_s,"
      "vz_teme_km_s,x_ecef_km,y_ecef_km,z_ecef_km,vx_ecef_km_s,vy_ecef_km_s,vz_ecef_km_s,"
      "latitude_deg,longitude_deg,altitude_km,illumination\n");
  if (const auto name = arguments.value("sat")) {
    print_track(constellation.satellite(*name), constellation.epoch, range);
  } else {
    for (const contact::Satellite& satellite : constellation.satellites) {
      print_track(satellite, constellation.epoch, range);
    }
  }
  return kExitOk;
}

int orbit_main(const std::vector<std::string>& args) {
  const Arguments arguments(
      args, {{"sat"}, {"from"}, {"to"}, {"step"}, {"tle"}, {"tsince"}, {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (const auto tle = arguments.value("tle")) {
    for (const char* option : {"sat", "from", "to", "step"}) {
      if (arguments.has(option)) {
        throw InputError(
            fmt::format("option \"--{}\" is for a platform; with --tle give --tsince", option));
      }
    }
    if (!arguments.positional().empty())
      throw InputError("give a platform file or --tle, not both");
    const auto tsince = arguments.value("tsince");
    if (!tsince) throw InputError("option \"--tle\" needs --tsince START:STOP:STEP (minutes)");
    return print_element_sets(*tle, *tsince);
  }
  if (arguments.has("tsince")) throw InputError("option \"--tsince\" goes with --tle FILE");
  return print_platform_tracks(arguments);
}

}  // namespace

Subcommand orbit_subcommand() {
  return {"orbit", "print satellite positions, velocities and sunlight as CSV", orbit_main};
}

}  // namespace umbra::cli
