#pragma once
// The invariants `umbra run --check` verifies after every change of the engine's state
// (simulation.cpp calls them): each a function of the real structures it reads, throwing
// InvariantViolation (invariant_violation.hpp) with the time and the objects involved. They read
// only: checking changes nothing the run computes, so a checked run writes the same bytes.
// Each looks at what can have changed since the previous check, not at every job and node:
// a run of many jobs would otherwise spend nearly all its time checking the ended ones.
//
// Tolerances: sums of GPU-seconds and energies are compared to 1e-9 relative (rounding of
// the running sums); the battery bounds and the ledgers to 1e-9 of their largest figure, the
// balance the power model keeps (tests/power/power_fleet_test.cpp).
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/engine/gpu_energy_ledger.hpp"
#include "sim/engine/in_flight_transfers.hpp"
#include "sim/engine/invariant_violation.hpp"
#include "sim/engine/job_run.hpp"
#include "sim/engine/simulated_platform.hpp"
#include "sim/power/battery.hpp"
#include "sim/power/energy_ledger.hpp"

namespace umbra::engine {

inline constexpr double kInvariantTolerance = 1e-9;  // relative

// The clock at this check is not before the clock at the previous one.
void check_time_forward(double previous, double now);

// On every node, the GPUs the jobs of the running list hold (their placement and a migration's
// target) number at most the node's GPUs and, with the GPUs it offers as free, no more; they
// match the controller's count (`allocated`, by node) and the energy ledger's. The running
// list holds every job that holds GPUs (check_one_stage).
void check_gpus_held_once(std::span<const JobRun> runs, std::span<const sched::RunningJob> running,
                          std::span<const sched::NodeState> nodes, std::span<const int> allocated,
                          const GpuEnergyLedger& energy, double now);

// Every job is in the list of its stage and in no other: the queue (sorted by id, each once)
// holds the queued jobs, the running list the jobs holding GPUs; a job waiting for its
// submission or ended is in neither. Checked on counts, on the running list whole (every entry
// in a stage holding GPUs, in id order) and on the jobs `moved` between lists since the last
// check, whose queue entries must stand between lower and higher ids: a backlog of thousands
// is not read at every check. The `submitted` jobs (the first ones: jobs are submitted in
// order) must be the listed ones and the `ended` ones.
void check_one_stage(std::span<const JobRun> runs, const sched::ClusterState& state,
                     std::span<const sched::JobId> moved, std::size_t submitted, std::size_t ended,
                     double now);

// The GPU-seconds of the jobs' ended allocations as the checks last saw them, and their sum.
struct ClosedGpuSeconds {
  explicit ClosedGpuSeconds(std::size_t jobs) : by_job(jobs, 0.0) {}
  std::vector<double> by_job;
  double sum = 0;
};

// The GPU-seconds allocated to each job of `changed` (its closed allocations and the one it
// holds now) are its useful, lost (rolled back) and stalled (waiting for a route) GPU-seconds,
// none negative: lost + stalled never exceed allocated. `changed` must hold every job whose
// figures can have moved since the previous check: those holding GPUs and those that gave back
// an allocation since. With `closed` brought up to date from them, the closed allocations of
// all jobs sum to the run's total, `allocated_gpu_seconds` (output::RunTotals).
void check_gpu_seconds_balanced(std::span<const JobRun> runs, std::span<const sched::JobId> changed,
                                ClosedGpuSeconds& closed, double allocated_gpu_seconds, double now);

// A satellite node's battery holds between its floor and its capacity.
void check_charge_within_bounds(const power::Battery& battery, std::string_view node, double now);

// A satellite node's energy accounts balance: solar_in = used + stored + losses + curtailed.
void check_energy_ledger_balanced(const power::EnergyLedger& ledger, std::string_view node,
                                  double now);

// No transfer in flight crosses a router edge that is down, unless the contact driver cut it
// when the edge went down (its runner resumes it over another route). `edges` by router edge;
// `runs` name the transfers' jobs.
void check_no_transfer_on_down_link(std::span<const JobRun> runs,
                                    std::span<const InFlightTransfer* const> transfers,
                                    std::span<const SimulatedEdge> edges,
                                    const std::function<bool(std::size_t edge)>& edge_up,
                                    double now);

}  // namespace umbra::engine
