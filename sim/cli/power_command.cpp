// `umbra power PLATFORM.yaml --horizon DUR [--sat NAME] [--load idle|busy|W] [--out FILE]`:
// each satellite's power timeline under a constant load, and its energy ledger.
#include <fmt/format.h>

#include <cstdio>
#include <iterator>
#include <vector>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/platform_input.hpp"
#include "sim/cli/satellite_selection.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/time_range.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/core/error.hpp"
#include "sim/core/units.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/csv_field.hpp"
#include "sim/power/power_timeline.hpp"

namespace umbra::cli {
namespace {

void print_help() {
  fmt::print(
      "usage: umbra power PLATFORM.yaml --horizon DUR [--sat NAME] [--load idle|busy|W]\n"
      "                   [--out FILE]\n\n"
      "Runs the power model of each satellite (or only --sat NAME) from the platform's epoch\n"
      "to epoch + DUR under a constant load: --load busy (the default: every GPU busy), idle,\n"
      "or a fixed power such as 3kW that replaces the whole node's load. The bus and every\n"
      "terminal draw their power all the time. Solar input follows the eclipse windows, with\n"
      "penumbra in 1 s steps and sunlit stretches in 1 h steps (flux 1361 W/m2 x 1/R^2); the\n"
      "battery moves in closed form between events; the satellite's power_policy (throttle,\n"
      "suspend, shutdown) decides what runs when sun and battery cannot feed the load.\n\n"
      "Writes CSV to standard output, or to FILE with --out, a row at every event:\n"
      "  time,node,illumination,solar_in_w,load_w,battery_w,state_of_charge,pstate,event\n"
      "time is seconds since the epoch; each row holds the state from that time on. battery_w\n"
      "is the power the battery takes from the bus (> 0 charging, < 0 discharging);\n"
      "state_of_charge is 0 without a battery. pstate is the GPUs' pstate (0 = peak), '-'\n"
      "without GPUs, or suspended, or off. event names what happened, joined by '+':\n"
      "  start, eclipse-entry, umbra-entry, umbra-exit, eclipse-exit, penumbra-step,\n"
      "  solar-step, battery-full, battery-floor, curtail-start, curtail-stop, pstate,\n"
      "  suspend, resume, shutdown, power-on, end\n\n"
      "The energy ledger of each satellite follows as CSV, on standard error (on standard output\n"
      "with --out):\n"
      "  node,solar_in_j,used_j,discharged_j,stored_change_j,losses_j,curtailed_j,\n"
      "  relative_imbalance,min_state_of_charge,off_s,suspended_s,throttled_s,peak_gpu_s\n"
      "where solar_in = used + stored_change + losses + curtailed, relative_imbalance being the\n"
      "rounding left; discharged_j is the part of used_j the battery gave; peak_gpu_s the busy\n"
      "GPU-seconds weighted by pstate speed.\n");
}

struct LoadChoice {
  std::optional<power::GpuActivity> activity;  // none: a fixed power
  double fixed_watts = 0;
};

LoadChoice parse_load(const std::optional<std::string>& text) {
  if (!text || *text == "busy") return {power::GpuActivity::kBusy, 0};
  if (*text == "idle") return {power::GpuActivity::kIdle, 0};
  try {
    const double watts = parse_quantity(*text, Quantity::kPower);
    if (watts >= 0) return {std::nullopt, watts};
  } catch (const InputError&) {
  }
  throw InputError(fmt::format(
      "option \"--load\" expects idle, busy or a power such as 3kW, got \"{}\"", *text));
}

power::NodeDemand demand_of(const contact::Satellite& satellite, const spec::PlatformSpec& platform,
                            const LoadChoice& load) {
  if (!load.activity) return {load.fixed_watts, 0, power::GpuActivity::kIdle};
  const int gpus = satellite.hardware.payload ? satellite.hardware.payload->gpus : 0;
  return {power::satellite_fixed_power(satellite.hardware, platform.link_classes), gpus,
          *load.activity};
}

std::string pstate_cell(const power::OperatingPoint& point, const power::NodeDemand& demand) {
  switch (point.mode) {
    case power::NodeMode::kOff:
      return "off";
    case power::NodeMode::kSuspended:
      return "suspended";
    case power::NodeMode::kRunning:
      break;
  }
  return demand.gpus > 0 ? fmt::format("{}", point.pstate) : "-";
}

int power_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"horizon"}, {"sat"}, {"load"}, {"out"}, {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (arguments.positional().size() != 1) {
    throw InputError("give one platform file ('umbra power --help')");
  }
  const double horizon = required_horizon(arguments);
  const LoadChoice load = parse_load(arguments.value("load"));
  const spec::PlatformSpec platform = read_platform(arguments.positional()[0]);
  const contact::Constellation constellation = contact::build_constellation(platform);
  const std::vector<const contact::Satellite*> chosen = chosen_satellites(constellation, arguments);
  const auto windows = eclipses_of(chosen, constellation, horizon);

  fmt::memory_buffer table;
  fmt::memory_buffer ledgers;
  fmt::format_to(std::back_inserter(table),
                 "time,node,illumination,solar_in_w,load_w,battery_w,state_of_charge,pstate,"
                 "event\n");
  fmt::format_to(
      std::back_inserter(ledgers),
      "node,solar_in_j,used_j,discharged_j,stored_change_j,losses_j,curtailed_j,"
      "relative_imbalance,min_state_of_charge,off_s,suspended_s,throttled_s,peak_gpu_s\n");
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const contact::Satellite& satellite = *chosen[i];
    const spec::SatelliteHardwareSpec& hardware = satellite.hardware;
    const std::vector<power::SolarSegment> solar = power::solar_profile(
        *satellite.propagator, constellation.epoch, windows[i], hardware.solar_array, horizon);
    power::NodePowerModel model;
    model.policy = hardware.power_policy;
    model.battery = hardware.battery;
    if (hardware.payload) model.gpu_model = &platform.gpu_model(hardware.payload->gpu_model);
    const power::NodeDemand demand = demand_of(satellite, platform, load);
    const power::LoadStep steps[] = {{0, demand}};
    const power::PowerTimeline timeline = power::power_timeline(model, solar, steps);

    const std::string name = output::csv_field(satellite.name);
    for (const power::PowerSnapshot& row : timeline.rows) {
      fmt::format_to(
          std::back_inserter(table), "{:.3f},{},{:.6f},{:.3f},{:.3f},{:.3f},{:.6f},{},{}\n",
          row.time, name, row.illumination, row.solar_in, row.load, row.battery_power,
          row.state_of_charge, pstate_cell(row.point, demand), power::event_names(row.events));
    }
    const power::EnergyLedger& ledger = timeline.ledger;
    fmt::format_to(
        std::back_inserter(ledgers),
        "{},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{:.3e},{:.6f},{:.3f},{:.3f},{:.3f},{:.3f}\n",
        name, ledger.solar_in, ledger.used, ledger.discharged, ledger.stored_change, ledger.losses,
        ledger.curtailed, ledger.relative_imbalance(), ledger.min_state_of_charge,
        ledger.off_seconds, ledger.suspended_seconds, ledger.throttled_seconds,
        ledger.peak_gpu_seconds);
  }
  if (const auto path = arguments.value("out")) {
    output::write_file_atomically(*path, std::string_view(table.data(), table.size()));
    std::fwrite(ledgers.data(), 1, ledgers.size(), stdout);
  } else {
    std::fwrite(table.data(), 1, table.size(), stdout);
    std::fwrite(ledgers.data(), 1, ledgers.size(), stderr);
  }
  return kExitOk;
}

}  // namespace

Subcommand power_subcommand() {
  return {"power", "run each satellite's solar and battery power model over a horizon as CSV",
          power_main};
}

}  // namespace umbra::cli
