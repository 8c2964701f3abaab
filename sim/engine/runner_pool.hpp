#pragma once
// The actors that run jobs' activities, reused from one job to the next: creating a SimGrid
// actor costs about four activities' worth of time (bench/README.md), and a run starts
// hundreds of thousands of jobs. An idle runner waits on its own semaphore.
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <functional>
#include <memory>
#include <vector>

namespace umbra::engine {

class RunnerPool {
 public:
  explicit RunnerPool(simgrid::s4u::Host* host) : host_(host) {}

  // Runs `work` in an idle runner, or a new one. Returns the runner's actor.
  simgrid::s4u::ActorPtr run(std::function<void()> work);
  // Kills the runner whose actor this is, abandoning its work (a preemption); it is not reused.
  void kill(const simgrid::s4u::ActorPtr& actor);
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
    simgrid::s4u::ActorPtr actor;
    simgrid::s4u::SemaphorePtr wake;
    std::function<void()> work;
    bool busy = false;
    bool working = false;  // inside its work (it has woken since run() gave it)
    bool ending = false;
  };
  void serve(Runner& runner);

  simgrid::s4u::Host* host_;
  std::vector<std::unique_ptr<Runner>> runners_;  // alive or not; owned here
  std::vector<Runner*> idle_;
};

}  // namespace umbra::engine
