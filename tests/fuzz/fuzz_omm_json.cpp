// libFuzzer target: CCSDS OMM in JSON form (sim/orbit/omm.cpp).
#include "sim/orbit/omm.hpp"
#include "tests/fuzz/reader_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  umbra::fuzz::expect_valid_element_sets_or_input_error(
      [&] { return umbra::orbit::parse_omm_json(umbra::fuzz::as_text(data, size), "fuzz.json"); });
  return 0;
}
