#include "sim/cli/policy_option_arguments.hpp"

#include <fmt/format.h>

#include "sim/core/error.hpp"

namespace umbra::cli {

sched::PolicyOptionValues policy_option_values(const Arguments& arguments,
                                               const sched::SchedulerInfo& policy) {
  std::vector<std::pair<std::string, std::string>> given;
  for (const std::string& text : arguments.values("policy-option")) {
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InputError(
          fmt::format("invalid --policy-option \"{}\": expected NAME=VALUE", text));
    }
    given.emplace_back(text.substr(0, eq), text.substr(eq + 1));
  }
  return sched::check_policy_options(policy.name, policy.options, given);
}

}  // namespace umbra::cli
