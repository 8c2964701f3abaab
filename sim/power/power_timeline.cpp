#include "sim/power/power_timeline.hpp"

namespace umbra::power {

PowerTimeline power_timeline(const NodePowerModel& model, std::span<const SolarSegment> solar,
                             std::span<const LoadStep> loads) {
  NodePower node(model, solar, loads.front().demand);
  PowerTimeline timeline;
  timeline.rows.push_back(node.snapshot(kStart));
  std::size_t next_load = 1;
  for (;;) {
    double time = node.next_event_time();
    const bool load_changes = next_load < loads.size() && loads[next_load].time <= time;
    if (load_changes) time = loads[next_load].time;
    PowerEvents events = node.advance_to(time);
    if (events & kEnd) {
      timeline.rows.push_back(node.snapshot(events));
      break;
    }
    if (load_changes) events |= node.set_demand(loads[next_load++].demand);
    timeline.rows.push_back(node.snapshot(events));
  }
  timeline.ledger = node.ledger();
  return timeline;
}

}  // namespace umbra::power
