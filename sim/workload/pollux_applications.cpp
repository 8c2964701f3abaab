#include "sim/workload/pollux_applications.hpp"

#include <algorithm>

namespace umbra::workload {
namespace {

struct PolluxApplication {
  std::string_view name;
  ApplicationSettings settings;
};

// applications.py APPLICATIONS: the epochs each application trains, and yolov3's largest local
// batch size (8, below its largest measured one).
constexpr PolluxApplication kApplications[] = {
    {"bert", {2, 0}},      {"cifar10", {100, 0}}, {"deepspeech2", {80, 0}},
    {"imagenet", {90, 0}}, {"ncf", {10, 0}},      {"yolov3", {50, 8}},
};

std::vector<ApplicationProfile> load_profiles() {
  std::vector<ApplicationProfile> profiles;
  for (const PolluxApplication& application : kApplications) {
    std::vector<ProfileTable> tables;
    for (const EmbeddedProfileTable& table : pollux_profile_tables()) {
      if (table.application == application.name) {
        tables.push_back({std::string(table.file_name), std::string(table.text)});
      }
    }
    const std::string name(application.name);
    profiles.push_back(parse_application_profile(name, "workloads/profiles/pollux/" + name, tables,
                                                 application.settings));
  }
  return profiles;
}

}  // namespace

const ApplicationProfile* find_pollux_application(std::string_view name) {
  // Read and triangulated on first use, once.
  static const std::vector<ApplicationProfile> profiles = load_profiles();
  for (const ApplicationProfile& profile : profiles) {
    if (profile.name() == name) return &profile;
  }
  return nullptr;
}

std::vector<std::string> pollux_application_names() {
  std::vector<std::string> names;
  for (const PolluxApplication& application : kApplications) names.emplace_back(application.name);
  return names;
}

}  // namespace umbra::workload
