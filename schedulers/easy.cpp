// easy: EASY (aggressive) backfilling (Lifka, "The ANL/IBM SP scheduling system", JSSPP 1995;
// Mu'alem and Feitelson, IEEE TPDS 12(6), 2001). Only the head of the queue holds a reservation.
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
//
// The same pass serves other policies on a subset of the sites (easy_backfilling; ground-only
// uses the ground sites): every step above then sees only the accepted sites, and a job larger
// than every accepted site (which validation rules out when all are accepted) is passed over,
// never the head: it would never start, and as the head it would cancel every reservation.
#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <utility>

#include "schedulers/availability_profile.hpp"
#include "schedulers/builtin_policies.hpp"
#include "schedulers/in_order_start.hpp"

namespace umbra::sched {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

class EasyBackfilling final : public Scheduler {
 public:
  explicit EasyBackfilling(std::function<bool(const SiteState&)> accepts)
      : accepts_(std::move(accepts)) {}

  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    const std::function<bool(SiteId)> allowed = [&](SiteId site) {
      return accepts_(state.sites[site]);
    };
    int largest_site = 0;
    for (const auto& site : state.sites) {
      if (accepts_(site)) largest_site = std::max(largest_site, site.gpus);
    }

    Decisions decisions;
    FreeGpus free(state);
    std::vector<std::vector<Release>> started(state.sites.size());
    auto head = state.queue.begin();
    for (; head != state.queue.end(); ++head) {
      if (head->gpus > largest_site) continue;
      auto placement = free.place_packed(head->gpus, allowed);
      if (!placement) break;
      const SiteId site = site_of(state, *placement);
      start_on(*head, std::move(*placement), free, decisions);
      // Its GPUs come back when it ends (just after now for a job planned to take no time).
      const double end =
          std::max(state.now + planned_runtime(*head), std::nextafter(state.now, kNever));
      started[site].push_back({end, head->gpus});
    }
    if (head == state.queue.end()) return decisions;
    // Nothing is reserved ahead of the head, so free GPUs only grow: its shadow time is the
    // first release point at which some site holds it.
    const auto reservation =
        earliest_release_start(state, free, std::move(started), head->gpus, allowed);
    if (reservation) {
      decisions.reservations.push_back({head->id, reservation->site, reservation->start});
    }
    int extra = reservation ? reservation->free_then - head->gpus : 0;
    for (auto job = std::next(head); job != state.queue.end() && free.total_free() > 0; ++job) {
      const bool done_by_shadow =
          reservation && state.now + planned_runtime(*job) <= reservation->start;
      const auto harmless_in = [&](SiteId site) {
        return allowed(site) &&
               (!reservation || site != reservation->site || done_by_shadow || job->gpus <= extra);
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

 private:
  std::function<bool(const SiteState&)> accepts_;
};

}  // namespace

std::unique_ptr<Scheduler> easy_backfilling(std::function<bool(const SiteState&)> accepts) {
  return std::make_unique<EasyBackfilling>(std::move(accepts));
}

SchedulerInfo easy_scheduler() {
  return {"easy", "EASY backfilling: only the queue's head holds a reservation (per site)",
          [](const SchedulerOptions&) {
            return easy_backfilling([](const SiteState&) { return true; });
          }};
}

}  // namespace umbra::sched
