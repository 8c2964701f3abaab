#pragma once
// allocations.csv, written as the run goes: one row per job per node per stretch it held GPUs
// there, as each stretch ends (run_result.hpp, Allocation). Columns job, node, gpus, start, end
// (s, 6 decimals) and ended. Rows are in end-time order, those of one end by job then node
// (AllocationOrder), so the same run gives the same bytes.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/output/power_csv.hpp"
#include "sim/output/row_sink.hpp"
#include "sim/output/run_result.hpp"
#include "sim/output/streamed_file.hpp"

namespace umbra::output {

// What an allocation's indices name: the jobs (RunResult::jobs order) and the nodes.
struct AllocationNames {
  std::vector<std::string> jobs;
  NodeNames nodes;
};
using AllocationSink = RowSink<Allocation, AllocationNames>;
using KeptAllocations = KeptRows<Allocation, AllocationNames>;

// The order of the allocations that end at one instant.
struct AllocationOrder {
  bool operator()(const Allocation& x, const Allocation& y) const;
};

class AllocationCsvStream final : public AllocationSink {
 public:
  explicit AllocationCsvStream(std::filesystem::path path);

  // Opens the file: a run without allocations still has one, with its header.
  void set_names(const AllocationNames& names) override;
  // Throws InputError naming the file when it cannot be written.
  void add(const Allocation& allocation) override;
  // Writes what is left and renames the file into place; InputError naming it if that fails.
  void finish() { file_.finish(); }

 private:
  StreamedFile file_;
  std::vector<std::string> job_fields_, node_fields_;  // quoted as CSV needs
};

}  // namespace umbra::output
