#include "sim/engine/job_run.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace umbra::engine {

void enter(JobRun& run, JobStage to) {
  if (run.stage == to) return;
  if (!may_follow(run.stage, to)) {
    throw std::logic_error(fmt::format("job \"{}\" cannot go from stage {} to stage {}",
                                       run.job->id, stage_name(run.stage), stage_name(to)));
  }
  run.stage = to;
}

}  // namespace umbra::engine
