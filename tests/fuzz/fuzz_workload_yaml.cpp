// libFuzzer target: native workload files in YAML (sim/workload/native_yaml_reader.cpp).
#include <string>

#include "sim/workload/native_reader.hpp"
#include "tests/fuzz/reader_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  umbra::fuzz::expect_valid_workload_or_input_error([&](const umbra::spec::PlatformSpec& platform) {
    return umbra::workload::read_workload_yaml(std::string(umbra::fuzz::as_text(data, size)),
                                               "fuzz.yaml", platform);
  });
  return 0;
}
