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
// so such a link stays up without a blip. The driver arms no timers itself: the controller asks
// for next_event_time() and calls apply_due() then.
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/engine/in_flight_transfers.hpp"
#include "sim/engine/simulated_platform.hpp"
#include "sim/output/run_result.hpp"

namespace umbra::engine {

class ContactDriver {
 public:
  ContactDriver(const spec::PlatformSpec& platform, const contact::Constellation& constellation,
                const std::vector<contact::CandidateLink>& candidates, SimulatedPlatform& simulated,
                InFlightTransfers& transfers, std::uint64_t seed, double block_length = 86400);

  // The next instant at which a link changes; infinity for a platform without contact links.
  double next_event_time() const;
  // Applies every change due at the current time (and loads the next block when due).
  void apply_due(double now);

  // One record per physical link (contact links, backhauls, WAN), accounted up to `end`, with
  // the bytes the engine counted on each.
  std::vector<output::LinkRecord> link_records(double end, const std::vector<double>& forward_bytes,
                                               const std::vector<double>& backward_bytes) const;

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
  };

  void load_block(double from);
  std::size_t edge_of(const contact::LinkWindow& window) const;
  bool clear_sky(const contact::LinkWindow& window, std::size_t edge) const;
  void settle(std::size_t edge, double now);  // accounts the time since the figures last changed
  void raise(std::size_t edge, double rate, double delay, double now);
  void drop(std::size_t edge, double now);
  void set_figures(std::size_t edge, double rate, double delay, double now);

  const spec::PlatformSpec& platform_;
  const contact::Constellation& constellation_;
  const std::vector<contact::CandidateLink>& candidates_;
  SimulatedPlatform& simulated_;
  InFlightTransfers& transfers_;
  std::uint64_t seed_;
  double block_length_;
  double block_end_ = 0;
  std::vector<Event> events_;  // of the current block, by time then change
  std::size_t next_ = 0;
  std::vector<EdgeState> edges_;  // contact edges
};

}  // namespace umbra::engine
