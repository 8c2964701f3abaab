#pragma once
// Transfers in flight over links that may go down or change rate, so that the contact driver
// can cut them and note how far each had got: SimGrid 3.32 drops a failed action's progress,
// and the transfer must resume from what was delivered.
//
// Two kinds of cut. A link going down fails its transfers (the runner resumes from the last
// whole chunk). A link whose rate rises cuts them too, because SimGrid's CM02 model bounds a
// flow by the lowest link bandwidth of its route when it starts and never raises that bound
// (docs/simgrid-3.32-facts.md): the runner restarts such a transfer at once with the bytes
// left, nothing lost but the new attempt's latency. Rate decreases need nothing.
#include <simgrid/s4u/Exec.hpp>

#include <optional>
#include <span>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/network/space_router.hpp"

namespace umbra::engine {

struct InFlightTransfer {
  sched::JobId job = 0;
  simgrid::s4u::ExecPtr exec;  // the two-host execution carrying it (job_runner.cpp)
  std::vector<network::RouterHop> hops;
  std::optional<double> bytes_left_at_cut;  // set when the driver cut it
  bool link_lost = false;                   // cut by a link going down (not a rate rise)
};

class InFlightTransfers {
 public:
  void add(InFlightTransfer& transfer) { transfers_.push_back(&transfer); }
  void remove(const InFlightTransfer& transfer);
  // Before router edge `edge` goes down: notes the bytes left of every transfer crossing it.
  void edge_going_down(std::size_t edge);
  // When the rate of `edge` rises: cuts every transfer crossing it, noting its bytes left.
  void edge_rate_rising(std::size_t edge);
  // In the order added, but for removals (each moves the last one into its place).
  std::span<const InFlightTransfer* const> transfers() const { return transfers_; }

 private:
  // Notes the bytes left of each transfer crossing `edge` (once per cut) and returns them.
  std::vector<InFlightTransfer*> crossing(std::size_t edge);

  std::vector<InFlightTransfer*> transfers_;
};

}  // namespace umbra::engine
