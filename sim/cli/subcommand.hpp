#pragma once
// The registry of `umbra` subcommands: each lives in its own file and registers itself here.
#include <functional>
#include <string>
#include <vector>

namespace umbra::cli {

struct Subcommand {
  std::string name;
  std::string summary;  // one line for `umbra --help`
  std::function<int(const std::vector<std::string>& args)> main;
};

const std::vector<Subcommand>& subcommands();

}  // namespace umbra::cli
