#include "sim/cli/sweep_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

#include "schedulers/registry.hpp"
#include "sim/core/error.hpp"
#include "sim/core/units.hpp"
#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/distribution.hpp"

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;
using spec::Bound;

// More seeds than this is a slip of the keyboard, not a sweep: each is a run of every cell (and
// two billion would take 16 GB to list).
constexpr int kMostSeeds = 100000;
using spec::YamlFields;

bool is_label_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '+' ||
         c == '=' || c == '-';
}

// A label made from what an entry says (a file stem, a policy and its options): characters a
// label may not hold become '_'.
std::string derived_label(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return !is_label_character(c); }, '_');
  return text;
}

// A label the file gives with `name:`.
std::string given_label(YamlFields& fields) {
  const std::string name = fields.required_string("name");
  if (name == "." || name == ".." || !std::all_of(name.begin(), name.end(), is_label_character)) {
    fields.fail_at("name", fmt::format("invalid name \"{}\" in {}: expected {}", name,
                                       fields.what(), kLabelCharacters));
  }
  return name;
}

std::string scalar_of(const YAML::Node& node, const std::string& file, const std::string& what) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    throw InputError(spec::position_of(node, file),
                     fmt::format("invalid {}: expected a non-empty string", what));
  }
  return node.Scalar();
}

// The reader of one sweep file, and where its relative paths start.
class SweepReader {
 public:
  SweepReader(std::string file, fs::path folder)
      : file_(std::move(file)), folder_(std::move(folder)) {}

  SweepSpec read(const std::string& text) {
    const YAML::Node root = spec::load_yaml(text, file_);
    if (root.IsNull()) {  // a node of nothing has no position of its own
      throw InputError(SourcePosition{file_, 1, 1},
                       "empty sweep file: expected \"platforms\", \"workloads\" and \"policies\"");
    }
    YamlFields top(root, file_, "the sweep");
    SweepSpec sweep;
    // The name becomes a folder and the Slurm job's name: a label.
    sweep.name =
        top.has("name") ? given_label(top) : derived_label(fs::path(file_).stem().string());
    if (const auto out = top.optional_string("out")) sweep.out = path(*out);
    for (const YAML::Node& node : non_empty_list(top, "platforms")) {
      sweep.platforms.push_back(read_platform(top, node));
      refuse_twice(sweep.platforms, node, "platform");
    }
    for (const YAML::Node& node : non_empty_list(top, "workloads")) {
      for (SweepWorkload& workload : read_workloads(top, node)) {
        sweep.workloads.push_back(std::move(workload));
        refuse_twice(sweep.workloads, node, "workload");
      }
    }
    for (const YAML::Node& node : non_empty_list(top, "policies")) {
      sweep.policies.push_back(read_policy(top, node));
      refuse_twice(sweep.policies, node, "policy");
    }
    if (top.has("run_options")) {
      for (const YAML::Node& node : non_empty_list(top, "run_options")) {
        sweep.run_options.push_back(read_run_options(top, node));
        refuse_twice(sweep.run_options, node, "run option set");
      }
    } else {
      sweep.run_options.push_back({});
    }
    sweep.seeds = read_seeds(top, root);
    top.finish();
    return sweep;
  }

 private:
  // A path of the file, joined to the file's folder.
  std::string path(const std::string& written) const {
    return (folder_ / written).lexically_normal().string();
  }

  // A file the sweep names, written at `where`, joined to the sweep file's folder.
  std::string existing_file(const std::string& written, const SourcePosition& where,
                            const std::string& what) const {
    const std::string joined = path(written);
    std::error_code error;  // a name the system refuses (too long, say) is not found either
    if (!fs::is_regular_file(joined, error)) {
      throw InputError(where, fmt::format("{} \"{}\" not found (paths are relative to the "
                                          "sweep file's folder)",
                                          what, written));
    }
    return joined;
  }

  std::string existing_file(const YAML::Node& node, const std::string& what) const {
    return existing_file(scalar_of(node, file_, what), spec::position_of(node, file_), what);
  }

  std::string existing_file(YamlFields& fields, const std::string& what) const {
    return existing_file(fields.required_string("file"), fields.where("file"), what);
  }

  YAML::Node non_empty_list(YamlFields& top, const std::string& key) const {
    const YAML::Node list = top.required_list(key);
    if (list.size() == 0) top.fail_at(key, fmt::format("\"{}\" lists nothing", key));
    return list;
  }

  template <typename Entry>
  void refuse_twice(const std::vector<Entry>& entries, const YAML::Node& node,
                    const std::string& kind) const {
    for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
      if (entries[i].label == entries.back().label) {
        throw InputError(spec::position_of(node, file_),
                         fmt::format("two {}s are named \"{}\": give one a distinct \"name\"", kind,
                                     entries.back().label));
      }
    }
  }

  // `- FILE` or `- {file: FILE, name: LABEL}`.
  SweepPlatform read_platform(const YamlFields& top, const YAML::Node& node) const {
    if (node.IsScalar()) {
      const std::string file = existing_file(node, "platform");
      return {derived_label(fs::path(file).stem().string()), file};
    }
    YamlFields fields = top.entry(node, "platform");
    SweepPlatform platform;
    platform.file = existing_file(fields, "platform");
    platform.label = fields.has("name") ? given_label(fields)
                                        : derived_label(fs::path(platform.file).stem().string());
    fields.finish();
    return platform;
  }

  // `- FILE`, `- {file: FILE, name: LABEL}` or `- {generate: {...}, name: LABEL}`; a generator
  // whose `load` is a list gives one workload per load.
  std::vector<SweepWorkload> read_workloads(const YamlFields& top, const YAML::Node& node) const {
    if (node.IsScalar()) {
      const std::string file = existing_file(node, "workload");
      return {{derived_label(fs::path(file).stem().string()), WorkloadSource::kFile, file, {}}};
    }
    YamlFields fields = top.entry(node, "workload");
    const std::optional<std::string> label =
        fields.has("name") ? std::optional(given_label(fields)) : std::nullopt;
    if (fields.has("file") == fields.has("generate")) {
      fields.fail("a workload gives either \"file\" or \"generate\"");
    }
    std::vector<SweepWorkload> workloads;
    if (fields.has("file")) {
      const std::string file = existing_file(fields, "workload");
      workloads.push_back({label.value_or(derived_label(fs::path(file).stem().string())),
                           WorkloadSource::kFile,
                           file,
                           {}});
    } else {
      YamlFields generator = fields.required_mapping("generate", "workload generator");
      const std::vector<std::string> args = generator_args(generator);
      const auto [load_texts, several] = loads(generator, node);
      for (const std::string& load : load_texts) {
        SweepWorkload workload;
        workload.source = WorkloadSource::kGenerated;
        const std::string load_label = derived_label("load" + load);
        workload.label = !label ? load_label : several ? *label + "-" + load_label : *label;
        workload.generator_args = args;
        workload.generator_args.insert(workload.generator_args.end(), {"--load", load});
        workloads.push_back(std::move(workload));
      }
      generator.finish();
    }
    fields.finish();
    return workloads;
  }

  // The generator's options but its load, as `umbra workload generate` takes them; the
  // distributions are checked here so that a mistake points into the sweep file.
  std::vector<std::string> generator_args(YamlFields& generator) const {
    std::vector<std::string> args;
    if (const auto jobs = generator.optional_integer("jobs", Bound::kPositive)) {
      args.insert(args.end(), {"--jobs", std::to_string(*jobs)});
    }
    if (const auto span = generator.optional_scalar("span")) {
      if (generator.has("jobs")) generator.fail_at("span", "give \"jobs\" or \"span\", not both");
      try {
        parse_quantity(span->text, Quantity::kTime);
      } catch (const InputError& error) {
        throw InputError(span->where, fmt::format("\"span\": {}", error.message()));
      }
      args.insert(args.end(), {"--span", span->text});
    }
    if (const auto load_of = generator.optional_string("load_of")) {
      if (*load_of != "ground" && *load_of != "orbit" && *load_of != "all") {
        generator.fail_at("load_of", fmt::format("invalid \"load_of\" \"{}\": expected ground, "
                                                 "orbit or all",
                                                 *load_of));
      }
      args.insert(args.end(), {"--load-of", *load_of});
    }
    const std::vector<std::pair<std::string, std::optional<Quantity>>> distributions = {
        {"sizes", std::nullopt}, {"durations", Quantity::kTime}};
    for (const auto& [key, kind] : distributions) {
      const auto text = generator.optional_scalar(key);
      if (!text) continue;
      args.insert(args.end(), {"--" + key, trace_joined(text->text)});
      if (text->text.starts_with("trace:")) continue;
      try {
        workload::Distribution::parse(text->text, kind, key);
      } catch (const InputError& error) {
        throw InputError(text->where, error.message());
      }
    }
    if (const auto arrivals = generator.optional_scalar("arrivals")) {
      if (arrivals->text != "poisson" && !arrivals->text.starts_with("trace:")) {
        throw InputError(arrivals->where,
                         fmt::format("invalid \"arrivals\" \"{}\": expected poisson or trace:FILE",
                                     arrivals->text));
      }
      args.insert(args.end(), {"--arrivals", trace_joined(arrivals->text)});
    }
    for (const std::string key : {"models", "reference_gpu", "trace_format"}) {
      if (const auto value = generator.optional_string(key)) {
        std::string option = "--" + key;
        std::replace(option.begin(), option.end(), '_', '-');
        args.insert(args.end(), {option, *value});
      }
    }
    return args;
  }

  // "trace:FILE" with FILE joined to the sweep file's folder.
  std::string trace_joined(const std::string& text) const {
    if (!text.starts_with("trace:")) return text;
    return "trace:" + path(text.substr(6));
  }

  // The loads of a generator (`generate` of `node`): one number, or a list of them (default
  // 0.8, as the generator's); whether it is a list.
  std::pair<std::vector<std::string>, bool> loads(YamlFields& generator,
                                                  const YAML::Node& node) const {
    if (!generator.has("load")) return {{"0.8"}, false};
    const YAML::Node load = node["generate"]["load"];
    if (!load.IsSequence()) return {{load_text(load)}, false};
    if (load.size() == 0) generator.fail_at("load", "\"load\" lists nothing");
    std::vector<std::string> texts;
    for (const YAML::Node& each : load) texts.push_back(load_text(each));
    return {texts, true};
  }

  std::string load_text(const YAML::Node& node) const {
    const double load =
        spec::parse_number_at(node.IsScalar() ? node.Scalar() : "", Bound::kPositive,
                              spec::position_of(node, file_), "\"load\"");
    return fmt::format("{}", load);
  }

  // `- NAME` or `- {policy: NAME, options: {NAME: VALUE, ...}, name: LABEL}`.
  SweepPolicy read_policy(const YamlFields& top, const YAML::Node& node) const {
    SweepPolicy policy;
    SourcePosition name_at = spec::position_of(node, file_);
    SourcePosition options_at = name_at;
    std::optional<std::string> label;
    if (node.IsScalar()) {
      policy.name = scalar_of(node, file_, "policy");
    } else {
      YamlFields fields = top.entry(node, "policy");
      policy.name = fields.required_string("policy");
      name_at = fields.where("policy");
      if (fields.has("name")) label = given_label(fields);
      if (auto options = fields.optional_mapping("options", "policy options")) {
        options_at = fields.where("options");
        for (const auto& item : node["options"]) {
          const std::string name = item.first.Scalar();
          policy.options.emplace_back(
              name, scalar_of(item.second, file_, fmt::format("option \"{}\"", name)));
          options->optional_scalar(name);
        }
        options->finish();
      }
      fields.finish();
    }
    const auto registry = sched::SchedulerRegistry::with_builtins();
    const sched::SchedulerInfo* info = nullptr;
    try {
      info = &registry.find(policy.name);
    } catch (const InputError& error) {
      throw InputError(name_at, error.message());
    }
    try {
      sched::check_policy_options(policy.name, info->options, policy.options);
    } catch (const InputError& error) {
      throw InputError(options_at, error.message());
    }
    std::string derived = policy.name;
    for (const auto& [name, value] : policy.options) derived += "+" + name + "=" + value;
    policy.label = label.value_or(derived_label(derived));
    return policy;
  }

  // `- {name: LABEL, restart_overhead: 30 s, walltime: kill, ...}`: options of `umbra run`,
  // checked here as the run would check them.
  SweepRunOptions read_run_options(const YamlFields& top, const YAML::Node& node) const {
    YamlFields fields = top.entry(node, "run option set");
    SweepRunOptions set;
    std::vector<std::string> parts;
    const auto add = [&](const std::string& key, const std::string& value) {
      std::string option = "--" + key;
      std::replace(option.begin(), option.end(), '_', '-');
      set.args.push_back(option);
      if (!value.empty()) set.args.push_back(value);
      parts.push_back(value.empty() ? key : key + "=" + value);
    };
    if (const auto overhead = fields.optional_scalar("restart_overhead")) {
      spec::parse_quantity_at(overhead->text, Quantity::kTime, Bound::kNonNegative, overhead->where,
                              "\"restart_overhead\"");
      add("restart_overhead", overhead->text);
    }
    if (const auto walltime = fields.optional_string("walltime")) {
      if (*walltime != "kill" && *walltime != "ignore") {
        fields.fail_at("walltime", fmt::format("invalid \"walltime\" \"{}\": expected kill or "
                                               "ignore",
                                               *walltime));
      }
      add("walltime", *walltime);
    }
    for (const std::string key :
         {"measure_jobs", "measure_time", "workload_format", "reference_gpu"}) {
      if (const auto value = fields.optional_string(key)) add(key, *value);
    }
    for (const std::string key : {"keep_failed", "skip_bad_lines"}) {
      if (const auto value = fields.optional_string(key)) {
        if (*value != "true" && *value != "false") {
          fields.fail_at(key,
                         fmt::format("invalid \"{}\" \"{}\": expected true or false", key, *value));
        }
        if (*value == "true") add(key, "");
      }
    }
    set.label = fields.has("name") ? given_label(fields)
                                   : derived_label(fmt::format("{}", fmt::join(parts, "+")));
    if (set.label.empty()) fields.fail("a run option set gives at least one option or a name");
    fields.finish();
    return set;
  }

  // `seeds: N` (0 to N-1) or `seeds: [S, ...]`; default [0].
  std::vector<unsigned long long> read_seeds(YamlFields& top, const YAML::Node& root) const {
    if (!top.has("seeds")) return {0};
    std::vector<unsigned long long> seeds;
    if (!root["seeds"].IsSequence()) {
      const int count = top.required_integer("seeds", Bound::kPositive);
      if (count > kMostSeeds) {
        top.fail_at("seeds", fmt::format("invalid \"seeds\" {}: expected at most {} (each seed "
                                         "runs every cell once)",
                                         count, kMostSeeds));
      }
      for (int seed = 0; seed < count; ++seed) seeds.push_back(static_cast<unsigned>(seed));
      return seeds;
    }
    for (const YAML::Node& node : root["seeds"]) {
      const SourcePosition where = spec::position_of(node, file_);
      const auto seed = static_cast<unsigned long long>(spec::parse_integer_at(
          node.IsScalar() ? node.Scalar() : "", Bound::kNonNegative, where, "seed"));
      if (std::find(seeds.begin(), seeds.end(), seed) != seeds.end()) {
        throw InputError(where, fmt::format("seed {} is given twice", seed));
      }
      seeds.push_back(seed);
    }
    if (seeds.empty()) top.fail_at("seeds", "\"seeds\" lists nothing");
    return seeds;
  }

  std::string file_;
  fs::path folder_;
};

}  // namespace

SweepSpec read_sweep_text(const std::string& text, const std::string& file,
                          const fs::path& folder) {
  return SweepReader(file, folder).read(text);
}

SweepSpec read_sweep_file(const std::string& path) {
  return read_sweep_text(spec::read_input_file(path), path, fs::path(path).parent_path());
}

}  // namespace umbra::cli
