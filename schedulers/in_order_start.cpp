#include "schedulers/in_order_start.hpp"

namespace umbra::sched {

void start_on(const QueuedJob& job, Placement placement, FreeGpus& free, Decisions& decisions) {
  free.take(placement);
  decisions.starts.push_back({job.id, std::move(placement)});
}

bool start_packed(const QueuedJob& job, FreeGpus& free, Decisions& decisions) {
  auto placement = free.place_packed(job.gpus);
  if (!placement) return false;
  start_on(job, std::move(*placement), free, decisions);
  return true;
}

std::vector<const QueuedJob*> in_queue_order(const ClusterState& state) {
  std::vector<const QueuedJob*> order;
  order.reserve(state.queue.size());
  for (const auto& job : state.queue) order.push_back(&job);
  return order;
}

namespace {

// Starts the jobs `next()` yields (nullptr when done) while the pass goes on.
template <class NextJob>
void start_each(NextJob next, WhenBlocked when_blocked, const ClusterState& state,
                Decisions& decisions) {
  FreeGpus free(state);
  while (const QueuedJob* job = next()) {
    if (free.total_free() == 0) return;  // nothing more can start
    if (!start_packed(*job, free, decisions) && when_blocked == WhenBlocked::kStop) return;
  }
}

}  // namespace

void start_in_order(std::span<const QueuedJob* const> order, WhenBlocked when_blocked,
                    const ClusterState& state, Decisions& decisions) {
  auto it = order.begin();
  start_each([&]() -> const QueuedJob* { return it == order.end() ? nullptr : *it++; },
             when_blocked, state, decisions);
}

void start_in_queue_order(WhenBlocked when_blocked, const ClusterState& state,
                          Decisions& decisions) {
  auto it = state.queue.begin();
  start_each([&]() -> const QueuedJob* { return it == state.queue.end() ? nullptr : &*it++; },
             when_blocked, state, decisions);
}

}  // namespace umbra::sched
