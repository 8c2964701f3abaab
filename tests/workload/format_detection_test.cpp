// Recognising a workload's format from its content, and choosing it by name.
#include <gtest/gtest.h>

#include "sim/core/error.hpp"
#include "sim/workload/workload_format.hpp"
#include "tests/workload/trace_test_support.hpp"

namespace umbra::workload {
namespace {

using test::repo_path;

TEST(FormatDetection, RecognisesEachExcerpt) {
  EXPECT_EQ(detect_workload_format(repo_path("workloads/traces/swf-example.swf")),
            WorkloadFormat::kSwf);
  EXPECT_EQ(detect_workload_format(repo_path("workloads/traces/philly-example.json")),
            WorkloadFormat::kPhilly);
  EXPECT_EQ(detect_workload_format(repo_path("workloads/traces/helios-example.csv")),
            WorkloadFormat::kHelios);
  EXPECT_EQ(detect_workload_format(repo_path("workloads/traces/alibaba-pai")),
            WorkloadFormat::kAlibabaPai);
  EXPECT_EQ(detect_workload_format(repo_path("workloads/traces/pollux/workload-6.csv")),
            WorkloadFormat::kPollux);
  EXPECT_EQ(detect_workload_format(repo_path("workloads/ground-mix.yaml")), WorkloadFormat::kYaml);
}

TEST(FormatDetection, GoesByContentBeforeExtension) {
  // An SWF body without header comments, in a file named .txt: 18 numeric fields.
  EXPECT_EQ(
      detect_workload_format_of_text("1 0 5 60 4 -1 -1 4 120 -1 1 1 1 1 1 1 -1 -1\n", "log.txt"),
      WorkloadFormat::kSwf);
  EXPECT_EQ(detect_workload_format_of_text("id,submit,gpus,work\n", "jobs.csv"),
            WorkloadFormat::kCsv);
  EXPECT_EQ(detect_workload_format_of_text("hello\n", "notes.txt"), std::nullopt);
}

TEST(FormatDetection, UnknownContentAsksForTheFormat) {
  try {
    read_workload_text("hello\n", "notes.txt", test::reference_platform(), {});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()).substr(0, 60),
              "notes.txt: cannot tell the workload format: give --workload-");
  }
}

TEST(FormatNames, RoundTripAndSuggest) {
  for (const std::string& name : workload_format_names()) {
    EXPECT_EQ(to_string(parse_workload_format(name)), name);
  }
  try {
    parse_workload_format("helio");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(
        error.what(),
        "unknown workload format \"helio\" (--workload-format) (did you mean \"helios\"?)");
  }
}

TEST(FormatNames, ChosenFormatOverridesDetection) {
  ReadOptions options;
  options.format = WorkloadFormat::kPollux;
  EXPECT_THROW(read_workload(repo_path("workloads/traces/helios-example.csv"),
                             test::reference_platform(), options),
               InputError);  // a Helios header is not a Pollux one
}

}  // namespace
}  // namespace umbra::workload
