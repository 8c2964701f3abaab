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
// bytes. A run holds millions of rows: they are kept as plain numbers (64 bytes each) and
// written a batch at a time, never as one string.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/output/row_sink.hpp"

namespace umbra::output {

enum class PowerMode : std::uint8_t { kRunning, kSuspended, kOff };

// One row (power/power_row.hpp makes it from a node's power snapshot).
struct PowerRow {
  double time = 0;
  double illumination = 0;
  double solar_in = 0;       // W
  double load = 0;           // W
  double battery_power = 0;  // W
  double state_of_charge = 0;
  std::uint32_t node = 0;    // index into the node names the writer is given
  std::uint32_t events = 0;  // power::PowerEvents bits
  std::int16_t pstate = -1;  // -1: no GPUs, or not running
  PowerMode mode = PowerMode::kRunning;
};

// The node names rows give by index, in the platform's node order.
using NodeNames = std::vector<std::string>;
using PowerRowSink = RowSink<PowerRow, NodeNames>;
using KeptPowerRows = KeptRows<PowerRow, NodeNames>;

// Formats rows into text, remembering the quoted node names and each event set's names.
class PowerCsvFormatter {
 public:
  explicit PowerCsvFormatter(std::span<const std::string> node_names);

  static constexpr const char* kHeader =
      "time,node,illumination,solar_in_w,load_w,battery_w,state_of_charge,pstate,mode,events\n";

  void append_row(const PowerRow& row, std::string& out);

 private:
  const std::string& events_text(std::uint32_t events);

  std::vector<std::string> node_fields_;
  std::unordered_map<std::uint32_t, std::string> events_text_;
};

// The whole file, header first, rows in the given order.
std::string power_csv(std::span<const PowerRow> rows, std::span<const std::string> node_names);

}  // namespace umbra::output
