#pragma once
// The public scheduler API: what a policy sees and what it may decide.
//
// A policy is called once per simulated instant at which something happened (jobs submitted,
// jobs finished or failed, a wake-up it asked for). It reads a read-only snapshot of the cluster
// and answers with decisions. It never touches the simulation engine: everything it knows is in
// ClusterState, everything it does is in Decisions. Policies are deterministic functions of
// what they are given (no clocks, no unordered iteration, no global random state).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace umbra::sched {

inline constexpr int kSchedulerApiVersion = 2;

using JobId = std::size_t;   // dense index of the job in the workload (submit order)
using NodeId = std::size_t;  // dense index over all nodes of the platform
using SiteId = std::size_t;  // dense index over all sites

// Where a job runs: some GPUs on each of some nodes, all in one site.
struct Slot {
  NodeId node = 0;
  int gpus = 0;
  friend bool operator==(const Slot&, const Slot&) = default;
};
struct Placement {
  std::vector<Slot> slots;  // ordered by node id; the ring all-reduce follows this order
  int total_gpus() const;
  friend bool operator==(const Placement&, const Placement&) = default;
};

// How a node runs now, as its power allows (ground nodes always run).
enum class PowerMode { kRunning, kThrottled, kSuspended, kOff };

struct NodeState {
  NodeId id = 0;
  SiteId site = 0;
  std::string name;
  int gpus = 0;       // installed
  int free_gpus = 0;  // installed, up and not allocated to a job
  bool up = true;
  bool orbital = false;  // a satellite
  // Power now (orbital nodes; ground nodes keep these values).
  double illumination = 1;     // fraction of the Sun's disc in view: 0 in umbra, 1 in full sun
  double state_of_charge = 1;  // of the battery (1 without one)
  double min_state_of_charge = 0;
  PowerMode power_mode = PowerMode::kRunning;
  int pstate = 0;  // of its GPUs: 0 is full speed
};

// A stretch of the Earth's shadow (penumbra and umbra) on a satellite, s.
struct ShadowWindow {
  double entry = 0;
  double exit = 0;
};

// What the physics already knows of the future, computed on demand by the engine. Valid during
// the schedule() call that received it.
class Forecasts {
 public:
  virtual ~Forecasts() = default;
  // The shadow `node` is in at `time`, else its next one; none for a ground node, or when the
  // node is sunlit to the end of what the engine has computed.
  virtual std::optional<ShadowWindow> shadow_at_or_after(NodeId node, double time) const = 0;
  // The battery's state of charge of `node` at `time` (>= now) if `busy_gpus` of its GPUs
  // compute from now on, its power policy acting as it would; 1 for a node without battery.
  virtual double state_of_charge_at(NodeId node, double time, int busy_gpus) const = 0;
  // The first time before `until` at which `node` would stop computing (suspended or dark) if
  // `busy_gpus` of its GPUs compute from now on; none if it would not (it may throttle).
  virtual std::optional<double> power_lost_at(NodeId node, int busy_gpus,
                                              double until) const = 0;
};

// A cluster a job runs in: a ground site, or an orbital cluster (a shell, a formation or a
// satellite of its own) whose nodes are satellites joined by laser links.
struct SiteState {
  SiteId id = 0;
  std::string name;
  std::vector<NodeId> nodes;
  int gpus = 0;
  double gpu_peak_flops = 0;  // per GPU, of the site's GPU model
  bool orbital = false;
};

struct QueuedJob {
  JobId id = 0;
  // Views into the workload, valid for the whole run (cheap to copy as jobs come and go).
  std::string_view name;  // the id written in the workload
  std::string_view user;
  double submit_time = 0;
  int gpus = 0;
  int priority = 0;
  double estimate = 0;  // walltime estimate of a full run, seconds (see README: estimates)
  double remaining_estimate = 0;    // estimate scaled by the work left since the last checkpoint
  double attained_gpu_seconds = 0;  // GPU-seconds of service received so far
  int preemptions = 0;
};

struct RunningJob {
  JobId id = 0;
  std::string_view name;  // views into the workload, as in QueuedJob
  std::string_view user;
  double submit_time = 0;
  double start_time = 0;  // of the current run (after the last resume)
  int gpus = 0;
  int priority = 0;
  double estimate = 0;
  double estimated_end =
      0;  // start_time + remaining estimate at start; may be past for an overdue job
  double attained_before = 0;  // GPU-seconds of service received before this run
  SiteId site = 0;             // of the placement
  Placement placement;

  // GPU-seconds of service received so far; the snapshot does not update it for every call.
  double attained_gpu_seconds(double now) const {
    return attained_before + (now - start_time) * gpus;
  }
};

// A snapshot of the cluster at `now`. Queue and running lists are in (submit time, id) order.
struct ClusterState {
  double now = 0;
  std::vector<SiteState> sites;
  std::vector<NodeState> nodes;
  std::deque<QueuedJob> queue;  // a deque: jobs mostly leave from the front
  std::vector<RunningJob> running;
  const Forecasts* forecasts = nullptr;  // set when the platform has satellites
};

// kPowerChanged: an orbital node's power changed how it runs (throttled, suspended, off, back
// to full speed), or it entered or left the Earth's shadow, or its battery reached its floor
// or full charge; `node` says which.
enum class EventKind {
  kJobSubmitted,
  kJobFinished,
  kJobFailed,
  kJobPreempted,
  kWakeUp,
  kPowerChanged
};
struct Event {
  EventKind kind = EventKind::kWakeUp;
  JobId job = 0;    // job events only
  NodeId node = 0;  // kPowerChanged only
};

struct StartJob {
  JobId job = 0;
  Placement placement;
};
struct PreemptJob {
  JobId job = 0;  // the job stops now and resumes from its last checkpoint when started again
};
// When and where a policy now expects a queued job to start (a backfilling reservation).
// Information only: the engine may record it, and never acts on it.
struct Reservation {
  JobId job = 0;
  SiteId site = 0;
  double start = 0;
  friend bool operator==(const Reservation&, const Reservation&) = default;
};
struct Decisions {
  std::vector<StartJob> starts;  // applied in order, after the preemptions
  std::vector<PreemptJob> preemptions;
  std::optional<double> wake_up_at;  // call the policy again at this time (if nothing else does)
  std::vector<Reservation> reservations;  // of jobs still queued after the starts
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual Decisions schedule(const ClusterState& state, std::span<const Event> events) = 0;
};

// Options every policy may read; unknown options are refused by the CLI.
struct SchedulerOptions {
  std::uint64_t seed = 0;
};

struct SchedulerInfo {
  std::string name;
  std::string description;  // one line, for `umbra schedulers`
  std::function<std::unique_ptr<Scheduler>(const SchedulerOptions&)> create;
};

}  // namespace umbra::sched
