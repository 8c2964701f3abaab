#include "sim/output/power_csv.hpp"

#include <array>

#include "sim/output/csv_field.hpp"
#include "sim/output/fixed_decimal.hpp"
#include "sim/power/power_event.hpp"

namespace umbra::output {

PowerCsvFormatter::PowerCsvFormatter(std::span<const std::string> node_names) {
  node_fields_.reserve(node_names.size());
  for (const std::string& name : node_names) node_fields_.push_back(csv_field(name));
}

const std::string& PowerCsvFormatter::events_text(std::uint32_t events) {
  auto [found, inserted] = events_text_.try_emplace(events);
  if (inserted) found->second = csv_field(power::event_names(events));
  return found->second;
}

void PowerCsvFormatter::append_row(const PowerRow& row, std::string& out) {
  static constexpr std::array<std::string_view, 3> kModes = {"running", "suspended", "off"};
  append_fixed(out, row.time, 3);
  out += ',';
  out += node_fields_.at(row.node);
  out += ',';
  append_fixed(out, row.illumination, 6);
  for (const double watts : {row.solar_in, row.load, row.battery_power}) {
    out += ',';
    append_fixed(out, watts, 3);
  }
  out += ',';
  append_fixed(out, row.state_of_charge, 6);
  out += ',';
  if (row.pstate >= 0) {
    out += std::to_string(row.pstate);
  } else {
    out += '-';
  }
  out += ',';
  out += kModes.at(static_cast<std::size_t>(row.mode));
  out += ',';
  out += events_text(row.events);
  out += '\n';
}

std::string power_csv(std::span<const PowerRow> rows, std::span<const std::string> node_names) {
  std::string csv = PowerCsvFormatter::kHeader;
  PowerCsvFormatter formatter(node_names);
  for (const PowerRow& row : rows) formatter.append_row(row, csv);
  return csv;
}

}  // namespace umbra::output
