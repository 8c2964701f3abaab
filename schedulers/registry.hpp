#pragma once
// Policies by name: the built-in ones, and any a plugin adds.
#include <string_view>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

class SchedulerRegistry {
 public:
  // A registry holding every built-in policy (see builtin_schedulers.cpp).
  static SchedulerRegistry with_builtins();

  // Throws std::invalid_argument on a duplicate or empty name.
  void add(SchedulerInfo info);

  // Throws InputError naming the unknown policy and the closest known one.
  const SchedulerInfo& find(std::string_view name) const;

  const std::vector<SchedulerInfo>& all() const { return policies_; }  // sorted by name

 private:
  std::vector<SchedulerInfo> policies_;
};

// One entry per built-in policy file; the registry adds them in this order.
std::vector<SchedulerInfo> builtin_schedulers();

}  // namespace umbra::sched
