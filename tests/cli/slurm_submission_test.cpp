// The sbatch script of a sweep: the array's size and limit, sbatch's options, and a command line
// whose paths survive the shell whatever they hold.
#include "sim/cli/slurm_submission.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace umbra::cli {
namespace {

TEST(SbatchScript, ArrayOfTasksEachRunningItsShare) {
  SlurmArray array;
  array.umbra = "/opt/umbra/bin/umbra";
  array.sweep = "/home/a/sweeps/loads.yaml";
  array.out = "/scratch/a/loads";
  array.name = "loads";
  array.tasks = 40;
  array.array_limit = 8;
  array.partition = "gpu";
  array.time = "02:00:00";
  EXPECT_EQ(sbatch_script(array),
            "#!/bin/sh\n"
            "#SBATCH --job-name=umbra-loads\n"
            "#SBATCH --array=1-40%8\n"
            "#SBATCH --ntasks=1\n"
            "#SBATCH --cpus-per-task=1\n"
            "#SBATCH --output=/scratch/a/loads/slurm/%A_%a.out\n"
            "#SBATCH --partition=gpu\n"
            "#SBATCH --time=02:00:00\n"
            "exec '/opt/umbra/bin/umbra' sweep '/home/a/sweeps/loads.yaml' --out "
            "'/scratch/a/loads' -j 1 --shard \"$SLURM_ARRAY_TASK_ID/40\"\n");
}

// `umbra sweep --check --slurm`: every task's runs check their invariants.
TEST(SbatchScript, ChecksPassToEveryTask) {
  SlurmArray array;
  array.umbra = "/opt/umbra/bin/umbra";
  array.sweep = "/s.yaml";
  array.out = "/out";
  array.name = "s";
  array.tasks = 2;
  array.check = true;
  const std::string script = sbatch_script(array);
  EXPECT_EQ(script.substr(script.rfind("exec ")),
            "exec '/opt/umbra/bin/umbra' sweep '/s.yaml' --out '/out' -j 1 --shard "
            "\"$SLURM_ARRAY_TASK_ID/2\" --check\n");
}

// A path with a space, a quote and a dollar reaches the command as it is: the script, run by sh
// with `umbra` replaced by echo, prints the arguments back.
TEST(SbatchScript, PathsAreQuotedForTheShell) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("umbra-sbatch-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  SlurmArray array;
  array.umbra = "/bin/echo";
  array.sweep = "/data/it's $HOME/sweep.yaml";
  array.out = "/data/out dir";
  array.name = "odd";
  array.tasks = 3;
  std::ofstream(folder / "script.sh") << sbatch_script(array);
  const std::string command = "SLURM_ARRAY_TASK_ID=2 sh '" + (folder / "script.sh").string() +
                              "' > '" + (folder / "echo.txt").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(folder / "echo.txt");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "sweep /data/it's $HOME/sweep.yaml --out /data/out dir -j 1 --shard 2/3");
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace umbra::cli
