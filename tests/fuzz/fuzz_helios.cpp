// libFuzzer target: Helios cluster_log.csv traces (sim/workload/helios_reader.cpp).
#include "sim/workload/trace_readers.hpp"
#include "tests/fuzz/reader_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  umbra::fuzz::expect_valid_workload_or_input_error([&](const umbra::spec::PlatformSpec& platform) {
    return umbra::workload::read_helios(umbra::fuzz::as_text(data, size), "fuzz.csv", platform, {});
  });
  return 0;
}
