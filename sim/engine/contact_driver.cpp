#include "sim/engine/contact_driver.hpp"

#include <algorithm>
#include <bit>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "sim/core/rng.hpp"

namespace umbra::engine {

ContactDriver::ContactDriver(const spec::PlatformSpec& platform,
                             const contact::Constellation& constellation,
                             const std::vector<contact::CandidateLink>& candidates,
                             SimulatedPlatform& simulated, InFlightTransfers& transfers,
                             output::LinkWindowSink& windows, std::uint64_t seed,
                             double block_length)
    : platform_(platform),
      constellation_(constellation),
      candidates_(candidates),
      simulated_(simulated),
      transfers_(transfers),
      seed_(seed),
      block_length_(block_length),
      edges_(simulated.contact_edges),
      closed_windows_(windows) {
  output::LinkNames names;
  for (std::size_t e = 0; e < simulated_.contact_edges; ++e) {
    const SimulatedEdge& edge = simulated_.edges[e];
    names.push_back({edge.a, edge.b, edge.link_class});
  }
  closed_windows_.set_names(names);
  for (std::size_t e = 0; e < simulated_.contact_edges; ++e) {
    simulated_.edges[e].forward->turn_off();
    simulated_.edges[e].backward->turn_off();
  }
  for (std::size_t e = 0; e < simulated_.edges.size(); ++e) {
    if (e >= simulated_.contact_edges || !candidates_[e].to_ground) joining_edges_.push_back(e);
  }
  std::vector<bool> ever_up(simulated_.edges.size(), true);  // static links are always up
  std::fill_n(ever_up.begin(), simulated_.contact_edges, false);
  if (!candidates_.empty()) {
    for (const contact::LinkWindow& window : load_block(0).windows) ever_up[edge_of(window)] = true;
  }
  std::vector<std::size_t> ever_joining;
  for (const std::size_t e : joining_edges_) {
    if (ever_up[e]) ever_joining.push_back(e);
  }
  ever_components_ = node_components(simulated_.zone->router().components_over(ever_joining));
}

std::vector<sched::ComponentId> ContactDriver::node_components(
    const std::vector<std::size_t>& vertices) const {
  // A vertex label is the component's lowest vertex; a node's is its lowest node. Nodes come in
  // increasing id, so the first node seen of a component names it.
  std::vector<std::optional<sched::ComponentId>> by_vertex_label(vertices.size());
  std::vector<sched::ComponentId> labels;
  for (std::size_t n = 0; n < simulated_.nodes.size(); ++n) {
    auto& label = by_vertex_label[vertices[simulated_.nodes[n].vertex]];
    if (!label) label = n;
    labels.push_back(*label);
  }
  return labels;
}

void ContactDriver::fill_components(std::vector<sched::NodeState>& nodes) {
  if (components_filled_at_ == space_link_changes_) return;
  components_filled_at_ = space_link_changes_;
  const network::SpaceRouter& router = simulated_.zone->router();
  std::vector<std::size_t> joining_now;  // static links are always up
  for (const std::size_t e : joining_edges_) {
    if (e >= simulated_.contact_edges || router.is_up(e)) joining_now.push_back(e);
  }
  const std::vector<sched::ComponentId> now = node_components(router.components_over(joining_now));
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    nodes[n].ever_component = ever_components_[n];
    nodes[n].component_now = now[n];
  }
}

ContactDriver::~ContactDriver() {
  stop_next_plan_ = true;
  if (next_plan_.valid()) next_plan_.wait();
}

double ContactDriver::next_event_time() const {
  if (candidates_.empty()) return std::numeric_limits<double>::infinity();
  return next_ < events_.size() ? events_[next_].time : block_end_;
}

std::size_t ContactDriver::edge_of(const contact::LinkWindow& window) const {
  const bool to_ground = window.b >= constellation_.satellites.size();
  const contact::CandidateLink key{
      window.a, to_ground ? window.b - constellation_.satellites.size() : window.b, to_ground,
      window.link_class};
  const auto found = std::lower_bound(candidates_.begin(), candidates_.end(), key);
  if (found == candidates_.end() || *found != key) {
    throw std::logic_error("a contact window for a link that is not a candidate");
  }
  return static_cast<std::size_t>(found - candidates_.begin());
}

bool ContactDriver::clear_sky(const contact::LinkWindow& window, std::size_t edge) const {
  const spec::LinkClassSpec& link_class = platform_.link_classes[window.link_class];
  if (link_class.kind != spec::LinkKind::kOpticalGround || link_class.availability >= 1) {
    return true;
  }
  // One stream per link, one draw per window start: independent of the order of draws.
  Rng weather = Rng(seed_).fork(edge).fork(std::bit_cast<std::uint64_t>(window.start));
  return weather.uniform() < link_class.availability;
}

contact::ContactPlan ContactDriver::plan_of_block(double from) const {
  contact::ContactPlanOptions options;
  options.from = from;
  options.horizon = block_length_;
  options.cancel = &stop_next_plan_;
  return contact::build_contact_plan(platform_, constellation_, options);
}

contact::ContactPlan ContactDriver::load_block(double from) {
  // The block computed ahead since the previous one was loaded (its errors are rethrown here).
  contact::ContactPlan plan = next_plan_.valid() ? next_plan_.get() : plan_of_block(from);
  next_plan_ = std::async(std::launch::async,
                          [this, next = from + block_length_] { return plan_of_block(next); });
  events_.clear();
  ground_windows_.clear();
  next_ = 0;
  block_end_ = from + block_length_;
  for (const contact::LinkWindow& window : plan.windows) {
    const std::size_t edge = edge_of(window);
    if (!clear_sky(window, edge)) continue;
    if (candidates_[edge].to_ground) {
      double rate = 0;
      for (const auto& segment : window.segments) rate = std::max(rate, segment.rate);
      ground_windows_.push_back(
          {candidates_[edge].a, candidates_[edge].b, window.start, window.end, rate});
    }
    const auto& first = window.segments.front();
    events_.push_back({window.start, Change::kOpen, edge, first.rate, first.delay});
    for (std::size_t k = 1; k < window.segments.size(); ++k) {
      const auto& segment = window.segments[k];
      events_.push_back({segment.start, Change::kSegment, edge, segment.rate, segment.delay});
    }
    // A window reaching the block's end is closed by the next block if it does not go on.
    if (window.end < block_end_) events_.push_back({window.end, Change::kClose, edge, 0, 0});
  }
  std::sort(events_.begin(), events_.end(), [](const Event& x, const Event& y) {
    return std::tie(x.time, x.change, x.edge) < std::tie(y.time, y.change, y.edge);
  });
  for (auto& indices : satellite_events_) indices.clear();
  satellite_events_.resize(constellation_.satellites.size());
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (events_[i].change == Change::kSegment) continue;
    const contact::CandidateLink& link = candidates_[events_[i].edge];
    satellite_events_[link.a].push_back(i);
    if (!link.to_ground) satellite_events_[link.b].push_back(i);
  }
  std::sort(ground_windows_.begin(), ground_windows_.end(),
            [](const GroundWindow& x, const GroundWindow& y) {
              return std::tie(x.start, x.satellite, x.station) <
                     std::tie(y.start, y.satellite, y.station);
            });
  return plan;
}

std::vector<ContactDriver::PlannedTerminalChange> ContactDriver::planned_terminal_changes(
    std::size_t satellite, double until) const {
  std::vector<PlannedTerminalChange> planned;
  if (satellite >= satellite_events_.size()) return planned;
  const std::vector<std::size_t>& indices = satellite_events_[satellite];
  for (auto i = std::lower_bound(indices.begin(), indices.end(), next_); i != indices.end(); ++i) {
    const Event& event = events_[*i];
    if (event.time > until) break;
    planned.push_back(
        {event.time,
         {satellite, candidates_[event.edge].link_class, event.change == Change::kOpen}});
  }
  return planned;
}

void ContactDriver::apply_due(double now) {
  if (next_ >= events_.size() && now >= block_end_) {
    // The links up at the block's end and not opened again at its start go down now.
    std::vector<bool> open_at_start(edges_.size(), false);
    load_block(block_end_);
    for (const Event& event : events_) {
      if (event.time > now) break;
      if (event.change == Change::kOpen) open_at_start[event.edge] = true;
    }
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      if (edges_[e].up && !open_at_start[e]) drop(e, now);
    }
  }
  // The net change of the instant: a link closed and opened again at once stays up.
  std::vector<std::size_t> closing;
  for (; next_ < events_.size() && events_[next_].time <= now; ++next_) {
    const Event& event = events_[next_];
    switch (event.change) {
      case Change::kClose:
        closing.push_back(event.edge);
        break;
      case Change::kOpen: {
        const auto reopened = std::find(closing.begin(), closing.end(), event.edge);
        if (reopened != closing.end()) closing.erase(reopened);
        if (edges_[event.edge].up) {
          set_figures(event.edge, event.rate, event.delay, now);
        } else {
          raise(event.edge, event.rate, event.delay, now);
        }
        break;
      }
      case Change::kSegment:
        set_figures(event.edge, event.rate, event.delay, now);
        break;
    }
  }
  for (const std::size_t edge : closing) drop(edge, now);
}

void ContactDriver::settle(std::size_t edge, double now) {
  EdgeState& state = edges_[edge];
  if (state.up) {
    state.up_seconds += now - state.since;
    state.capacity_bytes += state.rate * (now - state.since);
  }
  state.since = now;
}

void ContactDriver::raise(std::size_t edge, double rate, double delay, double now) {
  settle(edge, now);
  EdgeState& state = edges_[edge];
  state.up = true;
  ++state.windows;
  state.opened = now;
  set_figures(edge, rate, delay, now);
  simulated_.edges[edge].forward->turn_on();
  simulated_.edges[edge].backward->turn_on();
  simulated_.zone->router().set_up(edge, true);
  note_terminals(edge, true);
}

void ContactDriver::note_terminals(std::size_t edge, bool up) {
  const contact::CandidateLink& link = candidates_[edge];
  terminal_changes_.push_back({link.a, link.link_class, up});
  if (!link.to_ground) {
    terminal_changes_.push_back({link.b, link.link_class, up});
    ++space_link_changes_;
  }
}

void ContactDriver::drop(std::size_t edge, double now) {
  settle(edge, now);
  edges_[edge].up = false;
  closed_windows_.add({static_cast<std::uint32_t>(edge), edges_[edge].opened, now});
  transfers_.edge_going_down(edge);
  simulated_.edges[edge].forward->turn_off();
  simulated_.edges[edge].backward->turn_off();
  simulated_.zone->router().set_up(edge, false);
  note_terminals(edge, false);
}

void ContactDriver::set_figures(std::size_t edge, double rate, double delay, double now) {
  settle(edge, now);
  EdgeState& state = edges_[edge];
  if (state.up && rate > state.rate) transfers_.edge_rate_rising(edge);
  state.rate = rate;
  state.delay = delay;
  for (auto* link : {simulated_.edges[edge].forward, simulated_.edges[edge].backward}) {
    link->set_bandwidth(rate);
    link->set_latency(delay);
  }
  simulated_.zone->router().set_figures(edge, rate, delay);
}

std::vector<output::LinkRecord> ContactDriver::link_records(
    double end, const std::vector<double>& forward_bytes,
    const std::vector<double>& backward_bytes) const {
  std::vector<output::LinkRecord> records;
  for (std::size_t e = 0; e < simulated_.edges.size(); ++e) {
    const SimulatedEdge& edge = simulated_.edges[e];
    output::LinkRecord record{edge.a, edge.b,           edge.link_class,   1,
                              end,    forward_bytes[e], backward_bytes[e], edge.rate * end};
    if (e < edges_.size()) {
      const EdgeState& state = edges_[e];
      const double open = state.up ? end - state.since : 0;
      record.windows = state.windows;
      record.up_seconds = state.up_seconds + open;
      record.capacity_bytes = state.capacity_bytes + state.rate * open;
    }
    records.push_back(std::move(record));
  }
  return records;
}

void ContactDriver::finish_windows(double end) {
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    if (edges_[e].up) closed_windows_.add({static_cast<std::uint32_t>(e), edges_[e].opened, end});
  }
  closed_windows_.finish();
}

}  // namespace umbra::engine
