#include "tests/fuzz/reader_contract.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>

#include "sim/core/error.hpp"
#include "sim/spec/platform_reader.hpp"

namespace umbra::fuzz {

[[noreturn]] void breach(const std::string& what) {
  std::fputs(fmt::format("reader contract broken: {}\n", what).c_str(), stderr);
  std::abort();
}

void expect(bool holds, const std::string& what) {
  if (!holds) breach(what);
}

namespace {

bool finite_at_least(double value, double low) {
  return std::isfinite(value) && value >= low;
}

void check_workload(const workload::Workload& workload, const spec::PlatformSpec& platform) {
  const int largest = platform.largest_cluster().gpus;
  std::set<std::string> ids;
  double previous_submit = 0;
  for (const workload::Job& job : workload.jobs) {
    const std::string at = fmt::format("job \"{}\" ({})", job.id, job.where.to_string());
    expect(ids.insert(job.id).second, at + ": id given twice");
    expect(finite_at_least(job.submit_time, previous_submit), at + ": submit time out of order");
    previous_submit = job.submit_time;
    expect(job.gpus >= 1 && job.gpus <= largest, at + ": GPUs outside [1, largest cluster]");
    expect(std::isfinite(job.work_flops) && job.work_flops > 0, at + ": work not positive");
    expect(finite_at_least(job.iterations, 1), at + ": fewer than one iteration");
    expect(finite_at_least(job.gradient_bytes, 0), at + ": gradient negative or not finite");
    expect(job.comm_overlap >= 0 && job.comm_overlap <= 1, at + ": comm_overlap outside [0, 1]");
    expect(job.mfu > 0 && job.mfu <= 1, at + ": mfu outside (0, 1]");
    expect(finite_at_least(job.checkpoint_bytes, 0), at + ": checkpoint size negative");
    expect(finite_at_least(job.checkpoint_interval, 0), at + ": checkpoint interval negative");
    expect(finite_at_least(job.dataset_bytes, 0), at + ": data set negative");
    expect(!job.walltime || (std::isfinite(*job.walltime) && *job.walltime > 0),
           at + ": walltime not positive");
    expect(!job.restart_overhead || finite_at_least(*job.restart_overhead, 0),
           at + ": restart overhead negative");
  }
}

void check_element_sets(const std::vector<orbit::ElementSet>& sets) {
  // The ranges of check_element_range(), in radians, with room for the degree conversion.
  constexpr double kSlack = 1e-12;
  const auto angle_within = [](double radians, double limit_degrees) {
    return radians >= -kSlack && radians <= limit_degrees * orbit::kRadiansPerDegree + kSlack;
  };
  for (const orbit::ElementSet& set : sets) {
    const std::string at = fmt::format("element set \"{}\" ({})", set.name, set.satnum);
    expect(std::isfinite(set.epoch.whole) && set.epoch.fraction >= 0 && set.epoch.fraction < 1,
           at + ": epoch not a date");
    expect(std::isfinite(set.bstar) && std::isfinite(set.mean_motion_dot) &&
               std::isfinite(set.mean_motion_ddot),
           at + ": drag terms not finite");
    expect(angle_within(set.inclination, 180), at + ": inclination outside [0, 180] deg");
    expect(angle_within(set.raan, 360) && angle_within(set.argument_of_perigee, 360) &&
               angle_within(set.mean_anomaly, 360),
           at + ": angle outside [0, 360] deg");
    expect(set.eccentricity >= 0 && set.eccentricity < 1, at + ": eccentricity outside [0, 1)");
    expect(std::isfinite(set.mean_motion) && set.mean_motion > 0,
           at + ": mean motion not positive");
  }
}

const spec::PlatformSpec& reference_platform() {
  static const spec::PlatformSpec platform = spec::read_platform_file(
      std::string(UMBRA_SOURCE_DIR) + "/tests/spec/malformed/reference-platform.yaml");
  return platform;
}

}  // namespace

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

void expect_result_or_input_error(const std::function<void()>& read) {
  try {
    read();
  } catch (const InputError& error) {
    for (const InputError& each : each_error(error)) {
      expect(!each.where().file.empty() && each.where().line >= 1,
             fmt::format("input error without the file and line: {}", each.what()));
    }
  } catch (const std::exception& error) {
    breach(fmt::format("exception other than InputError: {}", error.what()));
  } catch (...) {
    breach("exception of a type that is not std::exception");
  }
}

void expect_valid_workload_or_input_error(
    const std::function<workload::Workload(const spec::PlatformSpec&)>& read) {
  const spec::PlatformSpec& platform = reference_platform();
  expect_result_or_input_error([&] { check_workload(read(platform), platform); });
}

void expect_valid_element_sets_or_input_error(
    const std::function<std::vector<orbit::ElementSet>()>& read) {
  expect_result_or_input_error([&] { check_element_sets(read()); });
}

}  // namespace umbra::fuzz
