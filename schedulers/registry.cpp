#include "schedulers/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "sim/core/did_you_mean.hpp"
#include "sim/core/error.hpp"

namespace umbra::sched {

SchedulerRegistry SchedulerRegistry::with_builtins() {
  SchedulerRegistry registry;
  for (auto& info : builtin_schedulers()) registry.add(std::move(info));
  return registry;
}

void SchedulerRegistry::add(SchedulerInfo info) {
  if (info.name.empty()) throw std::invalid_argument("a scheduler needs a name");
  const auto at =
      std::lower_bound(policies_.begin(), policies_.end(), info.name,
                       [](const SchedulerInfo& p, const std::string& n) { return p.name < n; });
  if (at != policies_.end() && at->name == info.name) {
    throw std::invalid_argument(fmt::format("scheduler \"{}\" is registered twice", info.name));
  }
  policies_.insert(at, std::move(info));
}

const SchedulerInfo& SchedulerRegistry::find(std::string_view name) const {
  std::vector<std::string> names;
  for (const auto& policy : policies_) {
    if (policy.name == name) return policy;
    names.push_back(policy.name);
  }
  throw InputError(fmt::format("unknown scheduler \"{}\"{}; 'umbra schedulers' lists them", name,
                               did_you_mean(name, names)));
}

}  // namespace umbra::sched
