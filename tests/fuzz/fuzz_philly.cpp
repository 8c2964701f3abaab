// libFuzzer target: Philly cluster_job_log traces, JSON (sim/workload/philly_reader.cpp).
#include "sim/workload/trace_readers.hpp"
#include "tests/fuzz/reader_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  umbra::fuzz::expect_valid_workload_or_input_error([&](const umbra::spec::PlatformSpec& platform) {
    return umbra::workload::read_philly(umbra::fuzz::as_text(data, size), "fuzz.json", platform,
                                        {});
  });
  return 0;
}
