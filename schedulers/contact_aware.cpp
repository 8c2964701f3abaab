// contact-aware: each job where its data set arrives soonest, orbital clusters reached through
// their ground contacts; orbital jobs checkpoint as a ground contact begins.
//
// Starts, at every call: the queue in (submit time, id) order, skipping jobs that fit nowhere
// now (fcfs-fit's order). A job's candidates are the sites with enough free GPUs, each with its
// packed placement there (FreeGpus::place_packed), except that an orbital cluster is refused
// to a job that checkpoints (JobProgress::checkpoint_bytes > 0) when its first ground contact
// within the staging horizon begins more than kMaxContactWait = 3600 s from now: its checkpoints
// would stay out of the ground's reach for over an hour, and waiting brings a contact. A
// cluster with no ground contact in the whole horizon is not refused: waiting would not bring
// one, and a job refused there could wait forever (a formation without ground stations). A
// candidate's data-ready time is
//  - now for a job without a data set (no dataset_bytes or no dataset_site), in the cluster
//    holding its staged copy, or without forecasts;
//  - else now + dataset_bytes / b, b the lowest Forecasts::bandwidth_now from the first node of
//    the data set's site to a node of the placement, when b > 0;
//  - else, in an orbital cluster, the start of the first ground contact of one of its nodes
//    within kStagingHorizon = 1 day, plus dataset_bytes / that contact's rate (its link taken
//    as the bottleneck);
//  - else never.
// The job takes the packed placement among the candidates ready within kTie = 60 s of the
// earliest: the staging time decides, then packing (fewest nodes, ties to the lower site).
//
// Checkpoints, in rounds every kRound = 60 s (PeriodicRounds): a running job of an orbital
// cluster that checkpoints and is not moving asks for one (CheckpointJob) when a ground
// contact of one of its nodes began in the last kRound s and is still on, unless its last
// save (a checkpoint, or its start from one) is younger than kMinCheckpointAge = 600 s. Its
// latest state is then written while its node has a link of its own to the ground, the
// cheapest time to read it from the ground should the job have to restart there.
//
// Without satellites there are no forecasts: every site is ready now and no cluster is
// refused, so the policy decides exactly as fcfs-fit.
#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/free_gpus.hpp"
#include "schedulers/in_order_start.hpp"
#include "schedulers/last_save.hpp"
#include "schedulers/periodic_rounds.hpp"

namespace umbra::sched {
namespace {

constexpr double kRound = 60;              // s
constexpr double kMaxContactWait = 3600;   // s
constexpr double kStagingHorizon = 86400;  // s
constexpr double kTie = 60;                // s
constexpr double kMinCheckpointAge = 600;  // s
constexpr double kNever = std::numeric_limits<double>::infinity();

// The first ground contact of each orbital cluster within the staging horizon, asked of the
// forecasts once per call and only for the clusters a job considers.
class FirstContacts {
 public:
  explicit FirstContacts(const ClusterState& state)
      : state_(state), asked_(state.sites.size(), false), first_(state.sites.size()) {}

  const std::optional<GroundContact>& of(SiteId site) {
    std::optional<GroundContact>& first = first_[site];
    if (asked_[site]) return first;
    asked_[site] = true;
    for (const NodeId node : state_.sites[site].nodes) {
      const auto contacts =
          state_.forecasts->ground_contacts(node, state_.now, state_.now + kStagingHorizon);
      if (!contacts.empty() && (!first || contacts.front().start < first->start)) {
        first = contacts.front();
      }
    }
    return first;
  }

 private:
  const ClusterState& state_;
  std::vector<bool> asked_;                          // by site
  std::vector<std::optional<GroundContact>> first_;  // by site, once asked
};

// Whether orbital cluster `site` is refused to `job`: it checkpoints, and the cluster's first
// ground contact within the staging horizon is more than kMaxContactWait away.
bool refused(const ClusterState& state, FirstContacts& contacts, const QueuedJob& job,
             SiteId site) {
  if (state.forecasts == nullptr || !state.sites[site].orbital) return false;
  if (job.progress.checkpoint_bytes <= 0) return false;
  const auto& first = contacts.of(site);
  return first && first->start >= state.now + kMaxContactWait;
}

// When `job`'s data set would be on `placement` in `site`, by the rules at the top.
double data_ready_at(const ClusterState& state, FirstContacts& contacts, const QueuedJob& job,
                     SiteId site, const Placement& placement) {
  const JobProgress& progress = job.progress;
  if (state.forecasts == nullptr || progress.dataset_bytes <= 0 || !progress.dataset_site ||
      progress.dataset_staged_at == site) {
    return state.now;
  }
  const NodeId source = state.sites[*progress.dataset_site].nodes.front();
  double bandwidth = kNever;
  for (const Slot& slot : placement.slots) {
    bandwidth = std::min(bandwidth, state.forecasts->bandwidth_now(source, slot.node));
  }
  if (bandwidth > 0) return state.now + progress.dataset_bytes / bandwidth;
  if (!state.sites[site].orbital) return kNever;
  const auto& first = contacts.of(site);
  if (!first || first->rate <= 0) return kNever;
  return std::max(state.now, first->start) + progress.dataset_bytes / first->rate;
}

void start_where_data_arrives_first(const ClusterState& state, Decisions& decisions) {
  FreeGpus free(state);
  FirstContacts contacts(state);
  std::vector<double> ready(state.sites.size());
  for (const QueuedJob& job : state.queue) {
    if (free.total_free() == 0) return;  // nothing more can start
    double earliest = kNever;
    std::vector<bool> candidate(state.sites.size(), false);
    for (const SiteState& site : state.sites) {
      if (free.free_in(site.id) < job.gpus || refused(state, contacts, job, site.id)) continue;
      const auto placement =
          free.place_packed(job.gpus, [&](SiteId other) { return other == site.id; });
      if (!placement) continue;
      candidate[site.id] = true;
      ready[site.id] = data_ready_at(state, contacts, job, site.id, *placement);
      earliest = std::min(earliest, ready[site.id]);
    }
    auto placement = free.place_packed(
        job.gpus, [&](SiteId site) { return candidate[site] && ready[site] <= earliest + kTie; });
    if (placement) start_on(job, std::move(*placement), free, decisions);
  }
}

// Whether a ground contact of one of `job`'s nodes began in the last round and is still on.
bool contact_began(const ClusterState& state, const RunningJob& job) {
  for (const Slot& slot : job.placement.slots) {
    for (const GroundContact& contact :
         state.forecasts->ground_contacts(slot.node, state.now - kRound, state.now + kRound)) {
      if (contact.start > state.now - kRound && contact.start <= state.now &&
          contact.end > state.now) {
        return true;
      }
    }
  }
  return false;
}

class ContactAware final : public PeriodicRounds {
 public:
  ContactAware() : PeriodicRounds(kRound) {}

 protected:
  Decisions between_rounds(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions;
    start_where_data_arrives_first(state, decisions);
    return decisions;
  }

  Decisions round(const ClusterState& state, std::span<const Event> events) override {
    Decisions decisions = between_rounds(state, events);
    if (state.forecasts == nullptr) return decisions;
    for (const RunningJob& job : state.running) {
      if (state.sites[job.site].orbital && job.progress.checkpoint_bytes > 0 && !job.migrating_to &&
          last_save(job) <= state.now - kMinCheckpointAge && contact_began(state, job)) {
        decisions.checkpoints.push_back({job.id});
      }
    }
    return decisions;
  }
};

}  // namespace

SchedulerInfo contact_aware_scheduler() {
  return {"contact-aware",
          "first-come first-served fit, each job where its data set arrives soonest through "
          "the ground contacts; orbital jobs checkpoint as a contact begins",
          [](const SchedulerOptions&) { return std::make_unique<ContactAware>(); }};
}

}  // namespace umbra::sched
