#pragma once
// The contract every reader of outside input keeps, checked by the libFuzzer targets of this
// folder: given any bytes, it returns a result the simulator can use or throws InputError naming
// the file and the line it read; it never crashes, hangs or throws anything else. A breach
// aborts with what happened, which libFuzzer reports as a crash and saves the input of.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/orbit/element_set.hpp"
#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job.hpp"

namespace umbra::fuzz {

// Aborts with `what` unless `holds`: a result that breaks what its reader promises.
void expect(bool holds, const std::string& what);
[[noreturn]] void breach(const std::string& what);

// The fuzzer's bytes as the text of a file.
std::string_view as_text(const std::uint8_t* data, std::size_t size);

// Runs `read`, a reader of outside input: an InputError it throws must name a file and a line;
// any other exception is a breach.
void expect_result_or_input_error(const std::function<void()>& read);

// The same for a workload reader, given the platform to read against
// (tests/spec/malformed/reference-platform.yaml); the workload it returns must be one the engine
// can run as the readers promise (job.hpp, native_reader.hpp): unique ids, sorted by submit
// time, finite non-negative quantities, at least one and at most the largest cluster's GPUs,
// positive work, at least one iteration, ratios in range.
void expect_valid_workload_or_input_error(
    const std::function<workload::Workload(const spec::PlatformSpec&)>& read);

// The same for an element set reader; every element it returns must be in the range the
// parsers promise (check_element_range in sim/orbit/element_set.hpp).
void expect_valid_element_sets_or_input_error(
    const std::function<std::vector<orbit::ElementSet>()>& read);

}  // namespace umbra::fuzz
