// The job's life (sim/engine/job_life.hpp): every cell of the table of what an interruption
// does in each stage, run through the real engine, with the outcome worked by hand.
//
// The job: 2 GPUs of node 0 (of 2 nodes of 2 GPUs of 1 PFLOPS, mfu 1), 2e18 FLOP, so 1000 s of
// compute in segments of 500 s between checkpoints; 10 iterations of a 100 GB gradient, no
// overlap, so a whole segment's 5 iterations send 5 x 2 (2-1)/2 x 100 GB = 500 GB over the
// node's 100 GB/s fabric: 5 s exposed (and x s of compute owe x/100 s); a 20 GB checkpoint to
// the site's 1 GB/s storage, 20 s to write or to read; a 10 GB data set, 10 s to stage; a 30 s
// restart overhead on every start after the first (a migration's landing is one).
// Undisturbed: staging 0-10, computing 10-510, exchanging 510-515, checkpointing 515-535,
// computing 535-1035, exchanging 1035-1040: it ends at 1040.
//
// The policy starts the job on node 0 whenever it finds it queued, applies the event at time
// t, and wakes at t + 100 to find a job the event sent to the queue at once. Stages of a second
// allocation: the job is killed at 600 (back to its checkpoint of 500 s at 535, 2 x 65 = 130
// GPU-s lost) and started again at 700: starting 700-730, restoring 730-750, computing
// 750-1250, exchanging 1250-1255.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/engine/job_life.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

using testing::near_tolerance;

constexpr double kKillFirstAt = 600;  // for the stages of a second allocation

struct Cell {
  const char* name;
  JobEvent event;
  double at;
  bool second_allocation;
  // Outcome.
  output::JobState state;
  double end;
  double lost_gpu_seconds;
  int checkpoints;
  int migrations;
};

// Drives one cell: see the file's comment.
class Disturb : public sched::Scheduler {
 public:
  explicit Disturb(const Cell& cell) : cell_(cell) {}

  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions d;
    const double now = state.now;
    if (now == 0) d.wake_up_at = cell_.second_allocation ? kKillFirstAt : cell_.at;
    if (cell_.second_allocation && now == kKillFirstAt) {
      d.preemptions.push_back({0, sched::PreemptMode::kKill});
      d.wake_up_at = kKillFirstAt + 100;
    }
    if (cell_.second_allocation && now == kKillFirstAt + 100) d.wake_up_at = cell_.at;
    if (now == cell_.at && !fired_) {
      fired_ = true;
      switch (cell_.event) {
        case JobEvent::kPreemptSave:
          d.preemptions.push_back({0, sched::PreemptMode::kSave});
          break;
        case JobEvent::kPreemptKill:
          d.preemptions.push_back({0, sched::PreemptMode::kKill});
          break;
        case JobEvent::kMigrate:
          d.migrations.push_back({0, {{{1, 2}}}});
          break;
        case JobEvent::kCheckpoint:
          d.checkpoints.push_back({0});
          break;
        default:  // the others do not come from the policy
          break;
      }
      d.wake_up_at = now + 100;
    }
    if (!state.queue.empty()) d.starts.push_back({0, {{{0, 2}}}});
    return d;
  }

 private:
  Cell cell_;
  bool fired_ = false;  // the policy may be called again at that instant
};

std::string job_yaml(const Cell& cell) {
  std::string job =
      "jobs:\n"
      "  - {id: j, submit: 0 s, gpus: 2, work: 2e18 FLOP, mfu: 1, iterations: 10,\n"
      "     gradient: 100 GB, comm_overlap: 0, checkpoint: {size: 20 GB, interval: 500 s},\n"
      "     restart_overhead: 30 s, dataset: 10 GB, dataset_site: lab";
  if (cell.event == JobEvent::kWalltime) {
    job += fmt::format(", walltime: {} s, on_walltime: kill", cell.at);
  }
  return job + "}\n";
}

output::JobRecord run_cell(const Cell& cell) {
  const auto s = testing::scenario(testing::one_site_platform(2, 2), job_yaml(cell));
  Disturb policy(cell);
  const auto result = testing::run(s, policy);
  return result.jobs.at(0);
}

void PrintTo(const Cell& cell, std::ostream* out) { *out << cell.name; }

class JobLifeCell : public ::testing::TestWithParam<Cell> {};

TEST_P(JobLifeCell, OutcomeAsWorkedByHand) {
  const Cell& cell = GetParam();
  const output::JobRecord job = run_cell(cell);
  EXPECT_EQ(job.state, cell.state);
  ASSERT_TRUE(job.end);
  // The stop of a computation comes the next representable instant after the request.
  EXPECT_NEAR(*job.end, cell.end, near_tolerance(cell.end));
  EXPECT_NEAR(job.lost_gpu_seconds, cell.lost_gpu_seconds, 1e-6);
  EXPECT_EQ(job.checkpoints_written, cell.checkpoints);
  EXPECT_EQ(job.migrations, cell.migrations);
}

constexpr auto kSave = JobEvent::kPreemptSave;
constexpr auto kKill = JobEvent::kPreemptKill;
constexpr auto kMove = JobEvent::kMigrate;
constexpr auto kAsk = JobEvent::kCheckpoint;
constexpr auto kWall = JobEvent::kWalltime;
constexpr auto kDone = output::JobState::kFinished;
constexpr auto kKilled = output::JobState::kKilledAtWalltime;

// Each row's end worked from the timeline of the file's comment.
const Cell kCells[] = {
    // Staging (0-10), at 5. Preparing: a save or a kill sends it to the queue at once, its
    // preparation lost (2 x 5 GPU-s); started again at 105, it pays 30 s, stages again (the
    // copy was not finished, 10 s) and runs 1030 s more: 105 + 1070 = 1175. A migration
    // lands on node 1 at once: 5 + 1070 = 1075. A checkpoint has nothing to save.
    {"staging_save", kSave, 5, false, kDone, 1175, 10, 1, 0},
    {"staging_kill", kKill, 5, false, kDone, 1175, 10, 1, 0},
    {"staging_migrate", kMove, 5, false, kDone, 1075, 10, 1, 1},
    {"staging_checkpoint", kAsk, 5, false, kDone, 1040, 0, 1, 0},
    {"staging_walltime", kWall, 5, false, kKilled, 5, 10, 0, 0},
    // Computing (10-510), at 200: 190 s computed. A save stops the compute, exchanges what it
    // computed (1.9 s), writes its checkpoint (20 s) and leaves at 221.9; started again then,
    // it pays 30 s, reads its checkpoint (20 s): 271.9, computes 500 s, exchanges 5 s,
    // checkpoints (796.9), computes the last 310 s and exchanges 3.1 s: 1110. A migration
    // does the same and lands on node 1 at 221.9. A checkpoint goes on on the same GPUs from
    // 221.9: 221.9 + 500 + 5 + 20 + 310 + 3.1 = 1060. A kill loses 2 x 200 GPU-s; started again
    // at 300 (its data set staged): 300 + 30 + 500 + 5 + 20 + 500 + 5 = 1360.
    {"computing_save", kSave, 200, false, kDone, 1110, 0, 2, 0},
    {"computing_kill", kKill, 200, false, kDone, 1360, 400, 1, 0},
    {"computing_migrate", kMove, 200, false, kDone, 1110, 0, 2, 1},
    {"computing_checkpoint", kAsk, 200, false, kDone, 1060, 0, 2, 0},
    {"computing_walltime", kWall, 200, false, kKilled, 200, 400, 0, 0},
    // Exchanging (510-515), at 512. A save or a migration waits for the exchange and the
    // segment's own checkpoint, then leaves at 535: 535 + 30 + 20 + 500 + 5 = 1090. A
    // checkpoint is the segment's own. A kill loses 2 x 512 GPU-s; started again at 612:
    // 612 + 30 + 500 + 5 + 20 + 500 + 5 = 1672.
    {"exchanging_save", kSave, 512, false, kDone, 1090, 0, 1, 0},
    {"exchanging_kill", kKill, 512, false, kDone, 1672, 1024, 1, 0},
    {"exchanging_migrate", kMove, 512, false, kDone, 1090, 0, 1, 1},
    {"exchanging_checkpoint", kAsk, 512, false, kDone, 1040, 0, 1, 0},
    {"exchanging_walltime", kWall, 512, false, kKilled, 512, 1024, 0, 0},
    // Checkpointing (515-535), at 525. A save or a migration lets the write finish: as above.
    // A kill loses the write under way with the rest, 2 x 525 GPU-s, and keeps no checkpoint:
    // started again at 625, 625 + 30 + 500 + 5 + 20 + 500 + 5 = 1685.
    {"checkpointing_save", kSave, 525, false, kDone, 1090, 0, 1, 0},
    {"checkpointing_kill", kKill, 525, false, kDone, 1685, 1050, 1, 0},
    {"checkpointing_migrate", kMove, 525, false, kDone, 1090, 0, 1, 1},
    {"checkpointing_checkpoint", kAsk, 525, false, kDone, 1040, 0, 1, 0},
    {"checkpointing_walltime", kWall, 525, false, kKilled, 525, 1050, 0, 0},
    // Starting (700-730 of the second allocation), at 710. Preparing: to the queue at once,
    // 130 + 2 x 10 GPU-s lost; started again at 810: 810 + 30 + 20 + 500 + 5 = 1365. A
    // migration lands on node 1 at once: 710 + 555 = 1265. Undisturbed it ends at 1255.
    {"starting_save", kSave, 710, true, kDone, 1365, 150, 1, 0},
    {"starting_kill", kKill, 710, true, kDone, 1365, 150, 1, 0},
    {"starting_migrate", kMove, 710, true, kDone, 1265, 150, 1, 1},
    {"starting_checkpoint", kAsk, 710, true, kDone, 1255, 130, 1, 0},
    // Restoring (730-750), at 740: 130 + 2 x 40 GPU-s lost; started again at 840:
    // 840 + 555 = 1395; moved at once: 740 + 555 = 1295.
    {"restoring_save", kSave, 740, true, kDone, 1395, 210, 1, 0},
    {"restoring_kill", kKill, 740, true, kDone, 1395, 210, 1, 0},
    {"restoring_migrate", kMove, 740, true, kDone, 1295, 210, 1, 1},
    {"restoring_checkpoint", kAsk, 740, true, kDone, 1255, 130, 1, 0},
};

INSTANTIATE_TEST_SUITE_P(EveryStage, JobLifeCell, ::testing::ValuesIn(kCells),
                         [](const ::testing::TestParamInfo<Cell>& info) {
                           return std::string(info.param.name);
                         });

// The table itself: properties that hold in every cell.
constexpr JobStage kStages[] = {JobStage::kWaiting,    JobStage::kQueued,    JobStage::kStarting,
                                JobStage::kStaging,    JobStage::kRestoring, JobStage::kComputing,
                                JobStage::kExchanging, JobStage::kCheckpointing, JobStage::kEnded};
constexpr JobRequest kRequests[] = {JobRequest::kNone, JobRequest::kCheckpoint, JobRequest::kMove,
                                    JobRequest::kLeave};
constexpr JobEvent kEvents[] = {JobEvent::kPreemptSave,  JobEvent::kPreemptKill,
                                JobEvent::kMigrate,      JobEvent::kCheckpoint,
                                JobEvent::kPowerSuspend, JobEvent::kPowerDark,
                                JobEvent::kWalltime};

bool from_policy(JobEvent event) {
  return event == JobEvent::kPreemptSave || event == JobEvent::kPreemptKill ||
         event == JobEvent::kMigrate || event == JobEvent::kCheckpoint;
}

TEST(JobLifeTable, AJobWithoutGpusRefusesThePolicyAndIgnoresPowerAndWalltime) {
  for (const JobStage stage : {JobStage::kWaiting, JobStage::kQueued, JobStage::kEnded}) {
    for (const JobEvent event : kEvents) {
      const Transition t = respond(stage, JobRequest::kNone, event);
      EXPECT_EQ(t.response, from_policy(event) ? Response::kRefuse : Response::kNothing)
          << stage_name(stage) << " " << event_name(event);
    }
  }
}

// A request only gives way to a later one, unless the job leaves its GPUs now.
TEST(JobLifeTable, ARequestNeverFallsBackWhileTheJobKeepsItsGpus) {
  for (const JobStage stage : kStages) {
    if (!holds_gpus(stage)) continue;
    for (const JobRequest request : kRequests) {
      for (const JobEvent event : kEvents) {
        const Transition t = respond(stage, request, event);
        const bool leaves_now = t.response == Response::kRollBack ||
                                t.response == Response::kLeaveNow ||
                                t.response == Response::kMoveNow || t.response == Response::kKill;
        if (leaves_now) {
          EXPECT_EQ(t.request, JobRequest::kNone);
        } else {
          EXPECT_GE(static_cast<int>(t.request), static_cast<int>(request))
              << stage_name(stage) << " " << event_name(event);
        }
      }
    }
  }
}

// Only a computation can be stopped where it is; a job preparing has nothing to save and never
// carries a request.
TEST(JobLifeTable, OnlyAComputationStopsAndAPreparingJobNeverWaits) {
  for (const JobStage stage : kStages) {
    for (const JobEvent event : kEvents) {
      const Transition t = respond(stage, JobRequest::kNone, event);
      if (t.response == Response::kStopComputing) {
        EXPECT_EQ(stage, JobStage::kComputing);
      }
      if (preparing(stage)) {
        EXPECT_NE(t.response, Response::kAfterStep) << stage_name(stage) << event_name(event);
        EXPECT_EQ(t.request, JobRequest::kNone) << stage_name(stage) << event_name(event);
      }
    }
  }
}

// The stages a run goes through, in order, are allowed; skipping the exchange of what was
// computed, or coming back from the end, is not.
TEST(JobLifeTable, TheRunnersPathIsAllowedAndShortcutsAreNot) {
  const JobStage path[] = {JobStage::kWaiting,       JobStage::kQueued,    JobStage::kStarting,
                           JobStage::kStaging,       JobStage::kRestoring, JobStage::kComputing,
                           JobStage::kExchanging,    JobStage::kCheckpointing,
                           JobStage::kComputing,     JobStage::kExchanging, JobStage::kEnded};
  for (std::size_t i = 1; i < std::size(path); ++i) {
    EXPECT_TRUE(may_follow(path[i - 1], path[i]))
        << stage_name(path[i - 1]) << " -> " << stage_name(path[i]);
  }
  EXPECT_FALSE(may_follow(JobStage::kComputing, JobStage::kCheckpointing));
  EXPECT_FALSE(may_follow(JobStage::kQueued, JobStage::kComputing));
  EXPECT_FALSE(may_follow(JobStage::kWaiting, JobStage::kStarting));
  for (const JobStage stage : kStages) EXPECT_FALSE(may_follow(JobStage::kEnded, stage));
}

// Policy errors the table refuses, through the engine.

// A job on node 0 and a queued one that fits nowhere while it runs.
testing::Scenario running_and_queued() {
  return testing::scenario(testing::one_site_platform(2, 2),
                           "jobs:\n  - {id: j, submit: 0 s, gpus: 2, work: 2e18 FLOP}\n"
                           "  - {id: q, submit: 0 s, gpus: 4, work: 2e18 FLOP}\n");
}

// The message of the error the run stops with.
std::string refusal_of(sched::Decisions at_100) {
  sched::Decisions start;
  start.starts.push_back({0, {{{0, 2}}}});
  testing::ScriptedPolicy policy({{0, start}, {100, std::move(at_100)}});
  const auto s = running_and_queued();
  try {
    testing::run(s, policy);
  } catch (const std::logic_error& error) {
    return error.what();
  }
  return "no error";
}

TEST(JobLifeTable, MovingAJobAlreadyMovingIsThePolicysError) {
  sched::Decisions twice;
  twice.migrations = {{0, {{{1, 2}}}}, {0, {{{1, 2}}}}};
  EXPECT_EQ(refusal_of(twice), "the scheduler moved job \"j\" which is already moving");
}

TEST(JobLifeTable, AskingACheckpointOfAQueuedJobIsThePolicysError) {
  sched::Decisions queued;
  queued.checkpoints = {{1}};
  EXPECT_EQ(refusal_of(queued), "the scheduler asked a checkpoint of job \"q\" which is not running");
}

}  // namespace
}  // namespace umbra::engine
