// libFuzzer target: two- and three-line element sets (sim/orbit/tle.cpp), with checksums verified
// as for real data and ignored, so that the fields behind a wrong checksum are reached too.
#include "sim/orbit/tle.hpp"
#include "tests/fuzz/reader_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (const auto checksums :
       {umbra::orbit::ChecksumPolicy::kVerify, umbra::orbit::ChecksumPolicy::kIgnore}) {
    umbra::fuzz::expect_valid_element_sets_or_input_error([&] {
      return umbra::orbit::parse_tle(umbra::fuzz::as_text(data, size), "fuzz.tle", checksums);
    });
  }
  return 0;
}
