#pragma once
// The public scheduler API: what a policy sees and what it may decide.
//
// A policy is called once per simulated instant at which something happened (jobs submitted,
// jobs finished or failed, link and power changes, a wake-up it asked for), after every event of
// that instant has been applied: a job that ends at the instant another is submitted has freed
// its GPUs by then. The events come sorted by kind (EventKind's order), then job, then node. What
// the policy's decisions set off at that same instant reaches it in a later call. It reads a
// read-only snapshot of the cluster and answers with decisions. It never touches the simulation
// engine: everything it knows is in ClusterState, everything it does is in Decisions. Policies are
// deterministic functions of what they are given (no clocks, no unordered iteration, no global
// random state).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schedulers/policy_options.hpp"

namespace umbra::sched {

inline constexpr int kSchedulerApiVersion = 4;

using JobId = std::size_t;   // dense index of the job in the workload (submit order)
using NodeId = std::size_t;  // dense index over all nodes of the platform
using SiteId = std::size_t;  // dense index over all sites
// A group of nodes the network joins: named by the lowest NodeId in it (NodeState below).
using ComponentId = std::size_t;

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
  int pstate = 0;     // of its GPUs: 0 is full speed
  int power_cap = 0;  // the slowest-first cap a policy set (SetPowerCap); 0 for none
  // Which nodes the network can join for a job's ring, as connected components of the laser
  // links between satellites and the terrestrial links (station backhauls, the WAN), each named
  // by its lowest NodeId, so two nodes are joined when their ids are equal (a ground site's
  // nodes always are). Links to ground stations are left out: a route through a station lasts
  // a pass of minutes an orbit.
  // - ever_component: over every laser link that comes up at some time in the contact plan's
  //   first day (a shell's or formation's geometry repeats every orbit, so a laser link that is
  //   not up within a day never is). A ring across two of these waits for routes that never
  //   come, or only through passes: the placement helpers (free_gpus.hpp,
  //   orbital_placement.hpp) keep a job inside one.
  // - component_now: over the laser links up now; a ring inside one has a route now.
  // Both are set by the engine; a snapshot built by hand that leaves them 0 joins every node.
  ComponentId ever_component = 0;
  ComponentId component_now = 0;
};

// A stretch of the Earth's shadow (penumbra and umbra) on a satellite, s.
struct ShadowWindow {
  double entry = 0;
  double exit = 0;
};

// A window in which an orbital node has a link of its own to a ground station, as the contact
// plan has it (an optical link's weather applied), and the ground site the station's backhaul
// reaches.
struct GroundContact {
  double start = 0;  // s
  double end = 0;
  SiteId site = 0;
  double rate = 0;  // highest rate of the window, bytes/s
};

// What the engine already knows of the future, computed on demand. Valid during the schedule()
// call that received it. The power forecasts see the sun's course as far as they are asked, up
// to a reach of 7 days past now (engine::PowerDriver::kForecastReach; the engine computes it a
// day at a time as questions need it); past the reach a node is taken to stay sunlit and to
// keep computing.
class Forecasts {
 public:
  virtual ~Forecasts() = default;
  // The shadow `node` is in at `time` (>= now), else its next one; none for a ground node, or
  // when the node is sunlit to the reach. The engine keeps the sun's course from the entry of
  // the shadow the node is in (else its current sunlit stretch) on: an earlier `time` is
  // answered from there. A shadow still running at the reach ends there.
  virtual std::optional<ShadowWindow> shadow_at_or_after(NodeId node, double time) const = 0;
  // The battery's state of charge of `node` at `time` (>= now) if `busy_gpus` of its GPUs
  // compute from now on, its power policy acting as it would; 1 for a node without battery.
  // This and power_lost_at count the node's terminals as the contact plan has its links come
  // and go, to the end of the plan's day under way, and as they are at that end from then on.
  virtual double state_of_charge_at(NodeId node, double time, int busy_gpus) const = 0;
  // The first time, at or before `until` and the reach, at which `node` would stop computing
  // (suspended or dark) if `busy_gpus` of its GPUs compute from now on; none if it would not
  // (it may throttle). The time is the same whatever `until` it is asked with.
  virtual std::optional<double> power_lost_at(NodeId node, int busy_gpus, double until) const = 0;
  // The bottleneck bandwidth now of the links between `from` and `to`, bytes/s: infinite when
  // they share a node or a ground site (the nodes' own NICs are not counted), 0 while no route
  // exists. A node's checkpoint storage is reached over the same links.
  virtual double bandwidth_now(NodeId from, NodeId to) const = 0;
  // The ground contacts of orbital `node` that overlap [from, until), in time order (those the
  // engine has planned so far: at least to the end of the current day); none for a ground node.
  virtual std::vector<GroundContact> ground_contacts(NodeId node, double from,
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
  // A ground site's grid cap (power_cap / PUE) less the IT power its GPUs may draw now, every
  // GPU a job holds counted busy, W; infinity without a cap. The engine trims the site's free
  // GPUs to it, in node order (sim/engine/site_power_caps.hpp), so a start on free GPUs never
  // breaks the cap.
  double power_headroom_watts = std::numeric_limits<double>::infinity();
};

// Where a job stands: how far its work has gone, where its last checkpoint and its data set
// are. Fractions are of the job's whole work.
struct JobProgress {
  double done = 0;                          // at the end of its last segment (or checkpoint now)
  double checkpointed = 0;                  // saved by its last checkpoint
  double checkpoint_time = -1;              // when that checkpoint was written; -1 when none
  std::optional<SiteId> checkpoint_site;    // the cluster whose storage holds it
  double checkpoint_bytes = 0;              // of one checkpoint, all nodes together
  double dataset_bytes = 0;                 // 0 when the job reads no data set
  std::optional<SiteId> dataset_site;       // the ground site it comes from
  std::optional<SiteId> dataset_staged_at;  // the cluster holding a staged copy
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
  JobProgress progress;
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
  JobProgress progress;  // as of the job's last segment end, checkpoint or start
  // Set while the job checkpoints to move there (MigrateJob); those GPUs are held for it.
  std::optional<Placement> migrating_to;
  // Saving its progress before it goes back to the queue (PreemptMode::kSave, or its node's
  // power suspended it): it holds its GPUs until its checkpoint is written, and a policy cannot
  // preempt, move or checkpoint it meanwhile.
  bool leaving = false;

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

// kPowerChanged: a node's power changed how it runs (throttled, suspended, off, back to full
// speed, a power cap applied), or an orbital node entered or left the Earth's shadow, or its
// battery reached its floor or full charge; `node` says which.
enum class EventKind {
  kJobSubmitted,
  kJobFinished,  // it left the run: its work done, or killed at its walltime (--walltime kill)
  kJobFailed,
  kJobPreempted,  // the job is back in the queue, its checkpoint written: a preemption that
                  // saves, or its node's power suspended it; or its migration's target lost power
  kWakeUp,
  kPowerChanged,
  kJobMigrated  // the job wrote its checkpoint and now runs on its new placement
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
// How a preempted job stops (README "How a job is simulated").
enum class PreemptMode {
  // It goes back to its last checkpoint at once and leaves its GPUs free now: the work since
  // that checkpoint is lost.
  kKill,
  // It saves its progress first: a computing job stops where it is, all-reduces what it
  // computed and writes its checkpoint with the GPUs it holds (a real write that takes time), a
  // job exchanging gradients or writing a checkpoint finishes that, and then it leaves its GPUs
  // and waits in the queue (kJobPreempted). Only a job still preparing (restart overhead, data
  // set, reading its checkpoint), which has computed nothing since its last checkpoint, leaves
  // at once. It resumes from the saved progress, paying its
  // restart overhead. Suspend and resume, as Tiresias, Gavel, Pollux and Blox model preemption.
  kSave
};
struct PreemptJob {
  JobId job = 0;
  PreemptMode mode = PreemptMode::kKill;
};
// The running job saves its progress now: its computation stops where it is, it all-reduces
// what it computed (a job exchanging gradients finishes the exchange), each node writes its
// share of the checkpoint to its storage (a real write, which takes time), and the job goes on.
// Ignored for a job already writing one.
struct CheckpointJob {
  JobId job = 0;
};
// The running job checkpoints now (as CheckpointJob), then leaves its GPUs and resumes on
// `placement`, reading its checkpoint over the network from where it was written. The GPUs
// of `placement` must be free now; they are held for the job from now on.
struct MigrateJob {
  JobId job = 0;
  Placement placement;
};
// Caps the GPUs of `node` at `pstate` or slower (its power policy may slow them further); 0
// lifts the cap. Lasts until changed.
struct SetPowerCap {
  NodeId node = 0;
  int pstate = 0;
};
// When and where a policy now expects a queued job to start (a backfilling reservation).
// Information only: the engine may record it, and never acts on it.
struct Reservation {
  JobId job = 0;
  SiteId site = 0;
  double start = 0;
  friend bool operator==(const Reservation&, const Reservation&) = default;
};
// Applied in this order: preemptions, migrations, starts, checkpoints, power caps.
struct Decisions {
  std::vector<StartJob> starts;
  std::vector<PreemptJob> preemptions;
  std::vector<MigrateJob> migrations;
  std::vector<CheckpointJob> checkpoints;
  std::vector<SetPowerCap> power_caps;
  std::optional<double> wake_up_at;  // call the policy again at this time (if nothing else does)
  std::vector<Reservation> reservations;  // of jobs still queued after the starts
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual Decisions schedule(const ClusterState& state, std::span<const Event> events) = 0;
};

// What a policy is created with: the run's seed and the values of its own options.
struct SchedulerOptions {
  std::uint64_t seed = 0;
  PolicyOptionValues values;  // read with the policy's declarations (policy_options.hpp)
};

struct SchedulerInfo {
  using Factory = std::function<std::unique_ptr<Scheduler>(const SchedulerOptions&)>;
  SchedulerInfo(std::string name, std::string description, Factory create,
                std::vector<PolicyOption> options = {})
      : name(std::move(name)),
        description(std::move(description)),
        create(std::move(create)),
        options(std::move(options)) {}

  std::string name;
  std::string description;  // one line, for `umbra schedulers`
  Factory create;
  std::vector<PolicyOption> options;  // its tunable parameters, with their defaults
};

}  // namespace umbra::sched
