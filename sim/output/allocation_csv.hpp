#pragma once
// allocations.csv, written as the run goes: one row per job per node per stretch it held GPUs
// there, as each stretch ends (run_result.hpp, Allocation). Columns job, node, gpus, start, end
// (s, 6 decimals) and ended. Rows are in end-time order, those of one end by job then node
// (AllocationOrder), so the same run gives the same bytes.
#include <string>
#include <vector>

#include "sim/output/csv_row_stream.hpp"
#include "sim/output/power_csv.hpp"
#include "sim/output/row_sink.hpp"
#include "sim/output/run_result.hpp"

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

class AllocationCsvFormat {
 public:
  using Row = Allocation;
  using Names = AllocationNames;
  static constexpr const char* kHeader = "job,node,gpus,start,end,ended\n";

  explicit AllocationCsvFormat(const AllocationNames& names);
  void append(const Allocation& allocation, std::string& text) const;

 private:
  std::vector<std::string> job_fields_, node_fields_;  // quoted as CSV needs
};
using AllocationCsvStream = CsvRowStream<AllocationCsvFormat>;

}  // namespace umbra::output
