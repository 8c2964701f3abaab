#pragma once
// power.csv: per satellite node, a row at each change of its power state, holding the state from
// that time on. Columns:
//   time             s since the scenario epoch
//   node             the node's name
//   illumination     visible fraction of the Sun's disc, [0, 1]
//   solar_in_w       W delivered by the array
//   load_w           W drawn by the node
//   battery_w        W the battery takes from the bus: > 0 charging, < 0 discharging
//   state_of_charge  stored energy over capacity, [floor, 1]; 0 without a battery
//   pstate           the GPUs' pstate while running (0 = peak); '-' without one
//   mode             running, suspended or off
//   events           what changed, joined by '+' (power/power_event.hpp: start, eclipse-entry,
//                    battery-floor, pstate, shutdown, end, ...)
// Numbers have fixed decimals (time and watts 3, fractions 6), so the same rows give the same
// bytes.
#include <optional>
#include <span>
#include <string>

namespace umbra::output {

// One row (power/power_row.hpp makes it from a node's power snapshot).
struct PowerRow {
  std::size_t node = 0;  // index into the node names given to power_csv()
  double time = 0;
  std::string events;
  double illumination = 0;
  double solar_in = 0;       // W
  double load = 0;           // W
  double battery_power = 0;  // W
  double state_of_charge = 0;
  std::optional<int> pstate;  // none: no GPUs, or not running
  std::string mode;
};

// The whole file, header first, rows in the given order.
std::string power_csv(std::span<const PowerRow> rows, std::span<const std::string> node_names);

}  // namespace umbra::output
