// The warnings a run prints and keeps in manifest.json (sim/output/run_warnings.hpp), on
// hand-made job records.
#include "sim/output/run_warnings.hpp"

#include <gtest/gtest.h>

#include "sim/output/run_writer.hpp"

namespace umbra::output {
namespace {

JobRecord waited(const std::string& id, double route_wait, double isolated) {
  JobRecord record;
  record.id = id;
  record.route_wait_seconds = route_wait;
  record.isolated_seconds = isolated;
  return record;
}

TEST(RunWarnings, NameTheJobsThatWaitedForRoutesLongerThanTheirIdealDuration) {
  RunResult result;
  result.jobs = {waited("long", 9000, 7200), waited("equal", 7200, 7200),
                 waited("short", 100, 7200), waited("unknown", 9000, 0)};
  EXPECT_EQ(run_warnings(result),
            (std::vector<std::string>{
                "job \"long\" waited 2.50 h for routes, longer than its ideal duration of 2.00 h: "
                "the network did not join its nodes, their storage or its data set's site "
                "meanwhile (route_wait_s in jobs.csv, stalled_gpu_hours in summary.json)"}));
}

TEST(RunWarnings, GoIntoTheManifestOnlyWhenThereAreAny) {
  Manifest manifest;
  EXPECT_EQ(manifest_json(manifest).find("warnings"), std::string::npos);
  manifest.warnings = {"a", "b"};
  EXPECT_NE(manifest_json(manifest).find("\"warnings\": [\n    \"a\",\n    \"b\"\n  ]"),
            std::string::npos)
      << manifest_json(manifest);
}

}  // namespace
}  // namespace umbra::output
