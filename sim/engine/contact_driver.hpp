#pragma once
// Replays the contact plan on the simulated platform: at each window's start its two SimGrid
// links turn on at the window's rate and delay, at each rate segment they change, at its end
// they turn off (failing the transfers over them, after noting how far each had got). The
// zone's router follows, so routes change with the topology.
//
// Optical ground links see the sky through the weather: each of their windows (each day's part
// of one) is clear, and carries data, with the link class's availability as probability, drawn
// from the run's seed, the link and the window's start (the same run, the same weather).
//
// The plan is computed in blocks (one day by default) as the simulation reaches them, since a
// run's end is not known in advance. A window open at a block's end is cut there and the next
// block opens it again at the same instant: the driver applies the net change of each instant,
// so such a link stays up without a blip. While the run goes through a block, the next one is
// computed on another thread (the plan is a pure function of its interval, so the run is the
// same); a run that ends first stops it. The driver arms no timers itself: the controller asks
// for next_event_time() and calls apply_due() then.
//
// Which nodes the network joins (sched::NodeState::ever_component, component_now), through the
// laser links between satellites and the static links (backhauls, WAN): "ever" over the laser
// links with a window in the first block and the static links, fixed at construction; "now"
// over those up, recomputed when the policy looks after the topology changed. Ground links are
// left out: a route through a station lasts a pass of minutes an orbit, no network a ring can
// train over (data sets and checkpoints still take them).
#include <atomic>
#include <cstdint>
#include <future>
#include <limits>
#include <utility>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/engine/in_flight_transfers.hpp"
#include "sim/engine/simulated_platform.hpp"
#include "sim/output/link_window_csv.hpp"
#include "sim/output/run_result.hpp"

namespace umbra::engine {

class ContactDriver {
 public:
  ContactDriver(const spec::PlatformSpec& platform, const contact::Constellation& constellation,
                const std::vector<contact::CandidateLink>& candidates, SimulatedPlatform& simulated,
                InFlightTransfers& transfers, output::LinkWindowSink& windows, std::uint64_t seed,
                double block_length = 86400);
  ContactDriver(const ContactDriver&) = delete;
  ContactDriver& operator=(const ContactDriver&) = delete;
  ~ContactDriver();

  // The next instant at which a link changes; infinity for a platform without contact links.
  double next_event_time() const;
  // Applies every change due at the current time (and loads the next block when due).
  void apply_due(double now);

  // Whether router edge `edge` is up now: a contact link in a window, or a static link.
  bool up(std::size_t edge) const { return edge >= edges_.size() || edges_[edge].up; }

  // A window of a satellite's own link to a ground station in the block under way (a clear
  // one, for an optical link), cut at the block's end.
  struct GroundWindow {
    std::size_t satellite = 0;  // index in the constellation
    std::size_t station = 0;    // index in the platform's ground stations
    double start = 0, end = 0;
    double rate = 0;  // highest rate of the window, bytes/s
  };
  // By start time.
  const std::vector<GroundWindow>& ground_windows() const { return ground_windows_; }

  // A satellite's end of a contact link that came up or went down: the terminal it uses starts
  // or stops drawing power (power_driver.hpp). A laser link has two ends, a ground link one.
  struct TerminalChange {
    std::size_t satellite = 0;   // index in the constellation
    std::size_t link_class = 0;  // index in the platform's link classes
    bool up = false;
  };
  // The changes of the apply_due() calls since the last take, in the order applied.
  std::vector<TerminalChange> take_terminal_changes() {
    return std::exchange(terminal_changes_, {});
  }
  // The changes the plan holds for `satellite`'s links after those applied so far, up to `until`
  // and the end of the block under way, in the order they will be applied (a link open at the
  // block's end stays up in them): what the power forecasts count its terminals' load by.
  struct PlannedTerminalChange {
    double time = 0;
    TerminalChange change;
  };
  std::vector<PlannedTerminalChange> planned_terminal_changes(std::size_t satellite,
                                                              double until) const;

  // Sets ever_component and component_now of every node (`nodes` by NodeId); cheap when no
  // link between satellites came up or went down since the last call (ground links, most of
  // the changes, join no satellites in a component).
  void fill_components(std::vector<sched::NodeState>& nodes);

  // One record per physical link (contact links, backhauls, WAN), accounted up to `end`, with
  // the bytes the engine counted on each.
  std::vector<output::LinkRecord> link_records(double end, const std::vector<double>& forward_bytes,
                                               const std::vector<double>& backward_bytes) const;
  // Each window a contact link was up goes to the sink given at construction as it closes (its
  // link: the index in link_records); this closes those still open at `end`, the run's end.
  void finish_windows(double end);

 private:
  enum class Change { kClose, kOpen, kSegment };  // applied in this order within an instant
  struct Event {
    double time;
    Change change;
    std::size_t edge;
    double rate, delay;
  };
  struct EdgeState {
    bool up = false;
    double rate = 0, delay = 0;
    double since = 0;  // of the current figures
    double up_seconds = 0;
    double capacity_bytes = 0;  // one way, over the time up
    long windows = 0;
    double opened = 0;  // of the current window, while up
  };

  contact::ContactPlan plan_of_block(double from) const;
  contact::ContactPlan load_block(double from);  // returns the block's plan
  std::size_t edge_of(const contact::LinkWindow& window) const;
  bool clear_sky(const contact::LinkWindow& window, std::size_t edge) const;
  void settle(std::size_t edge, double now);  // accounts the time since the figures last changed
  void raise(std::size_t edge, double rate, double delay, double now);
  void drop(std::size_t edge, double now);
  // Records a link's terminals coming up or going down, and counts the satellite links' changes.
  void note_terminals(std::size_t edge, bool up);
  void set_figures(std::size_t edge, double rate, double delay, double now);

  // Node labels (NodeState::ever_component) from router vertex labels.
  std::vector<sched::ComponentId> node_components(const std::vector<std::size_t>& vertices) const;

  const spec::PlatformSpec& platform_;
  const contact::Constellation& constellation_;
  const std::vector<contact::CandidateLink>& candidates_;
  SimulatedPlatform& simulated_;
  InFlightTransfers& transfers_;
  std::uint64_t seed_;
  double block_length_;
  double block_end_ = 0;
  std::vector<Event> events_;  // of the current block, by time then change
  // Per satellite, the indices in events_ of its links' opens and closes, ascending.
  std::vector<std::vector<std::size_t>> satellite_events_;
  std::size_t next_ = 0;
  std::vector<EdgeState> edges_;  // contact edges
  output::SortedWithinEachEnd<output::LinkWindow, output::LinkNames, output::LinkWindowOrder>
      closed_windows_;
  std::vector<GroundWindow> ground_windows_;
  std::vector<TerminalChange> terminal_changes_;
  std::future<contact::ContactPlan> next_plan_;  // of the block from block_end_
  std::atomic<bool> stop_next_plan_{false};
  std::vector<sched::ComponentId> ever_components_;  // by node
  // The router edges that may join nodes in a component, ascending: the contact links between
  // satellites and the static links (a few thousand of a million edges, most being ground links).
  std::vector<std::size_t> joining_edges_;
  // Changes of the links between satellites so far, and how many there were when the nodes'
  // components were last filled.
  std::uint64_t space_link_changes_ = 0;
  std::uint64_t components_filled_at_ = ~std::uint64_t{0};
};

}  // namespace umbra::engine
