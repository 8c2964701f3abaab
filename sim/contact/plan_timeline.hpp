#pragma once
// Queries of a contact plan by time, for tools that look ahead (bench/routing): the windows up at
// t, the next change after t. Built on demand from a plan, apart from it, since a run replays
// its plan's windows in order and never asks (sim/engine/contact_driver.hpp).
//
// The windows up at t are a snapshot of the set up after some earlier edge, plus the edges
// since. A snapshot is taken once the edges since the last one number at least the set's size
// (and kMinSnapshotSpacing): the snapshots together hold no more entries than there are edges,
// and a query replays no more edges than its answer has entries (or the minimum spacing). A
// fixed spacing would hold every laser link of a constellation once per spacing: 1.9 GB for a
// 100,000-satellite +Grid shell over ten minutes.
#include <cstddef>
#include <optional>
#include <vector>

#include "sim/contact/contact_plan.hpp"

namespace umbra::contact {

class PlanTimeline {
 public:
  explicit PlanTimeline(const ContactPlan& plan);

  // Indices of the plan's windows carrying data at t (start <= t < end), ascending.
  std::vector<std::size_t> links_up_at(double t) const;
  // The first time after t when a window starts or ends or a rate segment changes.
  std::optional<double> next_change_after(double t) const;

  // Window indices held by the snapshots together: at most the number of edges (twice the
  // windows).
  std::size_t snapshot_entries() const;

 private:
  static constexpr std::size_t kMinSnapshotSpacing = 256;
  struct Edge {
    double time;
    std::size_t window;
    bool opens;
  };
  struct Snapshot {
    std::size_t edges_applied;    // the first edges_applied edges
    std::vector<std::size_t> up;  // the windows up after them, ascending
  };
  std::vector<Edge> edges_;           // by time; a window's opening before its closing
  std::vector<Snapshot> snapshots_;   // by edges_applied, the first after none
  std::vector<double> change_times_;  // sorted, unique
};

}  // namespace umbra::contact
