// A sweep through a real Slurm: the test brings up a single-node cluster from Debian's packages
// (munged, slurmctld and slurmd, with a slurm.conf of its own in a temporary folder and ports
// that are free), submits a small sweep as a job array, waits for it, and checks that the
// collected statistics are the same bytes as those of the same sweep run locally. It stops every
// daemon it started and removes its folder. It needs root (slurmd runs jobs as their user) and
// the packages slurm-wlm and munge (.ci/install-deps installs them); without them it is skipped.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;

const std::vector<std::string> kPrograms = {
    "/usr/sbin/munged", "/usr/sbin/mungekey", "/usr/sbin/slurmctld", "/usr/sbin/slurmd",
    "/usr/bin/sbatch",  "/usr/bin/squeue",    "/usr/bin/sinfo"};

// The standard output of a shell command.
std::string output_of(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  pclose(pipe);
  return output;
}

// A TCP port of 127.0.0.1 that nothing listens on now.
int free_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
  close(s);
  return ntohs(address.sin_port);
}

template <class Condition>
bool wait_until(Condition condition, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return condition();
}

// munged, slurmctld and slurmd of one node, in `folder`.
class SlurmCluster {
 public:
  explicit SlurmCluster(fs::path folder) : folder_(std::move(folder)) {}
  ~SlurmCluster() { stop(); }

  // Whether the node is up and idle; the daemons' logs are in the folder otherwise.
  bool start() {
    const std::string f = folder_.string();
    fs::create_directories(folder_ / "state");
    fs::create_directories(folder_ / "spool");
    chmod(f.c_str(), 0711);  // munged's socket must be reachable through the folder
    if (std::system(("/usr/sbin/mungekey -c -k '" + f + "/munge.key'").c_str()) != 0) return false;
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    std::ofstream(folder_ / "slurm.conf")
        << "ClusterName=umbratest\nSlurmctldHost=" << host << "(127.0.0.1)\n"
        << "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=" << f << "/munge.socket\n"
        << "SlurmUser=root\nSlurmdUser=root\n"
        << "SlurmctldPort=" << free_port() << "\nSlurmdPort=" << free_port() << "\n"
        << "StateSaveLocation=" << f << "/state\nSlurmdSpoolDir=" << f << "/spool\n"
        << "SlurmctldPidFile=" << f << "/slurmctld.pid\nSlurmdPidFile=" << f << "/slurmd.pid\n"
        << "SlurmctldLogFile=" << f << "/slurmctld.log\nSlurmdLogFile=" << f << "/slurmd.log\n"
        << "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nMpiDefault=none\n"
        << "SwitchType=switch/none\nJobAcctGatherType=jobacct_gather/none\n"
        << "AccountingStorageType=accounting_storage/none\nJobCompType=jobcomp/none\n"
        << "SchedulerType=sched/builtin\nSelectType=select/cons_tres\n"
        << "SelectTypeParameters=CR_Core\nReturnToService=2\n"
        << "NodeName=" << host << " NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN\n"
        << "PartitionName=umbra Nodes=" << host << " Default=YES MaxTime=INFINITE State=UP\n";
    setenv("SLURM_CONF", (f + "/slurm.conf").c_str(), 1);  // for sbatch, squeue and sinfo
    spawn("munged",
          {"/usr/sbin/munged", "--foreground", "--force", "--socket=" + f + "/munge.socket",
           "--key-file=" + f + "/munge.key", "--log-file=" + f + "/munged.log",
           "--pid-file=" + f + "/munged.pid", "--seed-file=" + f + "/munged.seed"});
    if (!wait_until([&] { return fs::exists(folder_ / "munge.socket"); },
                    std::chrono::seconds(10))) {
      return false;
    }
    spawn("slurmctld", {"/usr/sbin/slurmctld", "-D", "-i", "-f", f + "/slurm.conf"});
    spawn("slurmd", {"/usr/sbin/slurmd", "-D", "-f", f + "/slurm.conf", "-N", host});
    return wait_until([] { return output_of("sinfo -h -o %T 2>/dev/null") == "idle\n"; },
                      std::chrono::seconds(30));
  }

  // The daemons, last started first: SIGTERM, then SIGKILL after 10 s.
  void stop() {
    for (auto pid = pids_.rbegin(); pid != pids_.rend(); ++pid) {
      kill(*pid, SIGTERM);
      int status = 0;
      const bool ended = wait_until([&] { return waitpid(*pid, &status, WNOHANG) == *pid; },
                                    std::chrono::seconds(10));
      if (!ended) {
        kill(*pid, SIGKILL);
        waitpid(*pid, &status, 0);
      }
    }
    pids_.clear();
    unsetenv("SLURM_CONF");
  }

  std::string logs() const {
    std::string text;
    for (const char* log : {"munged.log", "slurmctld.log", "slurmd.log", "munged.out",
                            "slurmctld.out", "slurmd.out"}) {
      text += std::string("--- ") + log + "\n" + read_file(folder_ / log);
    }
    return text;
  }

 private:
  // A daemon in the foreground, its output in NAME.out; it gets SIGTERM if the test process
  // dies first (a test killed at its timeout leaves no daemon behind).
  void spawn(const std::string& name, std::vector<std::string> args) {
    const std::string out = (folder_ / (name + ".out")).string();
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != parent) _exit(1);
      const int input = open("/dev/null", O_RDONLY);
      const int output = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(input, STDIN_FILENO);
      dup2(output, STDOUT_FILENO);
      dup2(output, STDERR_FILENO);
      execv(argv[0], argv.data());
      _exit(127);
    }
    if (pid > 0) pids_.push_back(pid);
  }

  fs::path folder_;
  std::vector<pid_t> pids_;
};

class SlurmSweep : public umbra::testing::UmbraCliTest {};

TEST_F(SlurmSweep, JobArrayGivesTheSameTableAsTheLocalSweep) {
  for (const std::string& program : kPrograms) {
    if (!fs::exists(program)) {
      GTEST_SKIP() << program << " is missing: install Debian's slurm-wlm and munge "
                   << "(.ci/install-deps does)";
    }
  }
  if (geteuid() != 0) GTEST_SKIP() << "a Slurm node of its own needs root";
  SlurmCluster cluster(dir_ / "slurm");
  ASSERT_TRUE(cluster.start()) << cluster.logs();

  // The shipped example: 3 policies x 2 loads x 3 seeds = 18 cells.
  const std::string example = std::string(UMBRA_SOURCE_DIR) + "/examples/hybrid-loads.yaml";
  const Outcome local = umbra("sweep " + example + " --out local");
  ASSERT_EQ(local.status, 0) << local.err;

  // 18 cells in 6 tasks, two at a time.
  const Outcome submitted =
      umbra("sweep " + example + " --slurm --out array --tasks 6 --array-limit 2 --time 10");
  ASSERT_EQ(submitted.status, 0) << submitted.err << cluster.logs();
  const std::string prefix = "submitted job ";
  ASSERT_EQ(submitted.out.rfind(prefix, 0), 0u) << submitted.out;
  const std::string job =
      submitted.out.substr(prefix.size(), submitted.out.find(':') - prefix.size());
  EXPECT_NE(read_file(dir_ / "array/sweep.sbatch").find("#SBATCH --array=1-6%2\n"),
            std::string::npos);
  ASSERT_TRUE(wait_until([&] { return output_of("squeue -h -j " + job + " 2>/dev/null").empty(); },
                         std::chrono::seconds(120)))
      << output_of("squeue") << cluster.logs();

  // Each task ran its share of three cells, logged by Slurm.
  for (int task = 1; task <= 6; ++task) {
    const fs::path log = dir_ / "array/slurm" / (job + "_" + std::to_string(task) + ".out");
    EXPECT_EQ(read_file(log), "sweep: 3 cells run, 0 failed, 0 already complete\n") << log;
  }
  const Outcome collected = umbra("sweep collect array");
  ASSERT_EQ(collected.status, 0) << collected.err;
  EXPECT_EQ(read_file(dir_ / "array/sweep.csv"), read_file(dir_ / "local/sweep.csv"));
  EXPECT_EQ(read_file(dir_ / "array/sweep.md"), read_file(dir_ / "local/sweep.md"));
  EXPECT_EQ(collected.out, local.out);
}

}  // namespace
