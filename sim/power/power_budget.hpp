#pragma once
// A node's power budget: what its loads draw and, when sun and battery cannot feed them, which
// operating point its power policy falls back to. Pure functions the engine calls at each event.
//
// Loads: a fixed part (the bus, and each active terminal at its link class's power) and the
// GPUs, each drawing its pstate's idle or busy power (spec/platform_spec.hpp).
//
// Operating points, best first, per policy (`operating_points`), from the demand's pstate cap c
// (0 when no scheduling policy capped the node):
//   throttle  the demanded activity at pstate c, c + 1, ... (slower, lower power), then, for busy
//             GPUs, suspended (idle at the lowest-power pstate);
//   suspend   the demand at pstate c, then suspended;
//   shutdown  the demand at pstate c only.
// Below them all is off: the whole node dark, drawing nothing.
//
// Choice (`choose_operating_point`), at every event:
//   shutdown  runs the demand while sun and battery can give its power, else is off: in a
//             shadow it runs until the battery reaches its floor, then stays dark until the sun
//             alone can feed it again (not on the first trickle of charge, which would only
//             bring it back to the floor).
//   throttle, suspend  take the first point that fits now (load <= solar + the battery's
//             available discharge) and that survives the shadow ahead (`survives_shadow`): the
//             orbit's future is known, so the node slows or pauses before its battery runs
//             out rather than after. When none survives, the first that fits now; then off.
// Ground nodes have no battery: their supply is the site's grid share, `grid_it_power_limit`.
#include <span>
#include <vector>

#include "sim/power/battery.hpp"
#include "sim/power/solar_profile.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::power {

enum class GpuActivity { kIdle, kBusy };

// What the node is asked to run.
struct NodeDemand {
  double fixed_watts = 0;  // bus + active terminals (+ any other load that cannot be shed)
  int gpus = 0;
  GpuActivity activity = GpuActivity::kIdle;
  int pstate_cap = 0;  // the GPUs run at this pstate or slower (a valid pstate of the model)

  friend bool operator==(const NodeDemand&, const NodeDemand&) = default;
};

enum class NodeMode { kRunning, kSuspended, kOff };

// How the node runs: its mode, its GPUs' pstate and the power it then draws.
struct OperatingPoint {
  NodeMode mode = NodeMode::kRunning;
  int pstate = 0;
  double load_watts = 0;

  friend bool operator==(const OperatingPoint&, const OperatingPoint&) = default;
};

// Watts drawn by one GPU of `model` doing `activity` at `pstate`.
double gpu_power(const spec::GpuModelSpec& model, GpuActivity activity, int pstate);

// Watts of the bus and of every terminal of `hardware` (all active), classes looked up by name
// in `link_classes` (the reader checked they exist).
double satellite_fixed_power(const spec::SatelliteHardwareSpec& hardware,
                             std::span<const spec::LinkClassSpec> link_classes);

// The points `policy` may use for `demand`, best first. `model` may be null when demand.gpus
// is 0.
std::vector<OperatingPoint> operating_points(spec::PowerPolicy policy, const NodeDemand& demand,
                                             const spec::GpuModelSpec* model);

inline constexpr OperatingPoint kOff{NodeMode::kOff, 0, 0};

// Whether drawing `load_watts` from `now` on keeps the battery above its floor, within its
// discharge limit, through the shadow ahead: the segments of `ahead` (the first holds `now`)
// up to the first whose solar power covers the load, or to the end of `ahead`.
bool survives_shadow(double load_watts, const Battery& battery, std::span<const SolarSegment> ahead,
                     double now);

// The point `policy` runs at `now` (see above), coming from `current`; `options` from
// operating_points, `ahead` as for survives_shadow, `ahead.front()` the segment holding `now`.
OperatingPoint choose_operating_point(spec::PowerPolicy policy,
                                      std::span<const OperatingPoint> options,
                                      const OperatingPoint& current, const Battery& battery,
                                      std::span<const SolarSegment> ahead, double now);

// Ground sites: IT power the grid cap allows after cooling and losses (cap / PUE; unlimited
// without a cap), and the grid power drawn for an IT load (IT x PUE).
double grid_it_power_limit(const spec::SiteSpec& site);
double grid_facility_power(const spec::SiteSpec& site, double it_watts);

}  // namespace umbra::power
