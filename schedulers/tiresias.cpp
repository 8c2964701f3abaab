// tiresias: discretised two-dimensional least attained service, preemptive (Tiresias, Gu et
// al., NSDI'19: "Discretized 2D-LAS", the variant that needs no job-size information).
//
// Service is two-dimensional, GPUs x time: the attained GPU-seconds. The thresholds (option
// `queues`) split jobs into queues: a job enters queue 0 and is demoted to queue k once its
// service, counted since it last entered queue 0, reaches the k-th threshold. Lower queues wait
// for higher ones; within a queue, jobs go first-in first-out by submit time (then id). That is
// the ranking of priority_preemption.hpp with the queue index as key (its ties go to the earlier
// submit, then the lower id): a job waiting in a higher queue preempts running jobs of lower
// queues, and so does an earlier-submitted job of the same queue. Unlike las, jobs of one queue
// do not preempt each other as their services grow apart, which is why Tiresias discretises.
//
// Starvation: with `starve_factor` > 0, a job waiting below queue 0 whose wait since its last run
// ended reaches starve_factor x the length of that run is promoted to queue 0, its service count
// restarting from there. (The authors' simulator compares the whole waiting and running times
// since the last promotion instead of the last run.)
//
// Queues change only as services grow or waits lengthen: besides submissions and completions the
// policy re-evaluates every round (option `round`, 300 s, as las) while a job waits beside a
// running one, so a demotion or promotion takes effect at the next call, up to one round late.
// A preempted job saves its progress first (option `preemption`, priority_preemption.hpp), as
// the authors' simulator models it (a job resumes where it stopped).
//
// Defaults: thresholds of 3250 and 7200 GPU-seconds (three queues) and no promotion, those of
// the authors' simulator's GPU-time scheduler `dlas-gpu`. Its queues keep running jobs ahead of
// waiting ones; here, the earlier submit goes first.
//
// The Pollux artifact's variant (petuum/adaptdl, branch osdi21-artifact, simulator/tiresias.py,
// the baseline of the Pollux paper, OSDI 2021) is these options:
//   queues=57600 round=60 queue_order=entry placement=most-free decide=rounds
// (and the run's --restart-overhead 30 s). It has two queues split at 16 GPU-hours of executed
// time x GPUs, no promotion, and keeps progress on preemption (save). Within a queue it goes by
// the time a job entered it (new jobs join the end of queue 0 and demoted ones the end of queue
// 1: `queue_order=entry`), it places a job on the nodes with the most free GPUs
// (`placement=most-free`, FreeGpus::place_most_free), and it decides only every 60 s of its
// simulator's clock, so a job submitted or a GPU freed between two steps waits for the next
// (`decide=rounds`: calls between multiples of the round change nothing, but for the GPUs of
// the round's preemptions, which the artifact hands out in the same step). The artifact pays a
// 30 s restart at every allocation, the first one included (--restart-overhead-first).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/priority_preemption.hpp"

namespace umbra::sched {
namespace {

const PolicyOption kQueues{"queues",
                           OptionKind::kNumberList,
                           "3250,7200",
                           "attained GPU-seconds at which a job moves down a queue: K "
                           "thresholds make K + 1 queues",
                           {}};
const PolicyOption kStarveFactor{
    "starve_factor",
    OptionKind::kNumber,
    "0",
    "a waiting job goes back to the top queue once its wait reaches this multiple of its last "
    "run (0: never; Tiresias' STARVELIMIT)",
    {}};

const PolicyOption kQueueOrder{
    "queue_order",
    OptionKind::kChoice,
    "submit",
    "order within a queue: submit (by submit time) or entry (by the time the job entered the "
    "queue, as the Pollux artifact)",
    {"submit", "entry"}};
const PolicyOption kPlacement{
    "placement",
    OptionKind::kChoice,
    "packed",
    "where a job starts: packed (fewest nodes, best fit) or most-free (the nodes with the most "
    "free GPUs first, as the Pollux artifact)",
    {"packed", "most-free"}};
const PolicyOption kDecide{
    "decide",
    OptionKind::kChoice,
    "events",
    "when the policy decides: events (at every submission, end and round) or rounds (only at "
    "multiples of the round since time 0, as the Pollux artifact's simulator steps)",
    {"events", "rounds"}};

// The order of the jobs of one queue.
enum class QueueOrder { kSubmit, kEntry };
// When the policy decides.
enum class DecisionTimes { kEvents, kRounds };

struct TiresiasConfig {
  std::vector<double> thresholds;  // ascending GPU-seconds
  double starve_factor = 0;
  double round = 0;  // s
  PreemptMode mode = PreemptMode::kSave;
  QueueOrder order = QueueOrder::kSubmit;
  PlacementRule placement = PlacementRule::kPacked;
  DecisionTimes decide = DecisionTimes::kEvents;
};

// Times closer than this to a multiple of the round are at it (the engine's clock is a sum of
// durations).
constexpr double kRoundTolerance = 1e-6;  // s

class Tiresias final : public Scheduler {
 public:
  explicit Tiresias(TiresiasConfig config) : config_(std::move(config)) {}

  Decisions schedule(const ClusterState& state, std::span<const Event> events) override {
    if (config_.decide == DecisionTimes::kRounds && !at_round(state.now) &&
        !finishes_a_round(events)) {
      Decisions wait;
      wait.wake_up_at = std::ceil(state.now / config_.round) * config_.round;
      return wait;
    }
    for (const auto& job : state.running) last_runs_[job.id] = {job.start_time, std::nullopt};
    if (config_.starve_factor > 0) {
      for (const auto& job : state.queue) promote_if_starved(job, state.now);
    }
    for (const auto& job : state.running) {
      note_queue(job.id, queue_of(job.id, job.attained_gpu_seconds(state.now)), state.now);
    }
    for (const auto& job : state.queue) {
      note_queue(job.id, queue_of(job.id, job.attained_gpu_seconds), state.now);
    }
    RankingKeys keys{
        [&](const RunningJob& job) {
          return queue_of(job.id, job.attained_gpu_seconds(state.now));
        },
        [&](const QueuedJob& job) { return queue_of(job.id, job.attained_gpu_seconds); }, nullptr};
    if (config_.order == QueueOrder::kEntry) {
      keys.among_equals = [&](JobId job) { return entries_.at(job).time; };
    }
    Decisions decisions = schedule_by_rank(state, keys, config_.mode, config_.placement);
    for (const auto& preemption : decisions.preemptions) {
      last_runs_[preemption.job].end = state.now;
    }
    if (config_.decide == DecisionTimes::kEvents) {
      decisions.wake_up_at = next_ranking_round(state, decisions, config_.round);
    } else if (!state.running.empty() || !state.queue.empty()) {
      decisions.wake_up_at = state.now + config_.round;  // every round while there are jobs
    }
    return decisions;
  }

 private:
  struct Run {
    double start = 0;
    std::optional<double> end;  // none while it runs
  };
  // The queue a job is in and when it entered it.
  struct Entry {
    double queue = 0;
    double time = 0;
  };

  // A job preempted at a round leaves its GPUs once it has saved, a moment after the round;
  // the artifact frees them within the step, so the round is decided again then, with them.
  static bool finishes_a_round(std::span<const Event> events) {
    return std::any_of(events.begin(), events.end(),
                       [](const Event& event) { return event.kind == EventKind::kJobPreempted; });
  }

  bool at_round(double now) const {
    return std::abs(now - std::round(now / config_.round) * config_.round) <= kRoundTolerance;
  }

  void note_queue(JobId job, double queue, double now) {
    const auto [entry, first] = entries_.try_emplace(job, Entry{queue, now});
    if (!first && entry->second.queue != queue) entry->second = {queue, now};
  }

  // The queue index, as a ranking key: how many thresholds the service since the job last
  // entered queue 0 has reached.
  double queue_of(JobId job, double attained_gpu_seconds) const {
    const auto promoted = service_at_promotion_.find(job);
    const double service =
        attained_gpu_seconds - (promoted == service_at_promotion_.end() ? 0 : promoted->second);
    return static_cast<double>(
        std::upper_bound(config_.thresholds.begin(), config_.thresholds.end(), service) -
        config_.thresholds.begin());
  }

  void promote_if_starved(const QueuedJob& job, double now) {
    if (queue_of(job.id, job.attained_gpu_seconds) == 0) return;
    Run& run = last_runs_.at(job.id);  // below queue 0, so it has run
    if (!run.end) run.end = now;       // stopped by the engine, which calls the policy at once
    if (now - *run.end >= config_.starve_factor * (*run.end - run.start)) {
      service_at_promotion_[job.id] = job.attained_gpu_seconds;
    }
  }

  TiresiasConfig config_;
  std::map<JobId, Run> last_runs_;  // of every job that has run
  std::map<JobId, double> service_at_promotion_;
  std::map<JobId, Entry> entries_;  // of every job seen
};

}  // namespace

SchedulerInfo tiresias_scheduler() {
  return {
      "tiresias",
      "preemptive discretised LAS (Tiresias): FIFO queues by attained GPU-seconds, "
      "re-evaluated every round",
      [](const SchedulerOptions& options) {
        const PolicyOptionValues& values = options.values;
        return std::make_unique<Tiresias>(TiresiasConfig{
            values.numbers(kQueues), values.number(kStarveFactor),
            values.number(ranking_round_option()), preemption_mode(options),
            values.choice(kQueueOrder) == "entry" ? QueueOrder::kEntry : QueueOrder::kSubmit,
            values.choice(kPlacement) == "most-free" ? PlacementRule::kMostFree
                                                     : PlacementRule::kPacked,
            values.choice(kDecide) == "rounds" ? DecisionTimes::kRounds : DecisionTimes::kEvents});
      },
      {kQueues, kStarveFactor, ranking_round_option(), preemption_option(), kQueueOrder, kPlacement,
       kDecide}};
}

}  // namespace umbra::sched
