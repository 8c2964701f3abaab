#include "sim/cli/slurm_submission.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdio>
#include <stdexcept>

namespace umbra::cli {
namespace {

// A word the shell reads back as it is: in single quotes, each ' written '\''.
std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string sbatch_script(const SlurmArray& array) {
  std::string script = "#!/bin/sh\n";
  script += fmt::format("#SBATCH --job-name=umbra-{}\n", array.name);
  script += fmt::format("#SBATCH --array=1-{}{}\n", array.tasks,
                        array.array_limit ? fmt::format("%{}", *array.array_limit) : "");
  script += "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n";
  script += fmt::format("#SBATCH --output={}\n", (array.out / "slurm" / "%A_%a.out").string());
  if (array.partition) script += fmt::format("#SBATCH --partition={}\n", *array.partition);
  if (array.time) script += fmt::format("#SBATCH --time={}\n", *array.time);
  script += fmt::format("exec {} sweep {} --out {} -j 1 --shard \"$SLURM_ARRAY_TASK_ID/{}\"{}\n",
                        shell_quoted(array.umbra.string()), shell_quoted(array.sweep.string()),
                        shell_quoted(array.out.string()), array.tasks,
                        array.check ? " --check" : "");
  return script;
}

std::string submit_sbatch(const std::filesystem::path& script) {
  const std::string command =
      fmt::format("sbatch --parsable {} 2>&1", shell_quoted(script.string()));
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run sbatch");
  std::string output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = pclose(pipe);
  while (!output.empty() && output.back() == '\n') output.pop_back();
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(fmt::format("sbatch failed: {}", output));
  }
  // --parsable prints "JOBID" or "JOBID;CLUSTER".
  return output.substr(0, output.find(';'));
}

}  // namespace umbra::cli
