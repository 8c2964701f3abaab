// easy: EASY (aggressive) backfilling (reference §3, "EASY backfilling"). Only the head of the
// queue holds a reservation.
//
// Each call, on the queue in (submit time, job id) order:
//  1. Start jobs on their packed placement (FreeGpus::place_packed) while they fit.
//  2. If a job is left, it is the head h. Its reservation is computed per site, because a job
//     runs inside one site: the availability profile of each site (free GPUs now, plus the GPUs
//     of running jobs returned at their estimated ends) gives the earliest time that site holds
//     n_h GPUs. The shadow time T_s is the earliest over the sites, ties to the lower site id,
//     and that site S is the reserved one; extra = free_S(T_s) - n_h.
//  3. Every later job j, in queue order, starts now on its packed placement among the sites
//     where it cannot delay h: any site other than S (h does not need it), or S itself if
//     now + e_j <= T_s (j is done by then) or n_j <= extra. Taking extra GPUs of S past T_s
//     uses them up: extra -= n_j.
//  4. Nothing is kept between calls: the reservation is recomputed at every call, so an early
//     completion moves the shadow time earlier. With estimates that are upper bounds of the
//     runtimes, h starts no later than any shadow time it was given; later jobs may be
//     delayed without bound.
// e_j is the job's remaining estimate (planned_runtime). If no site can ever hold the head
// (nodes down), it gets no reservation and every later job that fits starts. The head's
// reservation is reported in Decisions::reservations. Never asks for a wake-up: a shadow time
// is an estimated end, and the job's end (or an earlier one) calls the policy.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "schedulers/availability_profile.hpp"
#include "schedulers/builtin_policies.hpp"
#include "schedulers/in_order_start.hpp"

namespace umbra::sched {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

class EasyBackfilling final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions;
    FreeGpus free(state);
    std::vector<std::vector<Release>> started(state.sites.size());
    auto head = state.queue.begin();
    for (; head != state.queue.end() && start_packed(*head, free, decisions); ++head) {
      // Its GPUs come back when it ends (just after now for a job planned to take no time).
      const double end =
          std::max(state.now + planned_runtime(*head), std::nextafter(state.now, kNever));
      started[site_of(state, decisions.starts.back().placement)].push_back({end, head->gpus});
    }
    if (head == state.queue.end()) return decisions;
    // Nothing is reserved ahead of the head, so free GPUs only grow: its shadow time is the
    // first release point at which some site holds it.
    const auto reservation = earliest_release_start(state, free, std::move(started), head->gpus);
    if (reservation) {
      decisions.reservations.push_back({head->id, reservation->site, reservation->start});
    }
    int extra = reservation ? reservation->free_then - head->gpus : 0;
    for (auto job = std::next(head); job != state.queue.end() && free.total_free() > 0; ++job) {
      const bool done_by_shadow =
          reservation && state.now + planned_runtime(*job) <= reservation->start;
      const auto harmless_in = [&](SiteId site) {
        return !reservation || site != reservation->site || done_by_shadow || job->gpus <= extra;
      };
      auto placement = free.place_packed(job->gpus, harmless_in);
      if (!placement) continue;
      if (reservation && site_of(state, *placement) == reservation->site && !done_by_shadow) {
        extra -= job->gpus;
      }
      start_on(*job, std::move(*placement), free, decisions);
    }
    return decisions;
  }
};

}  // namespace

SchedulerInfo easy_scheduler() {
  return {"easy", "EASY backfilling: only the queue's head holds a reservation (per site)",
          [](const SchedulerOptions&) { return std::make_unique<EasyBackfilling>(); }};
}

}  // namespace umbra::sched
