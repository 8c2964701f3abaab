#pragma once
// The actors that run jobs' activities, reused from one job to the next: creating a SimGrid
// actor costs about four activities' worth of time (bench/README.md), and a run starts
// hundreds of thousands of jobs. An idle runner waits on its own semaphore. A killed runner
// (a preemption) does not take work again; once its actor has exited the pool lets go of the
// actor and its stack, and a new runner takes its place in runners_ (with a new actor): a run
// with a million preemptions keeps as many runners as ever ran at once, not one per kill. Its
// works count goes on, so an id given to the dead one never names the new one's work.
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace umbra::engine {

// One piece of work given to a runner of the pool: which runner, and which of its works. Never
// given to another, so a runner that took other work since is not mistaken for this one.
struct RunnerId {
  std::size_t runner = std::numeric_limits<std::size_t>::max();
  std::uint64_t work = 0;
  bool operator==(const RunnerId&) const = default;
};
inline constexpr RunnerId kNoRunner{};

class RunnerPool {
 public:
  explicit RunnerPool(simgrid::s4u::Host* host) : host_(host) {}

  // Runs `work` in an idle runner, or a new one. `record_in`, if given, receives the work's id
  // before the work can begin: waking a runner is a simcall, and the runner may run before the
  // caller resumes.
  RunnerId run(std::function<void()> work, RunnerId* record_in = nullptr);
  // Kills the runner of this work, abandoning it (a preemption); the runner is not reused.
  void kill(RunnerId id);
  // Whether the calling actor is the runner of this work, doing it.
  bool is_current(RunnerId id) const;
  // Ends the idle runners: call when no more work can come, or SimGrid sees them blocked
  // forever and reports a deadlock. A later run() starts new ones.
  void end_idle();
  // Ends every runner (after an error): the idle ones now, the busy ones when their work
  // returns. Kills none: the controller stops each job's runner first, as at a preemption (a
  // runner killed inside Exec::wait_any_for would be resumed after its death), and the runner
  // that raised the error returns by itself.
  void end_all();

 private:
  struct Runner {
    std::size_t index = 0;         // in runners_
    std::uint64_t works = 0;       // works given so far
    simgrid::s4u::ActorPtr actor;  // released once the actor has exited
    simgrid::s4u::SemaphorePtr wake;
    std::function<void()> work;
    bool busy = false;
    bool working = false;  // inside its work (it has woken since run() gave it)
    bool ending = false;
  };
  void serve(Runner& runner);
  void release_exited();

  simgrid::s4u::Host* host_;
  std::vector<std::unique_ptr<Runner>> runners_;  // by RunnerId; stable addresses
  std::vector<Runner*> idle_;
  std::vector<Runner*> exited_;  // whose actors have exited and are still referenced here
  std::vector<Runner*> vacant_;  // whose actors have exited and been let go: places for new ones
};

}  // namespace umbra::engine
