#pragma once
// The power invariants every run with satellites must keep, checked from its outputs:
// - summary.json's satellite_power ledger balances: solar in = used + change in stored energy
//   + battery losses + curtailed sunlight, to kEnergyBalanceTolerance of the solar input;
// - every state of charge in power.csv, and the summary's minimum, lies in [floor, 1].
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/run_outputs.hpp"

namespace umbra::testing {

inline constexpr double kEnergyBalanceTolerance = 1e-9;  // relative, issue #5's requirement
// power.csv prints the state of charge with six decimals.
inline constexpr double kPrintedChargeResolution = 1e-6;

inline void expect_energy_balanced(const std::string& summary) {
  const double in = json_number(summary, "solar_in_j");
  const double out = json_number(summary, "used_j") + json_number(summary, "stored_change_j") +
                     json_number(summary, "battery_losses_j") + json_number(summary, "curtailed_j");
  EXPECT_GT(in, 0);
  EXPECT_NEAR(in, out, kEnergyBalanceTolerance * in);
}

inline void expect_charge_within(const std::vector<CsvRow>& power_rows, double floor) {
  ASSERT_FALSE(power_rows.empty());
  for (const CsvRow& row : power_rows) {
    const double charge = std::stod(row.at("state_of_charge"));
    ASSERT_GE(charge, floor - kPrintedChargeResolution)
        << row.at("node") << " at " << row.at("time");
    ASSERT_LE(charge, 1.0) << row.at("node") << " at " << row.at("time");
  }
}

// Both checks on the run written to `run` (an --out folder); returns power.csv's rows.
inline std::vector<CsvRow> expect_satellite_power_sound(const std::filesystem::path& run,
                                                        double floor) {
  const std::string summary = read_file(run / "summary.json");
  expect_energy_balanced(summary);
  const double min_charge = json_number(summary, "min_state_of_charge");
  EXPECT_GE(min_charge, floor - 1e-12);
  EXPECT_LE(min_charge, 1.0);
  std::vector<CsvRow> rows = read_csv(run / "power.csv");
  expect_charge_within(rows, floor);
  return rows;
}

}  // namespace umbra::testing
