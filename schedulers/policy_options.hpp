#pragma once
// A policy's options: each policy declares its tunable parameters with their defaults
// (SchedulerInfo::options), and a run gives values for some of them
// (`umbra run --policy-option NAME=VALUE`). Given values are checked against the declarations
// before the run (check_policy_options), so a policy reads its options without failing. The
// default of an option is written once, in its declaration, which is also what the policy reads
// it with.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace umbra::sched {

enum class OptionKind {
  kDuration,    // a time: "300" (s), "5 min", "2 h"
  kNumber,      // a plain number
  kNumberList,  // numbers separated by commas, ascending: "3250,7200"
  kChoice,      // one of PolicyOption::choices
};

struct PolicyOption {
  std::string name;
  OptionKind kind = OptionKind::kNumber;
  std::string default_value;  // as it would be given
  std::string description;    // one line, for `umbra schedulers`
  std::vector<std::string> choices;  // kChoice only
};

// The option values given for one run, by name (checked: see check_policy_options).
class PolicyOptionValues {
 public:
  PolicyOptionValues() = default;
  explicit PolicyOptionValues(std::map<std::string, std::string, std::less<>> given)
      : given_(std::move(given)) {}

  // The value of `option`: the one given, else its default.
  double number(const PolicyOption& option) const;                 // kDuration, kNumber
  std::vector<double> numbers(const PolicyOption& option) const;   // kNumberList
  std::string choice(const PolicyOption& option) const;            // kChoice

  const std::map<std::string, std::string, std::less<>>& given() const { return given_; }

 private:
  std::string text(const PolicyOption& option) const;
  std::map<std::string, std::string, std::less<>> given_;
};

// Checks `given` (NAME=VALUE pairs, in the order given) against the options `policy` declares;
// throws umbra::InputError naming the option and what was expected: an unknown name (with the
// closest declared one), a name given twice, a value not of its option's kind.
PolicyOptionValues check_policy_options(std::string_view policy,
                                        const std::vector<PolicyOption>& declared,
                                        const std::vector<std::pair<std::string, std::string>>& given);

}  // namespace umbra::sched
