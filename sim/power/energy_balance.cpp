#include "sim/power/energy_balance.hpp"

namespace umbra::power {

double energy_balance_residual(const EnergyLedger& ledger, double initial_stored,
                               double final_stored) {
  EnergyLedger measured = ledger;
  measured.stored_change = final_stored - initial_stored;
  return measured.relative_imbalance();
}

}  // namespace umbra::power
