#include "schedulers/policy_options.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/core/did_you_mean.hpp"
#include "sim/core/error.hpp"
#include "sim/core/split.hpp"
#include "sim/core/units.hpp"

namespace umbra::sched {
namespace {

double parse_number(std::string_view text, OptionKind kind) {
  return parse_quantity(text, kind == OptionKind::kDuration ? Quantity::kTime : Quantity::kRatio);
}

std::vector<double> parse_list(std::string_view text) {
  std::vector<double> numbers;
  for (const std::string_view part : split(text, ',')) {
    numbers.push_back(parse_quantity(part, Quantity::kRatio));
  }
  if (!std::is_sorted(numbers.begin(), numbers.end())) {
    throw InputError("expected numbers in ascending order");
  }
  return numbers;
}

// What a value of `option` looks like, for messages.
std::string expected_value(const PolicyOption& option) {
  switch (option.kind) {
    case OptionKind::kDuration:
      return "a duration (\"300 s\", \"5 min\")";
    case OptionKind::kNumber:
      return "a number";
    case OptionKind::kNumberList:
      return "numbers separated by commas, ascending (\"3250,7200\")";
    case OptionKind::kChoice:
      return fmt::format("one of {}", fmt::join(option.choices, ", "));
  }
  return "";
}

// Throws InputError with the reason if `text` is not a value of `option`.
void check_value(const PolicyOption& option, std::string_view text) {
  switch (option.kind) {
    case OptionKind::kDuration:
    case OptionKind::kNumber:
      parse_number(text, option.kind);
      return;
    case OptionKind::kNumberList:
      parse_list(text);
      return;
    case OptionKind::kChoice:
      if (std::find(option.choices.begin(), option.choices.end(), text) == option.choices.end()) {
        throw InputError("not a choice");
      }
      return;
  }
}

}  // namespace

std::string PolicyOptionValues::text(const PolicyOption& option) const {
  const auto found = given_.find(option.name);
  return found == given_.end() ? option.default_value : found->second;
}

double PolicyOptionValues::number(const PolicyOption& option) const {
  return parse_number(text(option), option.kind);
}

std::vector<double> PolicyOptionValues::numbers(const PolicyOption& option) const {
  return parse_list(text(option));
}

std::string PolicyOptionValues::choice(const PolicyOption& option) const {
  return text(option);
}

PolicyOptionValues check_policy_options(
    std::string_view policy, const std::vector<PolicyOption>& declared,
    const std::vector<std::pair<std::string, std::string>>& given) {
  std::vector<std::string> names;
  for (const PolicyOption& option : declared) names.push_back(option.name);
  std::map<std::string, std::string, std::less<>> values;
  for (const auto& entry : given) {
    // Named references, not a structured binding: clang 14 (the fuzzing build's) cannot
    // capture a binding in a lambda.
    const std::string& name = entry.first;
    const std::string& text = entry.second;
    const auto option = std::find_if(declared.begin(), declared.end(),
                                     [&](const PolicyOption& o) { return o.name == name; });
    if (option == declared.end()) {
      throw InputError(fmt::format(
          "policy \"{}\" has no option \"{}\"{}; {}", policy, name, did_you_mean(name, names),
          names.empty() ? std::string("it has none")
                        : fmt::format("its options: {}", fmt::join(names, ", "))));
    }
    if (values.count(name) > 0) {
      throw InputError(fmt::format("option \"{}\" of policy \"{}\" is given twice", name, policy));
    }
    try {
      check_value(*option, text);
    } catch (const InputError& error) {
      throw InputError(fmt::format("option \"{}\" of policy \"{}\": got \"{}\", expected {}{}",
                                   name, policy, text, expected_value(*option),
                                   option->kind == OptionKind::kChoice
                                       ? std::string()
                                       : fmt::format(" ({})", error.message())));
    }
    values.emplace(name, text);
  }
  return PolicyOptionValues(std::move(values));
}

}  // namespace umbra::sched
