#include "sim/engine/in_flight_transfers.hpp"

#include <algorithm>

namespace umbra::engine {

void InFlightTransfers::remove(const InFlightTransfer& transfer) {
  const auto found = std::find(transfers_.begin(), transfers_.end(), &transfer);
  if (found == transfers_.end()) return;
  *found = transfers_.back();
  transfers_.pop_back();
}

std::vector<InFlightTransfer*> InFlightTransfers::crossing(std::size_t edge) {
  std::vector<InFlightTransfer*> found;
  for (InFlightTransfer* transfer : transfers_) {
    const bool crosses =
        std::any_of(transfer->hops.begin(), transfer->hops.end(),
                    [&](const network::RouterHop& hop) { return hop.edge == edge; });
    if (!crosses) continue;
    // Under SimGrid's default host model a two-host execution is one network action whose
    // remains are bytes (docs/simgrid-3.32-facts.md).
    if (!transfer->bytes_left_at_cut) {
      transfer->bytes_left_at_cut = transfer->exec->get_remaining_ratio();
    }
    found.push_back(transfer);
  }
  return found;
}

void InFlightTransfers::edge_going_down(std::size_t edge) {
  for (InFlightTransfer* transfer : crossing(edge)) transfer->link_lost = true;
}

void InFlightTransfers::edge_rate_rising(std::size_t edge) {
  for (InFlightTransfer* transfer : crossing(edge)) transfer->exec->cancel();
}

}  // namespace umbra::engine
