#pragma once
// The power of every compute satellite in the run (power/power_fleet.hpp), driven by the
// engine's clock: solar segments computed a day at a time as the run reaches them (like the
// contact plan; the next day's on another thread while the run goes through the day), demand
// changed as jobs start and stop on a node and as its links come and go, every row kept for
// power.csv. The controller applies what the rows say to the node and its jobs
// (simulation.cpp); the driver itself sets the node host's pstate, so SimGrid slows the
// computations of a throttled node, and its GPU energy follows the operating point (a dark node
// at the dark pstate draws nothing). Each row goes to the sink as it is made (power.csv is
// written as the run goes).
//
// A node's demand: its busy GPUs (computing), and as power that cannot be shed its bus, its
// active terminals and its idle GPUs at idle power. A GPU is busy while a job computes on it
// (GpuEnergyLedger::computing_gpus); held by a job that is not computing, it is idle. A
// terminal is active while a contact link of the satellite that uses it is up (the contact
// driver's window edges, ContactDriver::take_terminal_changes): a laser link holds one laser
// terminal at each end, a ground link one terminal of its class (rf, optical-ground) on the
// satellite. So a satellite draws, per class, min(its links up, its terminals) x the class's
// power, from the instant a link comes up to the instant it goes down; each change is a row, so
// the energy ledger stays exact. A satellite with neither solar array nor battery is taken as
// powered without limit and has no power model.
#include <cstdint>
#include <future>
#include <optional>
#include <span>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/engine/contact_driver.hpp"
#include "sim/engine/gpu_energy_ledger.hpp"
#include "sim/engine/simulated_platform.hpp"
#include "sim/output/power_csv.hpp"
#include "sim/output/run_result.hpp"
#include "sim/power/power_fleet.hpp"
#include "sim/power/power_lookahead.hpp"

namespace umbra::engine {

class PowerDriver {
 public:
  // The driver sets each node's pstate, in SimGrid and in `energy`, and sends power.csv's rows
  // to `rows`. Its forecasts count the terminals' load of the links `contacts` has planned.
  PowerDriver(const spec::PlatformSpec& platform, const contact::Constellation& constellation,
              const SimulatedPlatform& simulated, const ContactDriver& contacts,
              GpuEnergyLedger& energy, output::PowerRowSink& rows, double block_length = 86400);
  PowerDriver(const PowerDriver&) = delete;
  PowerDriver& operator=(const PowerDriver&) = delete;
  ~PowerDriver();

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
  // The contact links that came up or went down at `now` (ContactDriver::take_terminal_changes):
  // each satellite's terminals draw from then on for its links up. Returns the platform nodes
  // whose operating point changed mode or pstate (not those whose load alone moved).
  std::vector<std::size_t> set_terminals(std::span<const ContactDriver::TerminalChange> changes,
                                         double now);
  // A scheduling policy's cap (sched::SetPowerCap): the node's GPUs run at `pstate` or slower
  // from `now` on, its power policy choosing max(its own pstate, the cap), and its demand and
  // energy follow that pstate; 0 lifts the cap. A node without a power model (a ground node)
  // runs at the cap. Returns whether its operating point changed mode or pstate; throws
  // std::logic_error naming the node for a pstate its GPU model does not have.
  bool set_power_cap(std::size_t node, int pstate, double now);

  // The node's power state as a policy sees it (unchanged for a ground node).
  void fill(std::size_t node, sched::NodeState& state) const;
  // The node's operating point now (running at pstate 0 for a ground node).
  power::OperatingPoint point(std::size_t node) const;
  // Whether the node could run all its GPUs busy (at some pstate) to the end of the solar
  // segment it is in: a node that came back on with its GPUs idle may not carry them yet.
  bool can_compute(std::size_t node) const;

  // The power forecasts of sched::Forecasts (engine_forecasts.hpp), by platform node. They see
  // the sun's course as far as they are asked, up to kForecastReach past the clock: a question
  // past the blocks loaded loads the next ones first (the blocks the run would load later, only
  // sooner), so a forecast does not stop at the end of the day the run is in. The terminals draw
  // as the contact plan will have the node's links come and go, to the end of the plan's block
  // under way, and as they are at that end from then on.
  static constexpr double kForecastReach = 7 * 86400.0;
  std::optional<sched::ShadowWindow> shadow_at_or_after(sched::NodeId node, double time);
  double state_of_charge_at(sched::NodeId node, double time, int busy_gpus);
  std::optional<double> power_lost_at(sched::NodeId node, int busy_gpus, double until);

  // The compute satellites' power models as of their last events (none without them), and
  // the platform node of each, for the run's invariants (run_invariants.hpp).
  const power::PowerFleet* fleet() const { return fleet_ ? &*fleet_ : nullptr; }
  std::size_t platform_node(std::size_t fleet_node) const { return fleet_nodes_[fleet_node]; }
  // The fleet nodes whose power state changed since the previous call, in fleet order: every
  // node at the first call, from which on the driver records them. The run's invariants check
  // only these (a node's battery and ledger change only at its own events).
  std::vector<std::size_t> take_changed_nodes();

  // Ends every node at `end` (their last rows); then the ledgers summed.
  void finish(double end);
  output::SatellitePowerTotals totals() const;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // Every fleet node's solar segments over [from, from + block length): a pure function of the
  // orbits, so it may run on another thread.
  std::vector<std::vector<power::SolarSegment>> solar_of_block(double from) const;
  void load_block(double from);
  // Loads blocks until the solar input reaches `time` or kForecastReach past the clock, whichever
  // is sooner.
  void load_through(double time);
  double forecast_limit() const;
  // A satellite's terminals of one link class, `links_up` of its links of that class up.
  struct Terminal {
    std::size_t link_class = 0;
    int count = 0;
    double watts = 0;  // each
    int links_up = 0;
  };

  // One more or one fewer of the satellite's links of the change's class up.
  static void count_link(std::vector<Terminal>& terminals,
                         const ContactDriver::TerminalChange& change);
  // Bus and active terminals, `terminals` being the node's.
  double fixed_watts(std::size_t fleet_node, const std::vector<Terminal>& terminals) const;
  const spec::GpuModelSpec& gpu_model_of(std::size_t node) const;
  // The node's GPUs run at `pstate` from now on; none when it is dark.
  void set_host_pstate(std::size_t node, std::optional<int> pstate);
  power::NodeDemand demand_of(std::size_t fleet_node, int busy) const;
  power::NodeDemand demand_of(std::size_t fleet_node, int busy,
                              const std::vector<Terminal>& terminals) const;
  // The node's demand with `busy` GPUs at each instant the contact plan changes its links, up
  // to `until`.
  std::vector<power::DemandStep> planned_demand(std::size_t fleet_node, int busy,
                                                double until) const;
  // The node from `now` on with `busy` GPUs and the demand planned up to `until`.
  power::PowerLookahead lookahead(std::size_t fleet_node, int busy, double now, double until) const;
  // Gives the fleet node its demand now if it changed; returns its operating point before.
  power::OperatingPoint change_demand(std::size_t fleet_node, double now);
  // Records the rows, sets the pstate of nodes whose point changed, marks changed nodes.
  void absorb(const std::vector<power::FleetEvent>& events, std::vector<PowerChange>* changes);

  const spec::PlatformSpec& platform_;
  const contact::Constellation& constellation_;
  const SimulatedPlatform& simulated_;
  const ContactDriver& contacts_;
  GpuEnergyLedger& energy_;
  double block_length_;
  double block_end_ = 0;                            // where the solar input loaded ends
  std::vector<std::size_t> fleet_nodes_;            // platform node of each fleet node
  std::vector<std::size_t> fleet_index_;            // fleet node of each platform node, or kNone
  std::vector<std::size_t> satellite_fleet_index_;  // fleet node of each satellite, or kNone
  std::vector<int> caps_;                           // pstate cap of each platform node
  std::vector<double> bus_watts_;                   // per fleet node
  std::vector<std::vector<Terminal>> terminals_;    // per fleet node
  std::vector<int> busy_;                           // per fleet node
  std::vector<power::NodeDemand> demands_;          // per fleet node, as last given
  // Since the last take_changed_nodes(), once it was first called: the fleet nodes with rows.
  enum class ChangeRecording { kOff, kOn } change_recording_ = ChangeRecording::kOff;
  std::vector<std::size_t> changed_nodes_;
  std::vector<bool> node_changed_;
  std::optional<power::PowerFleet> fleet_;
  std::future<std::vector<std::vector<power::SolarSegment>>> next_solar_;  // from block_end_
  // power_lost_at's scans, per fleet node and load, valid while the node has no new row and the
  // clock stands at `now` (a policy asks about the same node and load for each job it places),
  // for questions up to `until`, as far as their planned demand goes.
  struct CachedLookahead {
    std::uint64_t rows = 0;
    double now = 0;
    int busy = 0;
    double until = 0;
    power::PowerLookahead lookahead;
  };
  std::vector<std::uint64_t> rows_of_node_;  // per fleet node
  std::vector<std::vector<CachedLookahead>> lookaheads_;
  output::PowerRowSink& rows_;
};

}  // namespace umbra::engine
