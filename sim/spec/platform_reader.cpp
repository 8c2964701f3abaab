#include "sim/spec/platform_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "sim/core/input_error_list.hpp"
#include "sim/spec/list_reading.hpp"
#include "sim/spec/orbital_reader.hpp"
#include "sim/spec/yaml_fields.hpp"

namespace umbra::spec {
namespace {

double radians(double degrees) {
  return degrees * std::numbers::pi / 180.0;
}

void require_busy_at_least_idle(const YamlFields& fields, double busy_watts, double idle_watts) {
  if (busy_watts < idle_watts) {
    fields.fail_at("busy_power",
                   fmt::format("busy_power ({:g} W) is below idle_power ({:g} W) in {}", busy_watts,
                               idle_watts, fields.what()));
  }
}

// Pstates below the peak one, fastest first; the peak state is already in model.pstates.
void read_pstates(const YAML::Node& list, const YamlFields& owner, GpuModelSpec& model) {
  for (const YAML::Node& item : list) {
    YamlFields fields = owner.entry(item, fmt::format("a pstate of GPU model \"{}\"", model.name));
    PstateSpec pstate;
    pstate.speed_ratio = fields.required_number("speed", Bound::kAny);
    if (pstate.speed_ratio <= 0 || pstate.speed_ratio > 1) {
      fields.fail_at("speed", fmt::format("invalid \"speed\" in {}: expected a fraction of the "
                                          "peak in (0, 1], got {:g}",
                                          fields.what(), pstate.speed_ratio));
    }
    const double previous_speed = model.pstates.back().speed_ratio;
    if (pstate.speed_ratio >= previous_speed) {
      fields.fail_at("speed", fmt::format("pstate speed {:g} is not below the previous state's "
                                          "{:g}: list pstates fastest first, below the peak (1)",
                                          pstate.speed_ratio, previous_speed));
    }
    pstate.busy_watts = fields.required_quantity("busy_power", Quantity::kPower, Bound::kPositive);
    pstate.idle_watts =
        fields.optional_quantity("idle_power", Quantity::kPower, Bound::kNonNegative)
            .value_or(model.idle_watts);
    require_busy_at_least_idle(fields, pstate.busy_watts, pstate.idle_watts);
    fields.finish();
    model.pstates.push_back(pstate);
  }
}

GpuModelSpec read_gpu_model(YamlFields fields) {
  GpuModelSpec model;
  model.where = fields.where();
  model.name = fields.required_string("name");
  fields.describe_as(fmt::format("GPU model \"{}\"", model.name));
  model.peak_flops = fields.required_quantity("peak", Quantity::kFlopRate, Bound::kPositive);
  model.idle_watts = fields.required_quantity("idle_power", Quantity::kPower, Bound::kNonNegative);
  model.busy_watts = fields.required_quantity("busy_power", Quantity::kPower, Bound::kPositive);
  require_busy_at_least_idle(fields, model.busy_watts, model.idle_watts);
  model.memory_bytes =
      fields.optional_quantity("memory", Quantity::kDataSize, Bound::kPositive).value_or(0);
  model.pstates.push_back(PstateSpec{1.0, model.busy_watts, model.idle_watts});
  if (const auto pstates = fields.optional_list("pstates")) read_pstates(*pstates, fields, model);
  fields.finish();
  return model;
}

}  // namespace

double read_coordinate(YamlFields& location, const std::string& key, double limit_deg) {
  const double degrees = location.required_quantity(key, Quantity::kAngle, Bound::kAny);
  if (std::fabs(degrees) > limit_deg) {
    location.fail_at(key, fmt::format("{} {:g} in {} is outside [-{:g}, {:g}] degrees", key,
                                      degrees, location.what(), limit_deg, limit_deg));
  }
  return degrees;
}

namespace {

std::vector<std::string> names_of(const auto& specs) {
  std::vector<std::string> names;
  for (const auto& spec : specs) names.push_back(spec.name);
  return names;
}

SiteSpec read_site(YamlFields fields, const std::vector<GpuModelSpec>& gpu_models) {
  SiteSpec site;
  site.where = fields.where();
  site.name = fields.required_string("name");
  fields.describe_as(fmt::format("site \"{}\"", site.name));

  YamlFields location =
      fields.required_mapping("location", fmt::format("the location of site \"{}\"", site.name));
  site.latitude_deg = read_coordinate(location, "latitude", 90);
  site.longitude_deg = read_coordinate(location, "longitude", 180);
  location.finish();

  site.nodes = fields.required_integer("nodes", Bound::kPositive);
  site.gpus_per_node = fields.required_integer("gpus_per_node", Bound::kPositive);
  if (static_cast<long long>(site.nodes) * site.gpus_per_node > INT_MAX) {
    fields.fail_at("gpus_per_node", fmt::format("site \"{}\" has more GPUs than Umbra can count "
                                                "({} nodes x {})",
                                                site.name, site.nodes, site.gpus_per_node));
  }
  site.gpu_model = fields.required_string("gpu_model");
  const auto model_names = names_of(gpu_models);
  if (std::find(model_names.begin(), model_names.end(), site.gpu_model) == model_names.end()) {
    fields.fail_at("gpu_model",
                   fmt::format("unknown GPU model \"{}\" in site \"{}\"{}", site.gpu_model,
                               site.name, name_suggestion(site.gpu_model, model_names)));
  }

  site.intra_node_bandwidth = kDefaultIntraNodeBandwidth;
  site.intra_node_latency = kDefaultIntraNodeLatency;
  if (auto intra_node = fields.optional_mapping(
          "intra_node", fmt::format("the intra-node port of site \"{}\"", site.name))) {
    site.intra_node_bandwidth =
        intra_node->optional_quantity("bandwidth", Quantity::kDataRate, Bound::kPositive)
            .value_or(kDefaultIntraNodeBandwidth);
    site.intra_node_latency =
        intra_node->optional_quantity("latency", Quantity::kTime, Bound::kNonNegative)
            .value_or(kDefaultIntraNodeLatency);
    intra_node->finish();
  }

  YamlFields network =
      fields.required_mapping("network", fmt::format("the network of site \"{}\"", site.name));
  site.node_bandwidth =
      network.required_quantity("bandwidth", Quantity::kDataRate, Bound::kPositive);
  site.node_latency = network.required_quantity("latency", Quantity::kTime, Bound::kNonNegative);
  network.finish();

  YamlFields storage =
      fields.required_mapping("storage", fmt::format("the storage of site \"{}\"", site.name));
  site.storage_bandwidth =
      storage.required_quantity("bandwidth", Quantity::kDataRate, Bound::kPositive);
  storage.finish();

  site.power_cap_watts = fields.optional_quantity("power_cap", Quantity::kPower, Bound::kPositive);
  site.pue = fields.optional_number("pue", Bound::kAny).value_or(1.0);
  if (site.pue < 1) {
    fields.fail_at("pue", fmt::format("invalid \"pue\" in {}: expected at least 1 (facility "
                                      "power over IT power), got {:g}",
                                      fields.what(), site.pue));
  }
  // The engine keeps the site's GPUs under power_cap / pue by holding back work
  // (sim/engine/site_power_caps.hpp): it cannot do so when the GPUs exceed it idle.
  const auto model = std::find_if(gpu_models.begin(), gpu_models.end(),
                                  [&](const GpuModelSpec& m) { return m.name == site.gpu_model; });
  if (site.power_cap_watts && model != gpu_models.end()) {
    const double idle_watts =
        static_cast<double>(site.nodes) * site.gpus_per_node * model->idle_watts * site.pue;
    if (idle_watts > *site.power_cap_watts) {
      fields.fail_at("power_cap",
                     fmt::format("invalid \"power_cap\" in {}: expected at least what its "
                                 "{} GPUs draw idle ({:g} W, with pue {:g}), got {:g} W",
                                 fields.what(), site.nodes * site.gpus_per_node, idle_watts,
                                 site.pue, *site.power_cap_watts));
    }
  }
  fields.finish();
  return site;
}

const SiteSpec& wan_endpoint(const YAML::Node& name_node, const std::string& file,
                             const std::vector<SiteSpec>& sites) {
  const std::string name = name_node.Scalar();
  for (const SiteSpec& site : sites) {
    if (site.name == name) return site;
  }
  throw InputError(position_of(name_node, file),
                   fmt::format("unknown site \"{}\" in WAN link{}", name,
                               name_suggestion(name, names_of(sites))));
}

WanLinkSpec read_wan_link(YamlFields fields, const std::vector<SiteSpec>& sites) {
  const std::string& file = fields.file();
  WanLinkSpec link;
  link.where = fields.where();
  const YAML::Node between = fields.required_list("between");
  if (between.size() != 2 || !between[0].IsScalar() || !between[1].IsScalar()) {
    fields.fail_at("between",
                   "expected a list of two site names for \"between\", such as "
                   "[iowa, oregon]");
  }
  const SiteSpec& a = wan_endpoint(between[0], file, sites);
  const SiteSpec& b = wan_endpoint(between[1], file, sites);
  if (a.name == b.name) {
    fields.fail_at("between", fmt::format("WAN link from site \"{}\" to itself", a.name));
  }
  link.a = a.name;
  link.b = b.name;
  fields.describe_as(fmt::format("WAN link {}-{}", link.a, link.b));
  link.bandwidth = fields.required_quantity("bandwidth", Quantity::kDataRate, Bound::kPositive);
  const auto latency = fields.optional_quantity("latency", Quantity::kTime, Bound::kNonNegative);
  link.latency_derived = !latency.has_value();
  link.latency = latency.value_or(fibre_latency(a, b));
  fields.finish();
  return link;
}

void refuse_duplicate_pair(const std::vector<WanLinkSpec>& links) {
  const WanLinkSpec& added = links.back();
  for (std::size_t i = 0; i + 1 < links.size(); ++i) {
    const WanLinkSpec& earlier = links[i];
    if ((earlier.a == added.a && earlier.b == added.b) ||
        (earlier.a == added.b && earlier.b == added.a)) {
      throw InputError(
          added.where,
          fmt::format("duplicate WAN link between \"{}\" and \"{}\" (first at line {})", added.a,
                      added.b, earlier.where.line));
    }
  }
}

// Ground traffic between sites goes over the WAN only (network/platform_zone.hpp), so every
// site must reach every other through WAN links: one error per group of sites cut off from the
// first site's group, at the group's first site in file order.
void refuse_sites_without_wan_path(const PlatformSpec& platform, InputErrorList& errors) {
  const std::size_t count = platform.sites.size();
  std::vector<std::size_t> group(count);
  for (std::size_t i = 0; i < count; ++i) group[i] = i;
  const auto root = [&](std::size_t i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  const auto index_of = [&](const std::string& name) {
    for (std::size_t i = 0; i < count; ++i) {
      if (platform.sites[i].name == name) return i;
    }
    return count;  // not reached: WAN endpoints are checked sites
  };
  for (const WanLinkSpec& link : platform.wan_links) {
    group[root(index_of(link.a))] = root(index_of(link.b));
  }
  std::vector<bool> reported(count, false);
  for (std::size_t i = 1; i < count; ++i) {
    const std::size_t own = root(i);
    if (own == root(0) || reported[own]) continue;
    reported[own] = true;
    const SiteSpec& first = platform.sites[0];
    const SiteSpec& cut_off = platform.sites[i];
    errors.add(InputError(cut_off.where,
                          fmt::format("site \"{}\" has no WAN path to site \"{}\": traffic "
                                      "between ground sites goes over the WAN only; add a WAN "
                                      "link such as {{between: [{}, {}], bandwidth: 100 Gbps}}",
                                      cut_off.name, first.name, first.name, cut_off.name)));
  }
}

// The one place the top-level keys are read, in dependency order (sites need the GPU models,
// WAN links the sites), the orbital ones (orbital_reader.hpp) last; finish() then accepts
// exactly the keys read below. Errors go to `errors`; the entries that name entries of a list
// with an error are not read (they would repeat it).
void read_sections(YamlFields& top, const std::string& text, PlatformSpec& platform,
                   InputErrorList& errors) {
  errors.attempt([&] {
    if (auto name = top.optional_string("name")) platform.name = *name;
  });
  const bool models_read =
      read_entries(top, "gpu_models", "GPU model", ListPresence::kRequired, EntryReading::kRead,
                   platform.gpu_models, errors, read_gpu_model,
                   [](const auto& specs) { refuse_duplicate_name(specs, "GPU model"); });
  const EntryReading naming_models = models_read ? EntryReading::kRead : EntryReading::kSkip;
  const bool sites_read = read_entries(
      top, "sites", "site", ListPresence::kOptional, naming_models, platform.sites, errors,
      [&](YamlFields fields) { return read_site(std::move(fields), platform.gpu_models); },
      [](const auto& specs) { refuse_duplicate_name(specs, "site"); });
  const EntryReading naming_sites =
      models_read && sites_read ? EntryReading::kRead : EntryReading::kSkip;
  read_entries(
      top, "wan", "WAN link", ListPresence::kOptional, naming_sites, platform.wan_links, errors,
      [&](YamlFields fields) { return read_wan_link(std::move(fields), platform.sites); },
      refuse_duplicate_pair);
  read_orbital_sections(top, text, platform, errors, naming_models, naming_sites);
}

}  // namespace

double great_circle_distance(double latitude1_deg, double longitude1_deg, double latitude2_deg,
                             double longitude2_deg) {
  const double phi1 = radians(latitude1_deg);
  const double phi2 = radians(latitude2_deg);
  const double half_dphi = (phi2 - phi1) / 2;
  const double half_dlambda = radians(longitude2_deg - longitude1_deg) / 2;
  const double h = std::sin(half_dphi) * std::sin(half_dphi) + std::cos(phi1) * std::cos(phi2) *
                                                                   std::sin(half_dlambda) *
                                                                   std::sin(half_dlambda);
  // min() guards asin against rounding just above 1 for antipodal points.
  return 2 * kMeanEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

double fibre_latency(const SiteSpec& a, const SiteSpec& b) {
  return great_circle_distance(a.latitude_deg, a.longitude_deg, b.latitude_deg, b.longitude_deg) /
         kFibreLightSpeed;
}

PlatformSpec read_platform_text(const std::string& text, const std::string& file_name) {
  const YAML::Node root = load_yaml(text, file_name);
  if (root.IsNull()) {
    throw InputError(SourcePosition{file_name, 1, 1},
                     "empty platform file: expected \"gpu_models\" and \"sites\"");
  }
  PlatformSpec platform;
  YamlFields top(root, file_name, "the platform", &platform.warnings);
  platform.file = file_name;
  platform.name = std::filesystem::path(file_name).stem().string();
  InputErrorList errors;
  read_sections(top, text, platform, errors);
  errors.attempt([&] { top.finish(); });
  if (errors.empty()) refuse_sites_without_wan_path(platform, errors);
  errors.throw_if_any();
  if (platform.sites.empty() && !has_satellites(platform)) {
    const SourcePosition where = top.has("sites") ? top.where("sites") : top.where();
    throw InputError(where,
                     "the platform has no sites and no satellites: add at least one under "
                     "\"sites\", \"shells\", \"formations\" or \"satellites\"");
  }
  return platform;
}

PlatformSpec read_platform_file(const std::string& path) {
  return read_platform_text(read_input_file(path), path);
}

}  // namespace umbra::spec
