#include "sim/contact/plan_timeline.hpp"

#include <algorithm>
#include <iterator>

namespace umbra::contact {

PlanTimeline::PlanTimeline(const ContactPlan& plan) {
  for (std::size_t w = 0; w < plan.windows.size(); ++w) {
    const LinkWindow& window = plan.windows[w];
    edges_.push_back({window.start, w, true});
    edges_.push_back({window.end, w, false});
    for (const RateSegment& segment : window.segments) change_times_.push_back(segment.start);
    change_times_.push_back(window.end);
  }
  std::stable_sort(edges_.begin(), edges_.end(),
                   [](const Edge& x, const Edge& y) { return x.time < y.time; });
  std::sort(change_times_.begin(), change_times_.end());
  change_times_.erase(std::unique(change_times_.begin(), change_times_.end()), change_times_.end());

  // The windows up, unordered, with each one's place among them for removal in constant time.
  std::vector<std::size_t> up;
  std::vector<std::size_t> place(plan.windows.size());
  snapshots_.push_back({0, {}});
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    const std::size_t window = edges_[e].window;
    if (edges_[e].opens) {
      place[window] = up.size();
      up.push_back(window);
    } else {
      place[up.back()] = place[window];
      up[place[window]] = up.back();
      up.pop_back();
    }
    const std::size_t applied = e + 1;
    if (applied - snapshots_.back().edges_applied >= std::max(kMinSnapshotSpacing, up.size())) {
      std::vector<std::size_t> sorted = up;
      std::sort(sorted.begin(), sorted.end());
      snapshots_.push_back({applied, std::move(sorted)});
    }
  }
}

std::vector<std::size_t> PlanTimeline::links_up_at(double t) const {
  // Edges at or before t are applied: a window is up from its start, down from its end.
  const auto applied = static_cast<std::size_t>(
      std::upper_bound(edges_.begin(), edges_.end(), t,
                       [](double time, const Edge& edge) { return time < edge.time; }) -
      edges_.begin());
  const Snapshot& snapshot = *std::prev(std::upper_bound(
      snapshots_.begin(), snapshots_.end(), applied,
      [](std::size_t edges, const Snapshot& s) { return edges < s.edges_applied; }));
  std::vector<std::size_t> opened, closed;
  for (std::size_t e = snapshot.edges_applied; e < applied; ++e) {
    (edges_[e].opens ? opened : closed).push_back(edges_[e].window);
  }
  std::vector<std::size_t> up = snapshot.up;
  up.insert(up.end(), opened.begin(), opened.end());
  std::sort(up.begin(), up.end());
  std::sort(closed.begin(), closed.end());
  std::vector<std::size_t> result;
  std::set_difference(up.begin(), up.end(), closed.begin(), closed.end(),
                      std::back_inserter(result));
  return result;
}

std::optional<double> PlanTimeline::next_change_after(double t) const {
  const auto next = std::upper_bound(change_times_.begin(), change_times_.end(), t);
  if (next == change_times_.end()) return std::nullopt;
  return *next;
}

std::size_t PlanTimeline::snapshot_entries() const {
  std::size_t entries = 0;
  for (const Snapshot& snapshot : snapshots_) entries += snapshot.up.size();
  return entries;
}

}  // namespace umbra::contact
