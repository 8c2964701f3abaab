#pragma once
// The energy balance of a node checked against its battery rather than against the ledger's own
// account of it: over a span, solar_in = used + (final - initial stored energy) + losses +
// curtailed. The ledger sums flows event by event; the battery's stored energy is moved in
// closed form and clamped to its bounds, so the two agree only if no joule went astray.
#include "sim/power/energy_ledger.hpp"

namespace umbra::power {

// |solar_in - (used + stored change + losses + curtailed)| over the largest term, the stored
// change being final_stored - initial_stored (J); 0 for a node that saw no energy at all.
double energy_balance_residual(const EnergyLedger& ledger, double initial_stored,
                               double final_stored);

}  // namespace umbra::power
