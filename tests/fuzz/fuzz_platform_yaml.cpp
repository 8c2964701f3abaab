// libFuzzer target: platform files, ground and orbital (sim/spec/platform_reader.cpp,
// orbital_reader.cpp), read and their constellation built (epochs, element sets, orbits) as
// `umbra validate` does.
#include <string>

#include "sim/contact/constellation.hpp"
#include "sim/spec/platform_reader.hpp"
#include "tests/fuzz/reader_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  umbra::fuzz::expect_result_or_input_error([&] {
    umbra::contact::build_constellation(umbra::spec::read_platform_text(
        std::string(umbra::fuzz::as_text(data, size)), "fuzz.yaml"));
  });
  return 0;
}
