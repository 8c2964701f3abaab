#include "sim/engine/runner_pool.hpp"

#include <algorithm>

namespace umbra::engine {

namespace s4u = simgrid::s4u;

simgrid::s4u::ActorPtr RunnerPool::run(std::function<void()> work) {
  Runner* runner = nullptr;
  if (idle_.empty()) {
    runners_.push_back(std::make_unique<Runner>());
    runner = runners_.back().get();
    runner->wake = s4u::Semaphore::create(0);
    runner->actor = s4u::Actor::create("runner", host_, [this, runner] { serve(*runner); });
  } else {
    runner = idle_.back();
    idle_.pop_back();
  }
  runner->work = std::move(work);
  runner->busy = true;
  runner->wake->release();
  return runner->actor;
}

void RunnerPool::serve(Runner& runner) {
  while (true) {
    runner.wake->acquire();
    if (runner.ending) return;
    const auto work = std::move(runner.work);
    runner.working = true;
    work();
    runner.working = false;
    if (runner.ending) return;  // ended during its work (end_all)
    runner.busy = false;
    idle_.push_back(&runner);
  }
}

void RunnerPool::kill(const simgrid::s4u::ActorPtr& actor) {
  const auto found = std::find_if(runners_.begin(), runners_.end(),
                                  [&](const auto& runner) { return runner->actor == actor; });
  (*found)->busy = false;
  (*found)->ending = true;
  // A runner given its work in this instant has not run yet: it wakes, sees it is ending and
  // returns. Killing it instead leaves it blocked on its semaphore (SimGrid 3.32 does not kill an
  // actor that has not started).
  if ((*found)->working) actor->kill();
}

void RunnerPool::end_idle() {
  for (Runner* runner : idle_) {
    runner->ending = true;
    runner->wake->release();
  }
  idle_.clear();
}

void RunnerPool::end_all() {
  end_idle();
  for (auto& runner : runners_) runner->ending = true;
}

}  // namespace umbra::engine
