#pragma once
// The actors that run jobs' activities, reused from one job to the next: creating a SimGrid
// actor costs about four activities' worth of time (bench/README.md), and a run starts
// hundreds of thousands of jobs. An idle runner waits on its own semaphore. A killed runner
// (a preemption) is not reused; once its actor has exited the pool lets go of it, so that a
// run with many preemptions does not keep every dead actor and its stack.
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <cstddef>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace umbra::engine {

// A runner of the pool, for as long as the run lasts (never given to another runner).
using RunnerId = std::size_t;
inline constexpr RunnerId kNoRunner = std::numeric_limits<RunnerId>::max();

class RunnerPool {
 public:
  explicit RunnerPool(simgrid::s4u::Host* host) : host_(host) {}

  // Runs `work` in an idle runner, or a new one.
  RunnerId run(std::function<void()> work);
  // Kills the runner, abandoning its work (a preemption); it is not reused.
  void kill(RunnerId runner);
  // Whether the calling actor is this runner.
  bool is_current(RunnerId runner) const;
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
    RunnerId id = kNoRunner;
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
};

}  // namespace umbra::engine
