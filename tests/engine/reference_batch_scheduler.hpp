#pragma once
// An independent reference for the batch policies `fcfs`, `easy` and `conservative`: a small
// event-driven simulation of one homogeneous cluster of G GPUs, written from the policies'
// definitions (README.md, "Scheduling policies"; the header comments of schedulers/easy.cpp
// and schedulers/conservative.cpp), sharing no code with schedulers/.
//
// It counts GPUs only: it stands for a platform where counting GPUs is the whole question of
// whether a job can start (jobs that do not communicate, whose GPUs may be taken on any nodes).
// Jobs run for exactly their runtime; policies plan with their estimate, which must be at least
// the runtime (no job overruns here). All events of an instant (submissions and ends) are
// applied first, then the policy decides once, as Batsim does.
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace umbra::reference {

enum class BatchPolicy { kFcfs, kEasy, kConservative };

struct BatchJob {
  double submit = 0;
  int gpus = 1;
  double runtime = 0;
  double estimate = 0;  // >= runtime
};

inline constexpr double kNever = std::numeric_limits<double>::infinity();

// Free GPUs over time from now on, as a list of steps: `free` GPUs from `time` until the next
// step's time (the last step lasts forever).
class FreeGpuTimeline {
 public:
  FreeGpuTimeline(double now, int free_now) : steps_{{now, free_now}} {}

  // Adds `delta` free GPUs over [from, to); `to` may be kNever.
  void add(double from, double to, int delta) {
    const std::size_t first = step_starting_at(from);
    const std::size_t last = to == kNever ? steps_.size() : step_starting_at(to);
    for (std::size_t i = first; i < last; ++i) steps_[i].free += delta;
  }

  // The earliest time from which `gpus` GPUs stay free for `duration`; kNever if none.
  double earliest_start(int gpus, double duration) const {
    std::size_t i = 0;
    while (i < steps_.size()) {
      if (steps_[i].free < gpus) {
        ++i;
        continue;
      }
      const double start = steps_[i].time;
      std::size_t j = i + 1;
      while (j < steps_.size() && steps_[j].time < start + duration && steps_[j].free >= gpus) ++j;
      if (j == steps_.size() || steps_[j].time >= start + duration) return start;
      i = j + 1;  // step j has too few: no start at or before it holds
    }
    return kNever;
  }

 private:
  struct Step {
    double time = 0;
    int free = 0;
  };

  // The index of a step starting exactly at `time` (>= the first step), inserted if needed.
  std::size_t step_starting_at(double time) {
    if (time < steps_.front().time) throw std::logic_error("reference: a time before now");
    auto after = std::upper_bound(steps_.begin(), steps_.end(), time,
                                  [](double t, const Step& step) { return t < step.time; });
    const auto index = static_cast<std::size_t>(after - steps_.begin());
    if (steps_[index - 1].time == time) return index - 1;
    steps_.insert(after, Step{time, steps_[index - 1].free});
    return index;
  }

  std::vector<Step> steps_;
};

class ReferenceCluster {
 public:
  ReferenceCluster(const std::vector<BatchJob>& jobs, int gpus, BatchPolicy policy)
      : jobs_(jobs), free_(gpus), policy_(policy), start_(jobs.size(), kNever) {
    for (const BatchJob& job : jobs) {
      if (job.gpus > gpus || job.runtime > job.estimate) {
        throw std::invalid_argument("reference: a job larger than the cluster or overrunning");
      }
    }
  }

  // The start time of every job, by index.
  std::vector<double> run() {
    std::vector<std::size_t> arrivals(jobs_.size());
    std::iota(arrivals.begin(), arrivals.end(), 0);
    std::stable_sort(arrivals.begin(), arrivals.end(), [&](std::size_t a, std::size_t b) {
      return jobs_[a].submit < jobs_[b].submit;
    });
    std::size_t next = 0;
    while (next < arrivals.size() || !running_.empty()) {
      now_ = next < arrivals.size() ? jobs_[arrivals[next]].submit : kNever;
      for (const Running& job : running_) now_ = std::min(now_, job.end);
      std::erase_if(running_, [&](const Running& job) {
        if (job.end != now_) return false;
        free_ += jobs_[job.job].gpus;
        return true;
      });
      // Submitted at the same instant: (submit time, index) order.
      for (; next < arrivals.size() && jobs_[arrivals[next]].submit == now_; ++next) {
        queue_.push_back(arrivals[next]);
      }
      decide();
    }
    if (!queue_.empty()) throw std::logic_error("reference: jobs left that never start");
    return start_;
  }

 private:
  struct Running {
    std::size_t job = 0;
    double end = 0;            // now + runtime
    double estimated_end = 0;  // now + estimate
  };

  void decide() {
    switch (policy_) {
      case BatchPolicy::kFcfs:
        start_from_the_head();
        return;
      case BatchPolicy::kEasy:
        easy();
        return;
      case BatchPolicy::kConservative:
        conservative();
        return;
    }
  }

  void start(std::size_t job) {
    free_ -= jobs_[job].gpus;
    if (free_ < 0) throw std::logic_error("reference: more GPUs taken than there are");
    start_[job] = now_;
    running_.push_back({job, now_ + jobs_[job].runtime, now_ + jobs_[job].estimate});
  }

  // fcfs: start jobs from the head of the queue while they fit; stop at the first that does not.
  void start_from_the_head() {
    while (!queue_.empty() && jobs_[queue_.front()].gpus <= free_) {
      start(queue_.front());
      queue_.erase(queue_.begin());
    }
  }

  // easy: after fcfs, the head h is promised the first time at which the running jobs' ends
  // (by estimate) leave n_h GPUs free: the shadow time. Every later job, in queue order, starts
  // now if it fits and either ends (by estimate) by the shadow time or takes only GPUs the
  // head leaves free then (the extra GPUs, used up as jobs take them).
  void easy() {
    start_from_the_head();
    if (queue_.empty()) return;
    const int head_gpus = jobs_[queue_.front()].gpus;
    std::vector<Running> by_estimated_end = running_;
    std::sort(by_estimated_end.begin(), by_estimated_end.end(),
              [](const Running& a, const Running& b) { return a.estimated_end < b.estimated_end; });
    double shadow = kNever;
    int free_at_shadow = free_;
    for (const Running& job : by_estimated_end) {
      if (job.estimated_end > shadow) break;  // every end at the shadow time is counted
      free_at_shadow += jobs_[job.job].gpus;
      if (shadow == kNever && free_at_shadow >= head_gpus) shadow = job.estimated_end;
    }
    int extra = free_at_shadow - head_gpus;
    for (auto it = std::next(queue_.begin()); it != queue_.end();) {
      const BatchJob& job = jobs_[*it];
      const bool fits = job.gpus <= free_;
      const bool done_by_shadow = now_ + job.estimate <= shadow;
      if (fits && (done_by_shadow || job.gpus <= extra)) {
        if (!done_by_shadow) extra -= job.gpus;
        start(*it);
        it = queue_.erase(it);
      } else {
        ++it;
      }
    }
  }

  // conservative: every queued job holds a reservation (a start time for its GPUs over its
  // estimate). At each decision the queue is walked in order: each job gives up its
  // reservation and takes the earliest start that fits around the running jobs (ending at
  // their estimates) and every other reservation, so a reservation only moves earlier and a
  // new job only fills a hole that delays no one. A job whose start is now starts.
  void conservative() {
    FreeGpuTimeline timeline(now_, free_);
    for (const Running& job : running_) {
      timeline.add(job.estimated_end, kNever, jobs_[job.job].gpus);
    }
    for (const auto& [job, start] : reserved_) {
      if (start < now_) throw std::logic_error("reference: a reservation passed unstarted");
      timeline.add(start, start + jobs_[job].estimate, -jobs_[job].gpus);
    }
    for (auto it = queue_.begin(); it != queue_.end();) {
      const std::size_t id = *it;
      const BatchJob& job = jobs_[id];
      if (const auto held = reserved_.find(id); held != reserved_.end()) {
        timeline.add(held->second, held->second + job.estimate, job.gpus);
      }
      const double start_at = timeline.earliest_start(job.gpus, job.estimate);
      timeline.add(start_at, start_at + job.estimate, -job.gpus);
      if (start_at == now_) {
        reserved_.erase(id);
        start(id);
        it = queue_.erase(it);
      } else {
        reserved_[id] = start_at;
        ++it;
      }
    }
  }

  const std::vector<BatchJob>& jobs_;
  int free_;
  BatchPolicy policy_;
  double now_ = 0;
  std::vector<double> start_;
  std::vector<std::size_t> queue_;  // job indices, in (submit time, index) order
  std::vector<Running> running_;
  std::map<std::size_t, double> reserved_;  // conservative: queued job -> its start
};

// The start time of each of `jobs` (by index) on a cluster of `gpus` GPUs under `policy`.
inline std::vector<double> reference_start_times(const std::vector<BatchJob>& jobs, int gpus,
                                                 BatchPolicy policy) {
  return ReferenceCluster(jobs, gpus, policy).run();
}

}  // namespace umbra::reference
