#include "sim/output/allocation_csv.hpp"

#include <fmt/format.h>

#include <iterator>
#include <tuple>

#include "sim/output/csv_field.hpp"

namespace umbra::output {

bool AllocationOrder::operator()(const Allocation& x, const Allocation& y) const {
  return std::tie(x.end, x.job, x.node) < std::tie(y.end, y.job, y.node);
}

AllocationCsvFormat::AllocationCsvFormat(const AllocationNames& names) {
  for (const std::string& job : names.jobs) job_fields_.push_back(csv_field(job));
  for (const std::string& node : names.nodes) node_fields_.push_back(csv_field(node));
}

void AllocationCsvFormat::append(const Allocation& allocation, std::string& text) const {
  fmt::format_to(std::back_inserter(text), "{},{},{},{:.6f},{:.6f},{}\n",
                 job_fields_[allocation.job], node_fields_[allocation.node], allocation.gpus,
                 allocation.start, allocation.end, to_string(allocation.ended));
}

}  // namespace umbra::output
