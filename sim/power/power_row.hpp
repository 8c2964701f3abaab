#pragma once
// A node's power snapshot as a row of power.csv (output/power_csv.hpp).
#include <cstddef>

#include "sim/output/power_csv.hpp"
#include "sim/power/node_power.hpp"

namespace umbra::power {

// The row of node `node` (an index into the names power.csv is written with) for `snapshot`;
// `has_gpus` says whether its pstate means anything.
output::PowerRow power_row(std::size_t node, const PowerSnapshot& snapshot, bool has_gpus);

}  // namespace umbra::power
