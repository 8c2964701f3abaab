#include "schedulers/registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/core/error.hpp"

namespace umbra::sched {
namespace {

TEST(SchedulerRegistry, HoldsEveryBuiltinPolicySortedByName) {
  const auto registry = SchedulerRegistry::with_builtins();
  std::vector<std::string> names;
  for (const auto& info : registry.all()) {
    names.push_back(info.name);
    EXPECT_FALSE(info.description.empty()) << info.name;
    EXPECT_NE(info.create({}), nullptr) << info.name;
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"battery-aware", "conservative", "contact-aware", "easy",
                                      "fcfs", "fcfs-fit", "follow-the-sun", "ground-only", "las",
                                      "sjf", "srtf", "sunlit-first", "themis-ftf", "tiresias"}));
  EXPECT_EQ(registry.find("fcfs-fit").name, "fcfs-fit");
}

TEST(SchedulerRegistry, UnknownNameSuggestsTheClosest) {
  const auto registry = SchedulerRegistry::with_builtins();
  try {
    registry.find("conservativ");
    FAIL() << "an unknown name was found";
  } catch (const InputError& error) {
    EXPECT_EQ(error.message(),
              "unknown scheduler \"conservativ\" (did you mean \"conservative\"?); "
              "'umbra schedulers' lists them");
  }
}

TEST(SchedulerRegistry, RefusesADuplicateName) {
  auto registry = SchedulerRegistry::with_builtins();
  EXPECT_THROW(registry.add(builtin_schedulers().front()), std::invalid_argument);
}

}  // namespace
}  // namespace umbra::sched
