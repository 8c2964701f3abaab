#pragma once
// The power of every compute satellite in the run (power/power_fleet.hpp), driven by the
// engine's clock: solar segments computed a day at a time as the run reaches them (like the
// contact plan), demand changed as jobs start and stop on a node, every row kept for
// power.csv. The controller applies what the rows say to the node and its jobs
// (simulation.cpp); the driver itself sets the node host's pstate, so SimGrid slows the
// computations of a throttled node.
//
// A node's demand: its busy GPUs (computing), and as power that cannot be shed its bus, its
// terminals (all counted active) and its idle GPUs at idle power. A GPU is busy while a job
// holds it. A satellite with neither solar array nor battery is taken as powered without limit
// and has no power model.
#include <optional>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/engine/simulated_platform.hpp"
#include "sim/output/run_result.hpp"
#include "sim/power/power_fleet.hpp"

namespace umbra::engine {

class PowerDriver final : public sched::Forecasts {
 public:
  PowerDriver(const spec::PlatformSpec& platform, const contact::Constellation& constellation,
              const SimulatedPlatform& simulated, double block_length = 86400);

  bool empty() const { return fleet_nodes_.empty(); }
  // The next instant at which a node's power changes (or the next block is due); infinity
  // without compute satellites.
  double next_event_time() const;
  // What a node's rows at an instant said: `notable` when it entered or left the shadow, its
  // battery reached full charge or its floor, or its operating point changed (the rest are
  // steps of its solar input).
  struct PowerChange {
    std::size_t node = 0;  // platform node
    bool notable = false;
  };
  static constexpr power::PowerEvents kNotable = power::kEclipseEntry | power::kEclipseExit |
                                                 power::kBatteryFull | power::kBatteryFloor |
                                                 power::kOperatingPointChanges;
  // Runs every event due at `now`; returns each node that had one, once, in node order.
  std::vector<PowerChange> apply_due(double now);
  // `busy` GPUs of platform node `node` compute from `now` on; returns whether its operating
  // point changed.
  bool set_busy_gpus(std::size_t node, int busy, double now);

  // The node's power state as a policy sees it (unchanged for a ground node).
  void fill(std::size_t node, sched::NodeState& state) const;
  // The node's operating point now (running at pstate 0 for a ground node).
  power::OperatingPoint point(std::size_t node) const;
  // Whether the node could run all its GPUs busy (at some pstate) to the end of the solar
  // segment it is in: a node that came back on with its GPUs idle may not carry them yet.
  bool can_compute(std::size_t node) const;

  // sched::Forecasts, by platform node.
  std::optional<sched::ShadowWindow> shadow_at_or_after(sched::NodeId node,
                                                        double time) const override;
  double state_of_charge_at(sched::NodeId node, double time, int busy_gpus) const override;
  std::optional<double> power_lost_at(sched::NodeId node, int busy_gpus,
                                      double until) const override;

  // Ends every node at `end` and returns power.csv's rows; then the ledgers summed.
  std::vector<output::PowerRow> finish(double end);
  output::SatellitePowerTotals totals() const;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  void load_block(double from);
  power::NodeDemand demand_of(std::size_t fleet_node, int busy) const;
  // Records the rows, sets the pstate of nodes whose point changed, marks changed nodes.
  void absorb(const std::vector<power::FleetEvent>& events, std::vector<PowerChange>* changes);

  const spec::PlatformSpec& platform_;
  const contact::Constellation& constellation_;
  const SimulatedPlatform& simulated_;
  double block_length_;
  double block_end_ = 0;
  std::vector<std::size_t> fleet_nodes_;  // platform node of each fleet node
  std::vector<std::size_t> fleet_index_;  // fleet node of each platform node, or kNone
  std::vector<double> fixed_watts_;       // bus and terminals, per fleet node
  std::vector<int> busy_;                 // per fleet node
  std::optional<power::PowerFleet> fleet_;
  std::vector<output::PowerRow> rows_;
};

}  // namespace umbra::engine
