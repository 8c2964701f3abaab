#pragma once
// The six applications of the Pollux artifact as measured application profiles, built into
// Umbra from workloads/profiles/pollux/ (see its NOTICE): bert, cifar10, deepspeech2, imagenet,
// ncf and yolov3, with the settings the artifact gives them (simulator/applications.py,
// APPLICATIONS).
#include <string>
#include <string_view>
#include <vector>

#include "sim/workload/application_profile.hpp"
#include "sim/workload/application_profile_reader.hpp"

namespace umbra::workload {

// The profile of the application `name` (exact, lower case), or nullptr.
const ApplicationProfile* find_pollux_application(std::string_view name);

// The application names, sorted, for messages.
std::vector<std::string> pollux_application_names();

// The tables as shipped, per application (generated from workloads/profiles/pollux/ by CMake).
struct EmbeddedProfileTable {
  std::string_view application;
  std::string_view file_name;
  std::string_view text;
};
const std::vector<EmbeddedProfileTable>& pollux_profile_tables();

}  // namespace umbra::workload
