#include "sim/cli/python_policy_option.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <vector>

#include "sim/core/error.hpp"

namespace umbra::cli {
namespace {

using LoadFunction = bool(const std::string& file, const std::string& class_name,
                          std::vector<sched::SchedulerInfo>& policies, std::string& error);
constexpr const char* kLibrary = "libumbra_python_policy.so";

// Where the library is: beside the module, in the build tree (build/python, the binary being
// build/umbra) or where it is installed (UMBRA_PYTHON_INSTALL_DIR under the prefix, the binary
// being PREFIX/bin/umbra).
std::filesystem::path python_policy_library() {
#ifdef UMBRA_PYTHON_INSTALL_DIR
  const std::filesystem::path binary_folder =
      std::filesystem::read_symlink("/proc/self/exe").parent_path();
  for (const std::filesystem::path& folder :
       {binary_folder / "python", binary_folder / ".." / UMBRA_PYTHON_INSTALL_DIR}) {
    if (std::filesystem::exists(folder / kLibrary)) return folder / kLibrary;
  }
  throw InputError(fmt::format("--scheduler-python: {} is found neither in {} nor in {}", kLibrary,
                               (binary_folder / "python").string(),
                               (binary_folder / ".." / UMBRA_PYTHON_INSTALL_DIR).string()));
#else
  throw InputError(
      "--scheduler-python: this Umbra was built without its Python module (UMBRA_BUILD_PYTHON)");
#endif
}

}  // namespace

PythonPolicyReference python_policy_reference(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw InputError(fmt::format(
        "invalid --scheduler-python \"{}\": expected FILE:CLASS, such as policy.py:MyPolicy",
        text));
  }
  return {text.substr(0, colon), text.substr(colon + 1)};
}

sched::SchedulerInfo load_python_policy(const PythonPolicyReference& reference) {
  if (!std::filesystem::exists(reference.file)) {
    throw InputError(SourcePosition{reference.file, 0, 0}, "no such Python file");
  }
  const std::filesystem::path library = python_policy_library();
  // RTLD_GLOBAL: the extension modules Python then imports (umbra's own, pandas's) take the
  // interpreter's symbols from the libpython this library brings.
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (handle == nullptr) {
    throw InputError(
        fmt::format("--scheduler-python: cannot load {}: {}", library.string(), dlerror()));
  }
  auto* load = reinterpret_cast<LoadFunction*>(dlsym(handle, "umbra_python_policy"));
  if (load == nullptr) {
    throw InputError(
        fmt::format("--scheduler-python: {} has no umbra_python_policy()", library.string()));
  }
  std::vector<sched::SchedulerInfo> policies;
  std::string error;
  if (!load(reference.file, reference.class_name, policies, error)) {
    throw InputError(SourcePosition{reference.file, 0, 0}, error);
  }
  return std::move(policies.front());
}

}  // namespace umbra::cli
