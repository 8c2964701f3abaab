#include "sim/cli/scheduler_plugins.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <stdexcept>

#include "schedulers/plugin.hpp"
#include "sim/core/error.hpp"

namespace umbra::cli {
namespace {

void load_plugin(const std::string& file, sched::SchedulerRegistry& registry) {
  if (!std::filesystem::exists(file)) {
    throw InputError(fmt::format("scheduler plugin \"{}\": no such file", file));
  }
  // RTLD_NOW: a symbol the plugin needs and Umbra does not export fails here, not mid-run.
  // The handle is never closed: the policies' code lives in the library.
  void* library = dlopen(std::filesystem::absolute(file).c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    throw InputError(fmt::format("scheduler plugin \"{}\" cannot be loaded: {}", file, dlerror()));
  }
  const auto entry = [&](const char* name) {
    void* symbol = dlsym(library, name);
    if (symbol == nullptr) {
      throw InputError(fmt::format(
          "\"{}\" is not an Umbra scheduler plugin: it has no entry point {}() (a plugin "
          "defines its entry points with UMBRA_SCHEDULER_PLUGIN(...) of schedulers/plugin.hpp)",
          file, name));
    }
    return symbol;
  };
  const int version = reinterpret_cast<sched::plugin::ApiVersionFunction*>(
      entry(sched::plugin::kApiVersionEntry))();
  if (version != sched::kSchedulerApiVersion) {
    throw InputError(fmt::format(
        "scheduler plugin \"{}\" was built against scheduler API version {}, but this Umbra has "
        "version {}; rebuild the plugin against this Umbra (cmake --install it, then configure "
        "the plugin with find_package(Umbra) pointing at that prefix)",
        file, version, sched::kSchedulerApiVersion));
  }
  std::vector<sched::SchedulerInfo> schedulers;
  reinterpret_cast<sched::plugin::SchedulersFunction*>(entry(sched::plugin::kSchedulersEntry))(
      schedulers);
  for (sched::SchedulerInfo& info : schedulers) {
    try {
      registry.add(std::move(info));
    } catch (const std::invalid_argument& error) {
      throw InputError(fmt::format("scheduler plugin \"{}\": {}", file, error.what()));
    }
  }
}

}  // namespace

SchedulerPluginOptions take_scheduler_plugin_options(const std::vector<std::string>& args) {
  const std::string option = "--scheduler-plugin";
  const std::string with_value = option + "=";
  SchedulerPluginOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == option) {
      if (i + 1 == args.size()) throw InputError("option \"--scheduler-plugin\" needs a value");
      options.files.push_back(args[++i]);
    } else if (args[i].starts_with(with_value)) {
      options.files.push_back(args[i].substr(with_value.size()));
    } else {
      options.other_args.push_back(args[i]);
    }
  }
  return options;
}

sched::SchedulerRegistry scheduler_registry(const std::vector<std::string>& plugin_files) {
  auto registry = sched::SchedulerRegistry::with_builtins();
  for (const std::string& file : plugin_files) load_plugin(file, registry);
  return registry;
}

}  // namespace umbra::cli
