#include "sim/power/power_budget.hpp"

#include <algorithm>
#include <limits>

namespace umbra::power {
namespace {

OperatingPoint running(const NodeDemand& demand, const spec::GpuModelSpec* model, int pstate) {
  const double gpus =
      demand.gpus > 0 ? demand.gpus * gpu_power(*model, demand.activity, pstate) : 0.0;
  return {NodeMode::kRunning, pstate, demand.fixed_watts + gpus};
}

OperatingPoint suspended(const NodeDemand& demand, const spec::GpuModelSpec& model) {
  const int lowest = static_cast<int>(model.pstates.size()) - 1;
  return {NodeMode::kSuspended, lowest,
          demand.fixed_watts + demand.gpus * gpu_power(model, GpuActivity::kIdle, lowest)};
}

}  // namespace

double gpu_power(const spec::GpuModelSpec& model, GpuActivity activity, int pstate) {
  const spec::PstateSpec& state = model.pstates.at(static_cast<std::size_t>(pstate));
  return activity == GpuActivity::kBusy ? state.busy_watts : state.idle_watts;
}

double satellite_fixed_power(const spec::SatelliteHardwareSpec& hardware,
                             std::span<const spec::LinkClassSpec> link_classes) {
  double watts = hardware.bus_power;
  for (const spec::TerminalSpec& terminal : hardware.terminals) {
    const auto link_class =
        std::find_if(link_classes.begin(), link_classes.end(),
                     [&](const spec::LinkClassSpec& c) { return c.name == terminal.link_class; });
    if (link_class != link_classes.end()) watts += terminal.count * link_class->power;
  }
  return watts;
}

std::vector<OperatingPoint> operating_points(spec::PowerPolicy policy, const NodeDemand& demand,
                                             const spec::GpuModelSpec* model) {
  const int fastest = demand.gpus > 0 ? demand.pstate_cap : 0;
  std::vector<OperatingPoint> points{running(demand, model, fastest)};
  if (demand.gpus == 0 || policy == spec::PowerPolicy::kShutdown) return points;
  if (policy == spec::PowerPolicy::kThrottle) {
    for (int pstate = fastest + 1; pstate < static_cast<int>(model->pstates.size()); ++pstate) {
      points.push_back(running(demand, model, pstate));
    }
  }
  if (demand.activity == GpuActivity::kBusy) points.push_back(suspended(demand, *model));
  return points;
}

bool survives_shadow(double load_watts, const Battery& battery, std::span<const SolarSegment> ahead,
                     double now) {
  // Stored energy the node may still spend, with a relative margin so that a plan landing
  // exactly on the floor is not refused for rounding.
  double spendable = battery.usable_energy() + 1e-12 * battery.capacity();
  for (const SolarSegment& segment : ahead) {
    const double deficit = load_watts - segment.solar_power;
    if (deficit <= 0) return true;
    if (deficit > battery.max_discharge_power()) return false;
    const double seconds = segment.end - std::max(segment.start, now);
    spendable -= deficit / battery.discharge_efficiency() * seconds;
    if (spendable < 0) return false;
  }
  return true;
}

OperatingPoint choose_operating_point(spec::PowerPolicy policy,
                                      std::span<const OperatingPoint> options,
                                      const OperatingPoint& current, const Battery& battery,
                                      std::span<const SolarSegment> ahead, double now) {
  const double solar = ahead.empty() ? 0 : ahead.front().solar_power;
  const bool sun_only = policy == spec::PowerPolicy::kShutdown && current.mode == NodeMode::kOff;
  const double available = solar + (sun_only ? 0 : battery.available_discharge());
  const auto fits = [&](const OperatingPoint& point) { return point.load_watts <= available; };
  if (policy != spec::PowerPolicy::kShutdown) {
    for (const OperatingPoint& point : options) {
      if (fits(point) && survives_shadow(point.load_watts, battery, ahead, now)) return point;
    }
  }
  const auto first_fitting = std::find_if(options.begin(), options.end(), fits);
  return first_fitting != options.end() ? *first_fitting : kOff;
}

double grid_it_power_limit(const spec::SiteSpec& site) {
  return site.power_cap_watts ? *site.power_cap_watts / site.pue
                              : std::numeric_limits<double>::infinity();
}

double grid_facility_power(const spec::SiteSpec& site, double it_watts) {
  return it_watts * site.pue;
}

}  // namespace umbra::power
