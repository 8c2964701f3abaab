// Reading large workloads: wall time and peak memory of read_workload on a 1,000,000-record
// SWF log and native CSV. Writing the inputs and reading them are separate runs (separate
// processes), so the peak resident size of a read counts the read alone.
//   bench_workload_read write-swf FILE N
//   bench_workload_read write-csv FILE N PLATFORM.yaml
//   bench_workload_read read FILE PLATFORM.yaml
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <string>

#include "sim/core/rng.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/workload/workload_format.hpp"
#include "sim/workload/workload_generator.hpp"

namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// An SWF log of `records` jobs: header comments, then 18 fields per line.
std::string swf_log(long records) {
  umbra::Rng rng(1);
  std::string text = "; Version: 2.2\n; Computer: bench\n; MaxProcs: 128\n; UnixStartTime: 0\n";
  double submit = 0;
  for (long job = 1; job <= records; ++job) {
    submit += rng.exponential(30);
    const int gpus = 1 << rng.uniform_int(7);
    const double run = std::max(1.0, rng.lognormal(7, 1.5));
    fmt::format_to(std::back_inserter(text),
                   "{} {:.0f} {:.0f} {:.0f} {} -1 -1 {} {:.0f} -1 1 {} 1 1 1 1 -1 -1\n", job,
                   submit, rng.exponential(600), run, gpus, gpus, 2 * run,
                   1 + rng.uniform_int(500));
  }
  return text;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "write-swf" && argc == 4) {
    write_file(argv[2], swf_log(std::stol(argv[3])));
    return 0;
  }
  if (mode == "write-csv" && argc == 5) {
    umbra::workload::GeneratorOptions options;
    options.jobs = std::stoi(argv[3]);
    const auto platform = umbra::spec::read_platform_file(argv[4]);
    options.capacity_gpus = platform.total_gpus();
    write_file(argv[2], umbra::workload::generated_workload_csv(
                            umbra::workload::generate_workload(platform, options)));
    return 0;
  }
  if (mode == "read" && argc == 4) {
    const auto platform = umbra::spec::read_platform_file(argv[3]);
    const auto start = std::chrono::steady_clock::now();
    const auto workload = umbra::workload::read_workload(argv[2], platform, {});
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    fmt::print("{}: {} format, {} records, {} jobs, {:.2f} s wall, peak RSS {:.0f} MiB\n", argv[2],
               workload.format, workload.counts.records, workload.jobs.size(), wall.count(),
               peak_rss_kib() / 1024.0);
    return 0;
  }
  fmt::print(stderr,
             "usage: bench_workload_read write-swf FILE N | write-csv FILE N PLATFORM | "
             "read FILE PLATFORM\n");
  return 2;
}
