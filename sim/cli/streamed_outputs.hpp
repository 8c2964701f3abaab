#pragma once
// The files `umbra run` writes as the run goes, so that a long run holds none of their rows:
// power.csv (power_csv_stream.hpp), allocations.csv (allocation_csv.hpp) and link_windows.csv
// (link_window_csv.hpp). A run that asks for a trace (--trace) also keeps a copy of their rows,
// which the trace is drawn from after the run.
#include <filesystem>

#include "sim/engine/simulation.hpp"
#include "sim/output/allocation_csv.hpp"
#include "sim/output/link_window_csv.hpp"
#include "sim/output/power_csv_stream.hpp"
#include "sim/output/row_sink.hpp"
#include "sim/output/run_result.hpp"

namespace umbra::cli {

class StreamedOutputs {
 public:
  enum class KeptCopy { kNone, kForTrace };

  StreamedOutputs(const std::filesystem::path& folder, output::PowerRowSelection power_rows,
                  KeptCopy kept);
  StreamedOutputs(const StreamedOutputs&) = delete;
  StreamedOutputs& operator=(const StreamedOutputs&) = delete;

  // Sends the run's rows here.
  void attach(engine::SimulationOptions& options);
  // Writes the files' last rows and renames them into place; gives the kept copies to `result`.
  // InputError naming a file that cannot be written.
  void finish(output::RunResult& result);

 private:
  output::PowerCsvStream power_;
  output::AllocationCsvStream allocations_;
  output::LinkWindowCsvStream link_windows_;
  KeptCopy kept_;
  output::KeepingRows<output::PowerRow, output::NodeNames> kept_power_;
  output::KeepingRows<output::Allocation, output::AllocationNames> kept_allocations_;
  output::KeepingRows<output::LinkWindow, output::LinkNames> kept_link_windows_;
};

}  // namespace umbra::cli
