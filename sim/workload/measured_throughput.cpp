#include "sim/workload/measured_throughput.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace umbra::workload {

std::optional<double> throughput_on(const MeasuredThroughput& measured,
                                    std::string_view gpu_model) {
  for (const GpuModelThroughput& each : measured.per_model) {
    if (each.gpu_model == gpu_model) return each.iterations_per_second;
  }
  return std::nullopt;
}

double placement_throughput(const MeasuredThroughput& measured,
                            std::span<const std::string_view> gpu_models) {
  if (gpu_models.empty()) throw std::logic_error("a placement without nodes has no throughput");
  double slowest = std::numeric_limits<double>::infinity();
  for (const std::string_view model : gpu_models) {
    const std::optional<double> rate = throughput_on(measured, model);
    if (!rate) {
      throw std::logic_error(
          fmt::format("a job with measured throughputs placed on GPU model \"{}\", which it has "
                      "none for (validation missed it)",
                      model));
    }
    slowest = std::min(slowest, *rate);
  }
  return slowest;
}

}  // namespace umbra::workload
