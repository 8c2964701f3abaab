#pragma once
// A shipped scenario's two files, as arguments of `umbra run`.
#include <string>

namespace umbra::testing {

// platforms/NAME.yaml and workloads/NAME.yaml of the source tree.
inline std::string shipped_scenario(const std::string& name) {
  const std::string source = UMBRA_SOURCE_DIR;
  return source + "/platforms/" + name + ".yaml " + source + "/workloads/" + name + ".yaml";
}

}  // namespace umbra::testing
