// libFuzzer target: sweep files (sim/cli/sweep_spec.cpp), read as `umbra sweep` reads them, with
// relative paths starting at examples/ so that the shipped sweep's files are found. A sweep read
// must be one `umbra sweep` can expand into cells: every axis non-empty, labels non-empty, made
// of label characters and unique on their axis, seeds unique.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/cli/sweep_spec.hpp"
#include "tests/fuzz/reader_contract.hpp"

namespace {

using umbra::fuzz::expect;

bool is_label(const std::string& label) {
  return !label.empty() && label != "." && label != ".." &&
         std::all_of(label.begin(), label.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                  c == '+' || c == '=' || c == '-';
         });
}

template <typename Entry>
void check_axis(const std::vector<Entry>& entries, const std::string& axis) {
  expect(!entries.empty(), axis + ": none");
  std::set<std::string> labels;
  for (const Entry& entry : entries) {
    expect(is_label(entry.label), fmt::format("{}: label \"{}\" not a label", axis, entry.label));
    expect(labels.insert(entry.label).second,
           fmt::format("{}: label \"{}\" given twice", axis, entry.label));
  }
}

void check_sweep(const umbra::cli::SweepSpec& sweep) {
  expect(is_label(sweep.name), fmt::format("sweep name \"{}\" not a label", sweep.name));
  check_axis(sweep.platforms, "platforms");
  check_axis(sweep.workloads, "workloads");
  check_axis(sweep.policies, "policies");
  // The one set of a sweep that gives no run options has no label.
  if (sweep.run_options.size() != 1 || !sweep.run_options.front().label.empty()) {
    check_axis(sweep.run_options, "run options");
  }
  expect(!sweep.seeds.empty(), "no seed");
  expect(std::set(sweep.seeds.begin(), sweep.seeds.end()).size() == sweep.seeds.size(),
         "a seed given twice");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  umbra::fuzz::expect_result_or_input_error([&] {
    check_sweep(umbra::cli::read_sweep_text(std::string(umbra::fuzz::as_text(data, size)),
                                            "fuzz.yaml", UMBRA_SOURCE_DIR "/examples"));
  });
  return 0;
}
