#pragma once
// What a run produces, as plain data: one record per job, and the totals the engine measured.
// The writers turn it into jobs.csv, summary.json and manifest.json.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/output/gpu_timeline.hpp"
#include "sim/output/power_csv.hpp"

namespace umbra::output {

// Final state of a job when the run ends (the run ends when every job has finished, or at
// the horizon when one is given).
// How a job left the run: finished its work, killed when it reached its walltime
// (AtWalltime::kKill), or still running or queued at the end.
enum class JobState { kFinished, kKilledAtWalltime, kRunning, kQueued };
std::string_view to_string(JobState state);

struct JobRecord {
  std::string id;
  std::string user;
  JobState state = JobState::kQueued;
  double submit = 0;
  std::optional<double> start;  // first start
  std::optional<double> end;    // finish time
  int gpus = 0;
  // Run time alone on its GPUs, the T_isolated of finish-time fairness: the job's ideal duration
  // (workload::ideal_duration); 0 when unknown.
  double isolated_seconds = 0;
  std::string site;                // of the last placement
  std::vector<std::string> nodes;  // of the last placement
  int preemptions = 0;
  int power_suspensions = 0;  // paused because a node's power policy suspended it
  int power_failures = 0;     // failed because a node went dark (rolled back)
  int migrations = 0;         // moved by the policy to other GPUs through a checkpoint
  // Checkpoint bytes read from storage other than the reading node's own: a restore on other
  // nodes than those that wrote the checkpoint (after a migration, a preemption, a failure).
  double checkpoint_bytes_shipped = 0;
  double lost_gpu_seconds = 0;  // GPU time whose progress was thrown away by rollbacks
  // The work its kept progress is, as GPU-seconds alone on its GPUs: its share of the job's work
  // x isolated_seconds x gpus (all of that once finished). What the GPU time it held bought,
  // wherever and however slowly it ran.
  double work_gpu_seconds = 0;
  // Time its GPUs idled because a transfer of the job had no route (the network never or not
  // yet joined its nodes, or their storage, or its data set's site), s.
  double route_wait_seconds = 0;
  // GPU energy while the job held its GPUs: idle power at the node's pstate over the
  // allocation, plus the pstate's busy increment while they computed (gpu_energy_ledger.hpp)
  double energy_joules = 0;
  double checkpoints_written = 0;
  // Network: bytes delivered by its transfers (all-reduce, checkpoints, data set staging), the
  // transfers cut by a link going down, and the bytes they delivered that were sent again (the
  // unfinished chunk of each cut transfer).
  double bytes_moved = 0;
  int transfer_failures = 0;
  double bytes_resent = 0;
};

// Why a job's stretch on its GPUs ended (allocations.csv, the trace's job slices).
enum class AllocationEnd {
  kFinished,
  kPreempted,       // by the policy (also a migration whose target lost its power meanwhile)
  kMigrated,        // the policy moved it to other GPUs
  kPowerFailed,     // a node of it went dark: rolled back to its last checkpoint
  kPowerSuspended,  // a node of it suspended its GPUs: saved, back to the queue
  kKilledAtWalltime,
  kRunning,  // still running when the run ended
};
std::string_view to_string(AllocationEnd end);

// A job on one node's GPUs for one stretch, from the moment it holds them to the moment it gives
// them back (a job on several nodes has one per node, with the same times).
struct Allocation {
  std::uint32_t job = 0;   // index into RunResult::jobs
  std::uint32_t node = 0;  // index into RunResult::node_names
  int gpus = 0;            // on that node
  double start = 0, end = 0;
  AllocationEnd ended = AllocationEnd::kRunning;
};

// One physical link over the run (links.csv): a laser or ground link between its windows, a
// ground station's backhaul, a WAN link.
struct LinkRecord {
  std::string a, b;
  std::string link_class;  // the class's name, "backhaul" or "wan"
  long windows = 0;        // times it came up (static links: 1)
  double up_seconds = 0;
  double bytes_forward = 0;   // from a to b
  double bytes_backward = 0;  // from b to a
  double capacity_bytes = 0;  // one way: the rate integrated over the time up
};

// A window during which a link was up (link_windows.csv): a contact link's windows as the run
// applied them (a window the weather clouded over is absent; one running on past the run's end
// ends with it). Static links have none.
struct LinkWindow {
  std::uint32_t link = 0;  // index into RunResult::links
  double start = 0, end = 0;
};

// Every compute satellite's energy accounts summed (power/energy_ledger.hpp), J and s.
struct SatellitePowerTotals {
  double solar_in = 0;    // delivered by the arrays
  double used = 0;        // drawn by the loads (from the sun and the batteries)
  double discharged = 0;  // given by the batteries (part of `used`)
  double stored_change = 0;
  double losses = 0;     // charging and discharging
  double curtailed = 0;  // sunlight neither used nor stored
  double off_seconds = 0;
  double suspended_seconds = 0;
  double throttled_seconds = 0;
  double min_state_of_charge = 1;
};

// How long jobs may wait with none running, no job starting or ending, before the engine gives
// up on them: a policy that has not started them by then never will (the Sun keeps calling it
// on an orbital platform, so the run would never end), s.
inline constexpr double kLongestPolicyIdle = 30 * 86400.0;

// A site's energy over the run, J: its GPUs' (IT) and, for a ground site, what the grid gave for
// them with cooling and losses (IT x PUE); an orbital cluster's facility energy is its IT energy.
struct SiteEnergy {
  std::string site;
  double it_joules = 0;
  double pue = 1;
  double facility_joules() const { return it_joules * pue; }
};

struct RunTotals {
  std::optional<SatellitePowerTotals> satellite_power;  // none without compute satellites
  double end_time = 0;                                  // simulated time when the run stopped
  double platform_gpus = 0;
  double allocated_gpu_seconds = 0;     // GPUs held by jobs, integrated over time
  double energy_joules = 0;             // every GPU, idle and busy, over the run
  double unallocated_gpu_joules = 0;    // the part drawn by GPUs no job held (idle)
  std::vector<SiteEnergy> site_energy;  // per site, ground sites first in file order
  long long scheduler_calls = 0;
  long long simulated_activities = 0;  // SimGrid activities: computations and transfers
  long long simulated_transfers = 0;
  // The space router's work (sim/network/space_router.hpp): how often one of its links came up
  // or went down (the static ones count once, coming up at the start), and the shortest-path
  // trees it computed to route transfers.
  long long topology_changes = 0;
  long long routing_trees_computed = 0;
  // Set when the engine stopped the run because for kLongestPolicyIdle jobs waited while none ran
  // and none started or ended (the policy never starts them), or jobs ran while none saved
  // progress or finished (each is stopped before its next checkpoint, again and again): when
  // it stopped, and why.
  std::optional<double> gave_up_at;
  enum class GaveUp { kNeverStarted, kNoProgress } gave_up_because = GaveUp::kNeverStarted;
  int jobs_left = 0;  // queued or running when it stopped
  // Set when a stop was requested (SimulationOptions::stop_requested, a signal): the simulated
  // time at which the run stopped, its results those of that instant.
  std::optional<double> stopped_at;
};

struct InputFile {
  std::string role;  // "platform", "workload"
  std::string path;
  std::string sha256;
};

// What reading the workload did with its records (sim/workload/read_counts.hpp).
struct WorkloadReadCounts {
  std::string format;  // "yaml", "swf", ...
  long long records = 0;
  long long kept = 0;
  long long bad_lines = 0;  // malformed records skipped (--skip-bad-lines)
  std::vector<std::pair<std::string, long long>> dropped;  // by reason
};

// How the run ended (manifest.json's "status"): it ran to its end (every job done, or the
// engine gave up on them), a signal stopped it at simulated time `stopped_at` (its outputs hold
// the run up to then), or it failed (an error, such as an output that could not be written,
// stopped it; its outputs are not all there).
struct RunOutcome {
  enum class Status { kComplete, kInterrupted, kFailed };
  Status status = Status::kComplete;
  double stopped_at = 0;  // s, when interrupted
  std::string reason;     // the signal's name ("SIGINT"), or the error
};
std::string_view to_string(RunOutcome::Status status);

struct Manifest {
  RunOutcome outcome;
  std::string umbra_version;
  std::vector<std::string> command_line;
  std::vector<InputFile> inputs;
  unsigned long long seed = 0;
  std::string scheduler;
  std::map<std::string, std::string, std::less<>> scheduler_options;  // those given, by name
  std::optional<WorkloadReadCounts> workload_read;
  std::vector<std::string> warnings;  // also printed on standard error (run_warnings.hpp)
};

struct RunResult {
  // power.csv, in time order per node, when no sink took them (SimulationOptions::power_rows)
  std::deque<PowerRow> power_rows;
  std::vector<std::string> node_names;  // of the platform's nodes, by index (power rows)
  std::vector<std::string> node_sites;  // the site of each node, by index
  std::vector<JobRecord> jobs;          // in workload order
  // allocations.csv, by end time, then job, then node, when no sink took them
  // (SimulationOptions::allocations)
  std::deque<Allocation> allocations;
  std::vector<LinkRecord> links;  // contact links, backhauls, then WAN links
  // link_windows.csv, by end time, then link, when no sink took them
  // (SimulationOptions::link_windows)
  std::deque<LinkWindow> link_windows;
  std::vector<GpuUseBucket> gpu_use;  // GPUs held and computing over time, in time order
  RunTotals totals;
  Manifest manifest;
};

}  // namespace umbra::output
