// conservative: conservative backfilling (Mu'alem and Feitelson, IEEE TPDS 12(6), 2001). Every
// queued job holds a reservation, and a job moves ahead only if it delays no reservation.
//
// A reservation is a site and a start time in that site's availability profile (free GPUs
// over time: those free now, plus the GPUs of running jobs returned at their estimated ends,
// minus the other reservations), holding n_j GPUs over [start, start + e_j), where e_j is the
// job's remaining estimate (planned_runtime). Each call:
//  1. Builds the profiles from the running jobs (a job past its estimated end holds its GPUs
//     until just after now: see site_profiles) and holds in them, in queue order, the
//     reservations the queued jobs got at earlier calls (a held start already past is held
//     from now). A reservation that no longer fits (a job overran its estimate, a node went
//     down) moves to the earliest start that fits around the reservations held before it,
//     never around later ones: a later job's reservation that it then overlaps moves in turn.
//     So an overrun pushes reservations back in queue order, and a later job can never take
//     the slot an earlier job was promised.
//  2. Walks the queue in (submit time, job id) order. Each job gives up its own reservation and
//     takes the earliest start in any site that fits around all others, ties to the lower site
//     id. A new job thus goes in the earliest hole that delays no earlier reservation; an
//     existing one can only move earlier, since its old slot is still free: this walk in
//     priority order at every call is the compression of the reference, and early completions
//     feed it by freeing GPUs in the profile.
//  3. A job whose start is now starts now, on the packed placement within its site
//     (FreeGpus::place_packed restricted to that site).
// Guarantee: while estimates are upper bounds of the runtimes (and nodes stay up), no job
// starts later than the first reservation it got; with exact estimates it starts exactly then.
// When a running job overruns its estimate, the reservations that wait for its GPUs move later
// with it, in queue order.
// Queued jobs' reservations are reported in Decisions::reservations. A job no site can ever
// hold (nodes down) holds none. Never asks for a wake-up: a reservation starts now or at an
// estimated end, and that job's end (or an earlier one) calls the policy.
#include <algorithm>
#include <map>
#include <stdexcept>

#include "schedulers/availability_profile.hpp"
#include "schedulers/builtin_policies.hpp"
#include "schedulers/in_order_start.hpp"

namespace umbra::sched {
namespace {

class ConservativeBackfilling final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    auto profiles = site_profiles(state);
    std::map<JobId, Reservation> held;
    for (const auto& job : state.queue) {
      const auto it = reservations_.find(job.id);
      if (it == reservations_.end()) continue;
      const double runtime = planned_runtime(job);
      Reservation reservation = it->second;
      reservation.start = std::max(reservation.start, state.now);
      if (!profiles[reservation.site].can_reserve(reservation.start, runtime, job.gpus)) {
        const auto slot = earliest_site_start(profiles, job.gpus, runtime);
        if (!slot) continue;
        reservation.site = slot->site;
        reservation.start = slot->start;
      }
      profiles[reservation.site].reserve(reservation.start, runtime, job.gpus);
      held.emplace(job.id, reservation);
    }

    Decisions decisions;
    FreeGpus free(state);
    reservations_.clear();
    for (const auto& job : state.queue) {
      const double runtime = planned_runtime(job);
      if (const auto it = held.find(job.id); it != held.end()) {
        profiles[it->second.site].cancel(it->second.start, runtime, job.gpus);
      }
      const auto slot = earliest_site_start(profiles, job.gpus, runtime);
      if (!slot) continue;
      profiles[slot->site].reserve(slot->start, runtime, job.gpus);
      if (slot->start > state.now) {
        const Reservation reservation{job.id, slot->site, slot->start};
        reservations_.emplace(job.id, reservation);
        decisions.reservations.push_back(reservation);
        continue;
      }
      // The profile now counts no more free GPUs in the site than FreeGpus does.
      auto placement = free.place_packed(job.gpus, [&](SiteId site) { return site == slot->site; });
      if (!placement) {
        throw std::logic_error("conservative: the profile and the free GPUs disagree");
      }
      start_on(job, std::move(*placement), free, decisions);
    }
    return decisions;
  }

 private:
  std::map<JobId, Reservation> reservations_;  // of the jobs queued after the last call
};

}  // namespace

SchedulerInfo conservative_scheduler() {
  return {"conservative",
          "conservative backfilling: every queued job holds a reservation, compressed each call",
          [](const SchedulerOptions&) { return std::make_unique<ConservativeBackfilling>(); }};
}

}  // namespace umbra::sched
