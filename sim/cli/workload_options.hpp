#pragma once
// How to read a workload, as `umbra run` and `umbra validate` both take it:
//   --workload-format NAME  --reference-gpu NAME  --keep-failed  --skip-bad-lines
// and how both report what the reading kept and dropped.
#include <string>
#include <vector>

#include "sim/cli/arguments.hpp"
#include "sim/output/run_result.hpp"
#include "sim/workload/workload_format.hpp"

namespace umbra::cli {

std::vector<OptionSpec> workload_option_specs();
std::string workload_options_help();  // lines for --help
workload::ReadOptions workload_read_options(const Arguments& arguments);

// Prints the counts ("workload: 1200 records read, 1100 kept, dropped: 80 failed,
// ...") to stdout; to stderr the workload's warnings (job fields without their unit) and the
// skipped bad lines, the first few and the total.
void report_read_counts(const workload::Workload& workload);
output::WorkloadReadCounts manifest_read_counts(const workload::Workload& workload);

}  // namespace umbra::cli
