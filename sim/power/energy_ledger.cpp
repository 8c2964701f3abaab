#include "sim/power/energy_ledger.hpp"

#include <algorithm>
#include <cmath>

namespace umbra::power {

double EnergyLedger::relative_imbalance() const {
  const double scale = std::max({solar_in, used, std::abs(stored_change), losses, curtailed});
  return scale > 0 ? std::abs(imbalance()) / scale : 0;
}

}  // namespace umbra::power
