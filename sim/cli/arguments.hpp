#pragma once
// Command-line options of one subcommand: "--name value" or "--name=value", flags, and
// positional arguments; an option with a short name also reads as "-x value" or "-xvalue".
// Unknown options are refused with a did-you-mean.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace umbra::cli {

struct OptionSpec {
  std::string name;  // without the leading dashes
  bool takes_value = true;
  bool repeatable = false;  // may be given several times (values()); else once
  char short_name = '\0';   // one letter after a single dash ("-j 4"), or none
};

class Arguments {
 public:
  // Throws InputError on an unknown option, a missing value, or an option given twice that is
  // not repeatable.
  Arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& options);

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  // Every value of a repeatable option, in the order given.
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // Parses an unsigned integer option; InputError naming the option otherwise.
  std::optional<unsigned long long> unsigned_value(const std::string& name) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace umbra::cli
