#include "sim/engine/runner_pool.hpp"

namespace umbra::engine {

namespace s4u = simgrid::s4u;

RunnerId RunnerPool::run(std::function<void()> work, RunnerId* record_in) {
  release_exited();
  Runner* runner = nullptr;
  if (idle_.empty()) {
    if (vacant_.empty()) {
      runners_.push_back(std::make_unique<Runner>());
      runner = runners_.back().get();
      runner->index = runners_.size() - 1;
    } else {
      runner = vacant_.back();
      vacant_.pop_back();
      runner->ending = runner->working = false;
    }
    runner->wake = s4u::Semaphore::create(0);
    runner->actor = s4u::Actor::create("runner", host_, [this, runner] { serve(*runner); });
  } else {
    runner = idle_.back();
    idle_.pop_back();
  }
  runner->work = std::move(work);
  runner->busy = true;
  const RunnerId id{runner->index, ++runner->works};
  if (record_in != nullptr) *record_in = id;
  runner->wake->release();
  return id;
}

void RunnerPool::serve(Runner& runner) {
  // The actor's last reference goes from run(), never from inside its own clean-up.
  s4u::this_actor::on_exit([this, &runner](bool) { exited_.push_back(&runner); });
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

void RunnerPool::release_exited() {
  for (Runner* runner : exited_) {
    runner->actor = nullptr;
    runner->wake = nullptr;
    runner->work = nullptr;
    vacant_.push_back(runner);
  }
  exited_.clear();
}

void RunnerPool::kill(RunnerId id) {
  Runner& runner = *runners_.at(id.runner);
  if (runner.works != id.work || !runner.busy) return;  // that work is over
  runner.busy = false;
  runner.ending = true;
  // A runner given its work in this instant has not run yet: it wakes, sees it is ending and
  // returns. Killing it instead leaves it blocked on its semaphore (SimGrid 3.32 does not kill an
  // actor that has not started).
  if (runner.working) runner.actor->kill();
}

bool RunnerPool::is_current(RunnerId id) const {
  const Runner& runner = *runners_.at(id.runner);
  return runner.works == id.work && runner.busy && runner.actor != nullptr &&
         runner.actor.get() == s4u::Actor::self();
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
