#include "sim/cli/arguments.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "sim/core/did_you_mean.hpp"
#include "sim/core/error.hpp"

namespace umbra::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& options) {
  std::vector<std::string> names;
  for (const auto& option : options) names.push_back(option.name);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string name;
    std::optional<std::string> inline_value;
    const OptionSpec* spec = nullptr;
    if (arg.rfind("--", 0) == 0 && arg != "--") {
      name = arg.substr(2);
      if (const auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const auto found = std::find_if(options.begin(), options.end(),
                                      [&](const OptionSpec& o) { return o.name == name; });
      if (found == options.end()) {
        throw InputError(fmt::format("unknown option \"--{}\"{}", name, did_you_mean(name, names)));
      }
      spec = &*found;
    } else if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
      // Only a declared short name is an option: any other word stays positional.
      const auto found = std::find_if(options.begin(), options.end(),
                                      [&](const OptionSpec& o) { return o.short_name == arg[1]; });
      if (found != options.end()) {
        spec = &*found;
        name = spec->name;
        if (arg.size() > 2) inline_value = arg.substr(2);
      }
    }
    if (spec == nullptr) {
      positional_.push_back(arg);
      continue;
    }
    if (!spec->repeatable && has(name)) {
      throw InputError(fmt::format("option \"--{}\" is given twice", name));
    }
    if (!spec->takes_value) {
      if (inline_value) throw InputError(fmt::format("option \"--{}\" takes no value", name));
      values_[name].emplace_back();
    } else if (inline_value) {
      values_[name].push_back(*inline_value);
    } else if (i + 1 < args.size()) {
      values_[name].push_back(args[++i]);
    } else {
      throw InputError(fmt::format("option \"--{}\" needs a value", name));
    }
  }
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  const auto found = values_.find(name);
  if (found == values_.end()) return std::nullopt;
  return found->second.back();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  const auto found = values_.find(name);
  return found == values_.end() ? std::vector<std::string>{} : found->second;
}

std::optional<unsigned long long> Arguments::unsigned_value(const std::string& name) const {
  const auto text = value(name);
  if (!text) return std::nullopt;
  unsigned long long number = 0;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (ec != std::errc{} || ptr != text->data() + text->size()) {
    throw InputError(
        fmt::format("option \"--{}\" expects a non-negative integer, got \"{}\"", name, *text));
  }
  return number;
}

}  // namespace umbra::cli
