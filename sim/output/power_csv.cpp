#include "sim/output/power_csv.hpp"

#include <fmt/format.h>

#include <iterator>

#include "sim/output/csv_field.hpp"

namespace umbra::output {
std::string power_csv(std::span<const PowerRow> rows, std::span<const std::string> node_names) {
  fmt::memory_buffer csv;
  fmt::format_to(std::back_inserter(csv),
                 "time,node,illumination,solar_in_w,load_w,battery_w,state_of_charge,pstate,mode,"
                 "events\n");
  for (const PowerRow& row : rows) {
    fmt::format_to(std::back_inserter(csv), "{:.3f},{},{:.6f},{:.3f},{:.3f},{:.3f},{:.6f},",
                   row.time, csv_field(node_names[row.node]), row.illumination, row.solar_in,
                   row.load, row.battery_power, row.state_of_charge);
    if (row.pstate) {
      fmt::format_to(std::back_inserter(csv), "{}", *row.pstate);
    } else {
      csv.push_back('-');
    }
    fmt::format_to(std::back_inserter(csv), ",{},{}\n", csv_field(row.mode), csv_field(row.events));
  }
  return fmt::to_string(csv);
}

}  // namespace umbra::output
