// libFuzzer target: Alibaba PAI job and task tables (sim/workload/alibaba_pai_reader.cpp).
// The input is the job table, then a NUL byte, then the task table (empty when there is no NUL).
#include <algorithm>
#include <string>
#include <string_view>

#include "sim/workload/trace_readers.hpp"
#include "tests/fuzz/reader_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = umbra::fuzz::as_text(data, size);
  const std::size_t separator = std::min(text.find('\0'), text.size());
  const umbra::workload::TextFile job_table{std::string(text.substr(0, separator)),
                                            "pai_job_table.csv"};
  const umbra::workload::TextFile task_table{
      std::string(text.substr(std::min(separator + 1, text.size()))), "pai_task_table.csv"};
  umbra::fuzz::expect_valid_workload_or_input_error([&](const umbra::spec::PlatformSpec& platform) {
    return umbra::workload::read_alibaba_pai_tables(job_table, task_table, platform, {});
  });
  return 0;
}
