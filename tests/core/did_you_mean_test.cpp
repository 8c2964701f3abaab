#include "sim/core/did_you_mean.hpp"

#include <gtest/gtest.h>

namespace umbra {
namespace {

const std::vector<std::string> kKeys{"gpus_per_node", "nodes", "gpu_model", "location"};

TEST(DidYouMean, SuggestsTheNearestKeyForATypo) {
  EXPECT_EQ(closest_match("gpus_per_nod", kKeys), "gpus_per_node");
  EXPECT_EQ(closest_match("Nodes", kKeys), "nodes");
  EXPECT_EQ(did_you_mean("gpu_modle", kKeys), " (did you mean \"gpu_model\"?)");
}

TEST(DidYouMean, AnAbbreviationOfOneCandidateWinsOverACloserEdit) {
  // "sched" is 2 edits from "seed" but an abbreviation of "scheduler" only.
  EXPECT_EQ(closest_match("sched", {"seed", "scheduler", "out"}), "scheduler");
  // ... and of several, the shortest when it begins the others; no pick among unrelated ones.
  EXPECT_EQ(closest_match("sched", {"seed", "scheduler-python", "scheduler", "out"}),
            "scheduler");
  EXPECT_EQ(closest_match("sched", {"scheduler-python", "schedule-plugin"}), std::nullopt);
  // Ambiguous abbreviations fall back to edit distance.
  EXPECT_EQ(closest_match("gpu", {"gpus_per_node", "gpu_model"}), std::nullopt);
}

TEST(DidYouMean, StaysQuietForUnrelatedWords) {
  EXPECT_EQ(closest_match("bandwidth", kKeys), std::nullopt);
  EXPECT_EQ(did_you_mean("xyz", {}), "");
}

}  // namespace
}  // namespace umbra
