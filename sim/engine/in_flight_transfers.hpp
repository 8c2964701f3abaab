#pragma once
// Transfers in flight over links that may go down, so that the contact driver can note how far
// each had got when a link of its route goes down: SimGrid 3.32 drops a failed action's
// progress, and the transfer must resume from what was delivered.
#include <simgrid/s4u/Exec.hpp>

#include <optional>
#include <vector>

#include "sim/network/space_router.hpp"

namespace umbra::engine {

struct InFlightTransfer {
  simgrid::s4u::ExecPtr exec;  // the two-host execution carrying it (job_runner.cpp)
  std::vector<network::RouterHop> hops;
  std::optional<double> bytes_left_at_failure;  // set when a link of the route went down
};

class InFlightTransfers {
 public:
  void add(InFlightTransfer& transfer) { transfers_.push_back(&transfer); }
  void remove(const InFlightTransfer& transfer);
  // Before router edge `edge` goes down: notes the bytes left of every transfer crossing it.
  void edge_going_down(std::size_t edge);

 private:
  std::vector<InFlightTransfer*> transfers_;
};

}  // namespace umbra::engine
