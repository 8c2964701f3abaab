#include "sim/cli/streamed_outputs.hpp"

namespace umbra::cli {

StreamedOutputs::StreamedOutputs(const std::filesystem::path& folder,
                                 output::PowerRowSelection power_rows, KeptCopy kept)
    : power_(folder / "power.csv", power_rows),
      allocations_(folder / "allocations.csv"),
      link_windows_(folder / "link_windows.csv"),
      kept_(kept),
      kept_power_(power_),
      kept_allocations_(allocations_),
      kept_link_windows_(link_windows_) {}

void StreamedOutputs::attach(engine::SimulationOptions& options) {
  if (kept_ == KeptCopy::kForTrace) {
    options.power_rows = &kept_power_;
    options.allocations = &kept_allocations_;
    options.link_windows = &kept_link_windows_;
  } else {
    options.power_rows = &power_;
    options.allocations = &allocations_;
    options.link_windows = &link_windows_;
  }
}

void StreamedOutputs::finish(output::RunResult& result) {
  power_.finish();
  allocations_.finish();
  link_windows_.finish();
  if (kept_ == KeptCopy::kForTrace) {
    result.power_rows = std::move(kept_power_.kept.rows);
    result.allocations = std::move(kept_allocations_.kept.rows);
    result.link_windows = std::move(kept_link_windows_.kept.rows);
  }
}

}  // namespace umbra::cli
