#include "schedulers/scheduler.hpp"

namespace umbra::sched {

int Placement::total_gpus() const {
  int total = 0;
  for (const auto& slot : slots) total += slot.gpus;
  return total;
}

}  // namespace umbra::sched
