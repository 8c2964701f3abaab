// Jobs on satellites, through the real engine: a data set staged over ground passes that end
// mid-transfer, and a ring all-reduce between two satellites over a laser link. The expected
// times are worked from the contact plan (computed here on its own) and the transfer rules of
// job_runner.hpp: an attempt starts when a route exists (kRouteRetryDelay after the change
// that opens it), pays the route's latency, then moves at the bottleneck rate; an attempt cut
// by its link going down keeps its whole chunks (kTransferChunk); one cut by a rate rise goes
// on at once with all it had sent, paying the latency again.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/engine/job_runner.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

// Starts each queued job, in order, on the first free GPUs of the first orbital cluster.
class StartInOrbit : public sched::Scheduler {
 public:
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions decisions;
    for (const auto& site : state.sites) {
      if (!site.orbital) continue;
      for (const auto& job : state.queue) {
        sched::Placement placement;
        int needed = job.gpus;
        for (const sched::NodeId n : site.nodes) {
          const int take = std::min(needed, state.nodes[n].free_gpus);
          if (take > 0) placement.slots.push_back({n, take});
          needed -= take;
        }
        if (needed == 0) decisions.starts.push_back({job.id, placement});
      }
      break;
    }
    return decisions;
  }
};

using testing::kOrbitHeader;
using testing::kPasses;

contact::ContactPlan plan_of(const spec::PlatformSpec& platform, double horizon) {
  const contact::Constellation constellation = contact::build_constellation(platform);
  contact::ContactPlanOptions options;
  options.horizon = horizon;
  return contact::build_contact_plan(platform, constellation, options);
}

// What staging `bytes` over the plan's passes should give, by the rules at the top.
struct Staging {
  double end = -1;
  int failures = 0;
  double resent = 0;
};

// Staging from `from` on: a transfer started inside a pass begins at once.
Staging expected_staging(const contact::ContactPlan& plan, double bytes, double from = 0) {
  Staging staging;
  double left = bytes;
  for (const contact::LinkWindow& window : plan.windows) {
    if (window.end <= from) continue;
    const double start = window.start >= from ? window.start + kRouteRetryDelay : from;
    double t = start + window.segment_at(start).delay;  // latency first: storage, backhaul: 0
    double sent = 0;
    for (std::size_t k = 0; k < window.segments.size() && t < window.end; ++k) {
      const double until =
          k + 1 < window.segments.size() ? window.segments[k + 1].start : window.end;
      if (until <= t) continue;
      const double rate = window.segments[k].rate;
      if (sent + rate * (until - t) >= left) {
        staging.end = t + (left - sent) / rate;
        return staging;
      }
      sent += rate * (until - t);
      t = until;
      // A rate rise restarts the attempt, which pays its latency again.
      if (k + 1 < window.segments.size() && window.segments[k + 1].rate > rate) {
        t += window.segments[k + 1].delay;
      }
    }
    const double kept = std::floor(sent / kTransferChunk) * kTransferChunk;
    staging.resent += sent - kept;
    left -= kept;
    ++staging.failures;
  }
  return staging;
}

const std::string kStagingJob =
    "jobs:\n  - {id: j, submit: 0 s, gpus: 1, work: 4e16 FLOP, mfu: 0.4, dataset: 2 TB}\n";

// Stages 2 TB to the satellite of `platform` (several passes of about eight minutes), then
// computes for 100 s, and checks the job and the radio link against expected_staging().
void check_staging(const std::string& platform) {
  const double dataset = 2e12, compute = 100;
  const auto s = testing::scenario(platform, kStagingJob);
  const contact::ContactPlan plan = plan_of(s.platform, 86400);
  ASSERT_GT(plan.windows.front().start, 0);  // the job waits for the first pass
  const Staging expected = expected_staging(plan, dataset);
  ASSERT_GT(expected.end, 0) << "the data set does not fit the day's passes";
  ASSERT_GE(expected.failures, 2);

  StartInOrbit policy;
  const auto result = testing::run(s, policy);
  const auto& job = result.jobs[0];
  EXPECT_EQ(job.site, "sat");
  EXPECT_EQ(job.transfer_failures, expected.failures);
  EXPECT_NEAR(job.bytes_resent, expected.resent, 1.0);
  EXPECT_NEAR(job.bytes_moved, dataset + expected.resent, 1.0);
  ASSERT_TRUE(job.end);
  EXPECT_NEAR(*job.end, expected.end + compute, 1e-4);

  // links.csv's view: the radio link came up once per pass used, carried everything up.
  const auto link = std::find_if(result.links.begin(), result.links.end(),
                                 [](const output::LinkRecord& l) { return l.link_class == "rf"; });
  ASSERT_NE(link, result.links.end());
  EXPECT_EQ(link->windows, expected.failures + 1);
  EXPECT_NEAR(link->bytes_backward, dataset + expected.resent, 1.0);  // station to satellite
  EXPECT_EQ(link->bytes_forward, 0);
}

TEST(IntermittentLinks, AStagedDataSetResumesFromItsLastWholeChunkAfterEachPass) {
  check_staging(kPasses);
}

// Preempted 100 s into the first pass while its transfer is in flight, and started again at
// once: the runner leaves its wait without being killed (job_run.hpp says why) and the new one
// stages the whole data set again from that instant; the abandoned attempt counts nowhere.
class PreemptOnceInOrbit final : public sched::Scheduler {
 public:
  explicit PreemptOnceInOrbit(double at) : at_(at) {}
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event> events) override {
    if (state.now != at_) {
      sched::Decisions decisions = start_.schedule(state, events);
      if (state.now < at_) decisions.wake_up_at = at_;
      return decisions;
    }
    sched::Decisions decisions;
    decisions.preemptions.push_back({0});
    decisions.starts.push_back({0, state.running.at(0).placement});
    return decisions;
  }

 private:
  double at_;
  StartInOrbit start_;
};

TEST(IntermittentLinks, AJobPreemptedWhileItsStagingIsInFlightStagesAgainFromThatInstant) {
  const auto s = testing::scenario(kPasses, kStagingJob);
  const contact::ContactPlan plan = plan_of(s.platform, 86400);
  const double at = plan.windows.front().start + 100;
  const Staging expected = expected_staging(plan, 2e12, at);
  ASSERT_GT(expected.end, 0);

  PreemptOnceInOrbit policy(at);
  const auto result = testing::run(s, policy);
  const auto& job = result.jobs[0];
  EXPECT_EQ(job.preemptions, 1);
  EXPECT_EQ(job.transfer_failures, expected.failures);
  EXPECT_NEAR(job.bytes_moved, 2e12 + expected.resent, 1.0);
  ASSERT_TRUE(job.end);
  EXPECT_NEAR(*job.end, expected.end + 100, 1e-4);
}

// The same over a link whose rate follows range (inverse square beyond 800 km): SimGrid must
// carry a transfer in flight at each new rate, up as well as down.
TEST(IntermittentLinks, AStagedTransferFollowsTheRateOfTheMomentThroughAPass) {
  std::string platform = kPasses;
  const std::string fixed = "rate: 1 GB/s, max_range";
  platform.replace(platform.find(fixed), fixed.size(),
                   "rate: 1 GB/s, rate_model: inverse-square, reference_range: 800 km, max_range");
  check_staging(platform);
}

// The same satellite over an optical link that is clear half of the time: about half of its
// passes come up. Binomial: within three standard deviations of n / 2.
TEST(IntermittentLinks, AnOpticalGroundLinkComesUpOnlyWhenTheSkyIsClear) {
  std::string platform = kPasses;
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"{name: rf, kind: rf, rate: 1 GB/s,",
                                            "{name: optical, kind: optical-ground, availability: "
                                            "0.5, rate: 1 GB/s,"},
        {"terminals: [{link_class: rf", "terminals: [{link_class: optical"}}) {
    platform.replace(platform.find(from), from.size(), to);
  }
  // Three days of computing keep the run going while the passes come and go.
  const auto s = testing::scenario(
      platform, "jobs:\n  - {id: j, submit: 0 s, gpus: 1, work: 1.0368e20 FLOP, mfu: 0.4}\n");
  StartInOrbit policy;
  const auto result = testing::run(s, policy);
  ASSERT_TRUE(result.jobs[0].end);
  const double end = *result.jobs[0].end;
  EXPECT_NEAR(end, 3 * 86400, 1e-3);
  const contact::ContactPlan plan = plan_of(s.platform, 4 * 86400);
  const auto passes = static_cast<double>(
      std::count_if(plan.windows.begin(), plan.windows.end(),
                    [&](const contact::LinkWindow& w) { return w.start < end; }));
  ASSERT_GT(passes, 30);
  const auto link =
      std::find_if(result.links.begin(), result.links.end(),
                   [](const output::LinkRecord& l) { return l.link_class == "optical"; });
  ASSERT_NE(link, result.links.end());
  EXPECT_NEAR(static_cast<double>(link->windows), passes / 2, 3 * std::sqrt(passes / 4));
  EXPECT_LT(link->windows, passes);
}

// A formation of two satellites within 5 km of each other, joined by a 1 GB/s laser link.
const std::string kPair = kOrbitHeader +
                          "link_classes:\n"
                          "  - {name: laser, kind: laser, rate: 1 GB/s, max_range: 1000 km}\n"
                          "formations:\n"
                          "  - name: pair\n"
                          "    reference: {altitude: 550 km, inclination: 53}\n"
                          "    members: 2\n"
                          "    radius: 5 km\n"
                          "    payload: {gpu_model: G, gpus: 1}\n"
                          "    terminals: [{link_class: laser, count: 1}]\n"
                          "    isl: {topology: full-mesh, link_class: laser}\n";

TEST(IntermittentLinks, AJobAcrossTwoSatellitesExchangesGradientsAtTheLaserRate) {
  // 2 GPUs, 100 iterations of 10 GB gradients, nothing overlapped: each node sends
  // 100 x 2 (2 - 1) / 2 x 10 GB = 1 TB to the other after 100 s of compute, and the ring's
  // 100 x 2 (2 - 1) = 200 steps each pay the laser's light time.
  const std::string jobs =
      "jobs:\n  - {id: j, submit: 0 s, gpus: 2, work: 8e16 FLOP, iterations: 100, mfu: 0.4,\n"
      "           gradient: 10 GB, comm_overlap: 0}\n";
  const double compute = 100, bytes = 1e12;

  const auto orbit = testing::scenario(kPair, jobs);
  const contact::ContactPlan plan = plan_of(orbit.platform, 3600);
  ASSERT_EQ(plan.windows.size(), 1u);  // always in sight, taken as acquired at the start
  const double delay = plan.windows[0].segment_at(compute).delay;
  EXPECT_LE(delay, 5e3 / 299792458.0);  // within the formation's radius

  StartInOrbit in_orbit;
  const auto flown = testing::run(orbit, in_orbit);
  ASSERT_TRUE(flown.jobs[0].end);
  EXPECT_NEAR(*flown.jobs[0].end, compute + 200 * delay + bytes / 1e9, 1e-4);
  EXPECT_NEAR(flown.jobs[0].bytes_moved, 2 * bytes, 1.0);
  EXPECT_EQ(flown.jobs[0].transfer_failures, 0);
}

}  // namespace
}  // namespace umbra::engine
