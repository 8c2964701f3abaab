// Shells whose laser range leaves satellites apart (tests/cli/data/walker-*-short-lasers.yaml,
// the geometry at the top of each), run as a user runs them: the run ends, every job finishes,
// and each job in orbit stays inside a group of satellites that laser links join.
#include <set>
#include <string>
#include <vector>

#include "tests/support/run_outputs.hpp"
#include "tests/support/umbra_cli.hpp"

namespace umbra::testing {
namespace {

const std::string kData = std::string(UMBRA_SOURCE_DIR) + "/tests/cli/data/";

// The node names of a jobs.csv row ("a;b;c").
std::vector<std::string> nodes_of(const CsvRow& job) {
  std::vector<std::string> nodes;
  std::string text = job.at("nodes");
  for (std::size_t at = 0; at != std::string::npos;) {
    const std::size_t next = text.find(';', at);
    nodes.push_back(text.substr(at, next == std::string::npos ? next : next - at));
    at = next == std::string::npos ? next : next + 1;
  }
  return nodes;
}

class ShortLaserShells : public UmbraCliTest {
 protected:
  std::vector<CsvRow> run(const std::string& platform, const std::string& policy) {
    const Outcome outcome = umbra("run " + kData + platform + " " + kData +
                                  "short-laser-jobs.yaml --scheduler " + policy + " --out out");
    EXPECT_EQ(outcome.status, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("stalled on network"), std::string::npos) << outcome.out;
    std::vector<CsvRow> jobs = read_csv(dir_ / "out" / "jobs.csv");
    EXPECT_EQ(jobs.size(), 12u);
    for (const CsvRow& job : jobs) EXPECT_EQ(job.at("state"), "finished") << job.at("id");
    return jobs;
  }
};

// 4 x 6: only the seam's links join satellites, p00-sK to p03-sK: a job in orbit holds one
// satellite or such a pair.
TEST_F(ShortLaserShells, OnTheSparseShellJobsTakeOneSatelliteOrALaserPair) {
  for (const std::string policy : {"fcfs", "battery-aware", "follow-the-sun"}) {
    for (const CsvRow& job : run("walker-4x6-short-lasers.yaml", policy)) {
      if (job.at("site") != "mini") continue;
      const std::vector<std::string> nodes = nodes_of(job);
      ASSERT_LE(nodes.size(), 2u) << policy << " " << job.at("id");
      if (nodes.size() == 2) {
        EXPECT_EQ(nodes[0].substr(0, 8), "mini-p00") << policy << " " << job.at("id");
        EXPECT_EQ(nodes[1].substr(0, 8), "mini-p03") << policy << " " << job.at("id");
        EXPECT_EQ(nodes[0].substr(8), nodes[1].substr(8)) << policy << " " << job.at("id");
      }
    }
  }
}

// 4 x 10: lasers join plane 1, plane 2, and planes 0 and 3 together; a job in orbit stays in
// one of those groups.
TEST_F(ShortLaserShells, OnThePlanarShellJobsStayInsideOneJoinedGroupOfPlanes) {
  const auto group = [](const std::string& node) {
    const std::string plane = node.substr(5, 3);
    return plane == "p03" ? std::string("p00") : plane;
  };
  for (const std::string policy : {"fcfs", "battery-aware", "follow-the-sun"}) {
    for (const CsvRow& job : run("walker-4x10-short-lasers.yaml", policy)) {
      if (job.at("site") != "mini") continue;
      std::set<std::string> groups;
      for (const std::string& node : nodes_of(job)) groups.insert(group(node));
      EXPECT_EQ(groups.size(), 1u) << policy << " " << job.at("id") << " " << job.at("nodes");
    }
  }
}

}  // namespace
}  // namespace umbra::testing
