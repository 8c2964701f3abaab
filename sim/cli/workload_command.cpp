// `umbra workload generate ...`: synthetic workloads at a target load, written as native CSV.
#include <fmt/format.h>

#include <map>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/platform_input.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/core/error.hpp"
#include "sim/core/units.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/spec/orbital_reader.hpp"
#include "sim/workload/workload_format.hpp"
#include "sim/workload/workload_generator.hpp"

namespace umbra::cli {
namespace {

constexpr std::string_view kTracePrefix = "trace:";

void print_help() {
  fmt::print(
      "usage: umbra workload generate --platform P.yaml --out FILE.csv [options]\n\n"
      "Generates a synthetic workload at a target load and writes it as Umbra's native CSV.\n"
      "The load is relative to the platform's GPU capacity: the jobs' GPUs x durations over\n"
      "(the GPUs of --load-of x the arrival span). The target holds on average over seeds; one\n"
      "seed's realised load, printed, differs by the luck of its draws. A load above 1 is\n"
      "allowed with a warning, and so is a job holding more than 10 % of the GPU-time (a heavy\n"
      "tail that sets the realised load and the makespan).\n\n"
      "  --platform FILE      platform the load is relative to (required)\n"
      "  --out FILE           native CSV to write (required)\n"
      "  --jobs N             number of jobs (default: 1000)\n"
      "  --span D             instead of --jobs: as many jobs as offer the load over an\n"
      "                       arrival span D (e.g. 1d), so the workload grows with the\n"
      "                       capacity it is offered to\n"
      "  --load L             target offered load, e.g. 0.8 (default: 0.8)\n"
      "  --load-of WHAT       the GPUs the load is relative to: ground (the sites'), orbit\n"
      "                       (the satellites' payloads) or all (default: all)\n"
      "  --arrivals A         poisson (exponential gaps) or trace:FILE (the trace's gaps,\n"
      "                       resampled and scaled to the target load) (default: poisson)\n"
      "  --sizes D            GPUs per job (default: choice:1,2,4,8@0.4,0.3,0.2,0.1)\n"
      "  --durations D        run time on the reference GPU (default: lognormal:8,1.5, i.e.\n"
      "                       a median of e^8 s ~ 50 min)\n"
      "  --models M           by-gpus (the profile by GPU count) or NAME:WEIGHT,... over\n"
      "                       {} (default: by-gpus)\n"
      "  --reference-gpu G    GPU model the durations are on (default: the platform's first)\n"
      "  --trace-format F     format of the trace:FILE inputs (default: recognised)\n"
      "  --seed S             seed (default: 0); the same seed gives the same bytes\n\n"
      "Distributions D: constant:V, uniform:LOW,HIGH, exponential:MEAN, lognormal:MU,SIGMA\n"
      "(of the natural log of the value in SI units), choice:V1,V2,..@W1,W2,.. or trace:FILE\n"
      "(the empirical distribution of a trace's job sizes or run times). Durations accept\n"
      "units: exponential:2 h.\n",
      fmt::join(workload::model_profile_names(), ", "));
}

// Traces named by trace:FILE, read once each.
class TraceCache {
 public:
  TraceCache(const spec::PlatformSpec& platform, workload::ReadOptions options)
      : platform_(platform), options_(std::move(options)) {}

  const workload::Workload& get(const std::string& path) {
    auto found = traces_.find(path);
    if (found == traces_.end()) {
      found = traces_.emplace(path, workload::read_workload(path, platform_, options_)).first;
    }
    return found->second;
  }

 private:
  const spec::PlatformSpec& platform_;
  workload::ReadOptions options_;
  std::map<std::string, workload::Workload> traces_;
};

std::optional<std::string> trace_path(const std::string& text) {
  if (!text.starts_with(kTracePrefix)) return std::nullopt;
  return text.substr(kTracePrefix.size());
}

std::vector<std::pair<const workload::ModelProfile*, double>> parse_models(
    const std::string& text) {
  std::vector<std::pair<const workload::ModelProfile*, double>> models;
  if (text == "by-gpus") return models;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    const std::size_t colon = item.rfind(':');
    const workload::ModelProfile* profile = workload::find_model_profile(
        item.substr(0, colon == std::string::npos ? item.size() : colon));
    double weight = 1;
    try {
      if (colon != std::string::npos) weight = std::stod(item.substr(colon + 1));
    } catch (const std::exception&) {
      weight = -1;
    }
    if (profile == nullptr || weight < 0) {
      throw InputError(
          fmt::format("invalid --models item \"{}\": expected NAME[:WEIGHT] with NAME one of {}",
                      item, fmt::join(workload::model_profile_names(), ", ")));
    }
    models.emplace_back(profile, weight);
    start = comma + 1;
  }
  return models;
}

// The GPUs a load is relative to.
enum class LoadOf { kGround, kOrbit, kAll };

LoadOf parse_load_of(const std::string& text) {
  if (text == "ground") return LoadOf::kGround;
  if (text == "orbit") return LoadOf::kOrbit;
  if (text == "all") return LoadOf::kAll;
  throw InputError(fmt::format("invalid --load-of \"{}\": expected ground, orbit or all", text));
}

struct Capacity {
  int gpus = 0;
  std::string parts;  // "all: 192 on the ground + 1152 in orbit"
};

Capacity capacity_of(const spec::PlatformSpec& platform, LoadOf load_of) {
  const int ground = platform.total_gpus();
  const int orbit = spec::has_satellites(platform)
                        ? contact::build_constellation(platform).total_gpus()  // reads TLE files
                        : 0;
  switch (load_of) {
    case LoadOf::kGround:
      return {ground, "on the ground"};
    case LoadOf::kOrbit:
      return {orbit, "in orbit"};
    case LoadOf::kAll:
      return {ground + orbit, fmt::format("all: {} on the ground + {} in orbit", ground, orbit)};
  }
  return {};
}

int generate_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"platform"},
                                   {"out"},
                                   {"jobs"},
                                   {"span"},
                                   {"load"},
                                   {"load-of"},
                                   {"arrivals"},
                                   {"sizes"},
                                   {"durations"},
                                   {"models"},
                                   {"reference-gpu"},
                                   {"trace-format"},
                                   {"seed"},
                                   {"help", false}});
  if (arguments.has("help") || !arguments.positional().empty()) {
    print_help();
    return arguments.has("help") ? kExitOk : kExitBadInput;
  }
  const auto platform_path = arguments.value("platform");
  const auto out = arguments.value("out");
  if (!platform_path || !out)
    throw InputError("'umbra workload generate' needs --platform and --out");
  const spec::PlatformSpec platform = read_platform(*platform_path);

  workload::GeneratorOptions options;
  options.jobs = static_cast<int>(arguments.unsigned_value("jobs").value_or(1000));
  if (const auto span = arguments.value("span")) {
    if (arguments.has("jobs")) throw InputError("give --jobs or --span, not both");
    try {
      options.span = parse_quantity(*span, Quantity::kTime);
    } catch (const InputError& error) {
      throw InputError(fmt::format("--span: {}", error.message()));
    }
  }
  if (const auto load = arguments.value("load")) {
    try {
      options.load = std::stod(*load);
    } catch (const std::exception&) {
      throw InputError(fmt::format("invalid --load \"{}\": expected a number", *load));
    }
  }
  const Capacity capacity =
      capacity_of(platform, parse_load_of(arguments.value("load-of").value_or("all")));
  options.capacity_gpus = capacity.gpus;
  options.seed = arguments.unsigned_value("seed").value_or(0);
  options.reference_gpu = arguments.value("reference-gpu").value_or("");
  workload::ReadOptions read_options;
  if (const auto format = arguments.value("trace-format")) {
    read_options.format = workload::parse_workload_format(*format);
  }
  read_options.trace.reference_gpu = options.reference_gpu;
  TraceCache traces(platform, read_options);

  const std::string arrivals = arguments.value("arrivals").value_or("poisson");
  if (const auto path = trace_path(arrivals)) {
    const workload::Workload& trace = traces.get(*path);
    for (std::size_t i = 1; i < trace.jobs.size(); ++i) {
      options.trace_gaps.push_back(trace.jobs[i].submit_time - trace.jobs[i - 1].submit_time);
    }
  } else if (arrivals != "poisson") {
    throw InputError(
        fmt::format("invalid --arrivals \"{}\": expected poisson or trace:FILE", arrivals));
  }
  if (const auto sizes = arguments.value("sizes")) {
    if (const auto path = trace_path(*sizes)) {
      std::vector<double> values;
      for (const workload::Job& job : traces.get(*path).jobs) values.push_back(job.gpus);
      options.sizes = workload::Distribution::empirical(values, *sizes);
    } else {
      options.sizes = workload::Distribution::parse(*sizes, std::nullopt, "--sizes");
    }
  }
  if (const auto durations = arguments.value("durations")) {
    if (const auto path = trace_path(*durations)) {
      // A trace job's run time on the reference GPU, undoing the work rule of trace_sink.hpp.
      const double peak = workload::find_reference_gpu(platform, options.reference_gpu).peak_flops;
      std::vector<double> values;
      for (const workload::Job& job : traces.get(*path).jobs) {
        values.push_back(job.work_flops / (job.gpus * peak * job.mfu));
      }
      options.durations = workload::Distribution::empirical(values, *durations);
    } else {
      options.durations = workload::Distribution::parse(*durations, Quantity::kTime, "--durations");
    }
  }
  options.models = parse_models(arguments.value("models").value_or("by-gpus"));

  const workload::GeneratedWorkload generated = workload::generate_workload(platform, options);
  for (const std::string& warning : generated.warnings) {
    fmt::print(stderr, "umbra: warning: {}\n", warning);
  }
  output::write_file_atomically(*out, workload::generated_workload_csv(generated));
  fmt::print(
      "{}: {} jobs over {:.2f} h, offered load {:.3f} of {} GPUs ({}); the target {:g} holds on "
      "average over seeds\n",
      *out, generated.jobs.size(), generated.jobs.back().submit / 3600.0, generated.offered_load,
      capacity.gpus, capacity.parts, options.load);
  return kExitOk;
}

int workload_main(const std::vector<std::string>& args) {
  if (args.empty() || args.front() == "--help" || args.front() == "-h") {
    fmt::print("usage: umbra workload generate [options]  ('umbra workload generate --help')\n");
    return args.empty() ? kExitBadInput : kExitOk;
  }
  if (args.front() != "generate") {
    throw InputError(
        fmt::format("unknown 'umbra workload' command \"{}\": expected generate", args.front()));
  }
  return generate_main(std::vector<std::string>(args.begin() + 1, args.end()));
}

}  // namespace

Subcommand workload_subcommand() {
  return {"workload", "generate synthetic workloads at a target load", workload_main};
}

}  // namespace umbra::cli
