#include "sim/spec/orbital_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <limits>
#include <optional>
#include <utility>

#include "sim/orbit/earth.hpp"
#include "sim/spec/list_reading.hpp"
#include "sim/spec/platform_reader.hpp"

namespace umbra::spec {
namespace {

std::vector<std::string> names_of(const auto& specs) {
  std::vector<std::string> names;
  for (const auto& spec : specs) names.push_back(spec.name);
  return names;
}

// One word out of a fixed set, e.g. "pattern: delta | star"; required when there is no fallback.
template <typename Enum>
Enum read_choice(YamlFields& fields, const std::string& key,
                 const std::vector<std::pair<std::string, Enum>>& choices,
                 std::optional<Enum> fallback) {
  if (fallback && !fields.has(key)) return *fallback;
  const std::string text = fields.required_string(key);
  std::vector<std::string> words;
  for (const auto& [word, value] : choices) {
    if (word == text) return value;
    words.push_back(word);
  }
  fields.fail_at(key, fmt::format("invalid \"{}\" in {}: expected {}, got \"{}\"", key,
                                  fields.what(), fmt::join(words, " or "), text));
}

// Which fractions a ratio may take.
enum class Interval { kAboveZeroToOne, kZeroToBelowOne, kZeroToOne };

void check_fraction(const YamlFields& fields, const std::string& key, double value,
                    Interval interval) {
  const bool inside = interval == Interval::kAboveZeroToOne   ? value > 0 && value <= 1
                      : interval == Interval::kZeroToBelowOne ? value >= 0 && value < 1
                                                              : value >= 0 && value <= 1;
  if (!inside) {
    const char* range = interval == Interval::kAboveZeroToOne   ? "(0, 1]"
                        : interval == Interval::kZeroToBelowOne ? "[0, 1)"
                                                                : "[0, 1]";
    fields.fail_at(key, fmt::format("invalid \"{}\" in {}: expected a fraction in {}, got {:g}",
                                    key, fields.what(), range, value));
  }
}

double required_fraction(YamlFields& fields, const std::string& key, Interval interval) {
  const double value = fields.required_quantity(key, Quantity::kRatio, Bound::kAny);
  check_fraction(fields, key, value, interval);
  return value;
}

double optional_fraction(YamlFields& fields, const std::string& key, Interval interval,
                         double fallback) {
  const double value =
      fields.optional_quantity(key, Quantity::kRatio, Bound::kAny).value_or(fallback);
  check_fraction(fields, key, value, interval);
  return value;
}

// Below about 150 km the atmosphere brings a satellite down within days: a lower altitude is a
// unit left out ("550" is 550 m) or a typing error.
constexpr double kLowestOrbitAltitude = 150e3;  // m

// An orbit's altitude under `key`, a height above the equatorial radius (orbit/earth.hpp).
double read_orbit_altitude(YamlFields& fields, const std::string& key) {
  const double altitude = fields.required_quantity(key, Quantity::kLength, Bound::kAny);
  if (altitude < kLowestOrbitAltitude) {
    const std::string text = fields.optional_scalar(key)->text;
    const std::string unit_note =
        has_unit(text) ? "" : fmt::format(" (no unit: read as {} m)", text);
    fields.fail_at(key, fmt::format("invalid \"{}\" in {}: expected at least 150 km (lower orbits "
                                    "decay within days), got \"{}\"{}",
                                    key, fields.what(), text, unit_note));
  }
  return altitude;
}

// A Keplerian orbit's perigee must clear the Earth and the lowest orbit.
void check_perigee(const YamlFields& fields, double semi_major_axis, double eccentricity) {
  const double perigee_radius = semi_major_axis * (1 - eccentricity);
  if (perigee_radius <= orbit::kEquatorialRadius) {
    fields.fail(
        fmt::format("{}: perigee radius {:.3f} km is inside the Earth (a = {:.3f} km, "
                    "e = {:g})",
                    fields.what(), perigee_radius / 1e3, semi_major_axis / 1e3, eccentricity));
  }
  const double perigee_altitude = perigee_radius - orbit::kEquatorialRadius;
  if (perigee_altitude < kLowestOrbitAltitude) {
    fields.fail(
        fmt::format("{}: perigee altitude {:.1f} km is below 150 km, where orbits decay "
                    "within days (a = {:.3f} km, e = {:g})",
                    fields.what(), perigee_altitude / 1e3, semi_major_axis / 1e3, eccentricity));
  }
}

// An angle in [0, limit] degrees (inclinations) or any angle (RAAN, anomalies: taken modulo 360).
double optional_angle(YamlFields& fields, const std::string& key, double fallback) {
  return fields.optional_quantity(key, Quantity::kAngle, Bound::kAny).value_or(fallback);
}

double read_inclination(YamlFields& fields, double degrees) {
  if (degrees < 0 || degrees > 180) {
    fields.fail_at("inclination", fmt::format("invalid \"inclination\" in {}: expected an angle "
                                              "in [0, 180] degrees, got {:g}",
                                              fields.what(), degrees));
  }
  return degrees;
}

// "18:00" or "06:30:00": seconds after local midnight.
double read_local_time(YamlFields& fields, const std::string& key) {
  const auto scalar = fields.optional_scalar(key);
  const std::string& text = scalar->text;
  int parts[3] = {0, 0, 0};
  int count = 0;
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  bool valid = true;
  while (valid && count < 3) {
    const auto [next, error] = std::from_chars(cursor, end, parts[count]);
    valid = error == std::errc{} && next - cursor == 2;
    cursor = next;
    ++count;
    if (cursor == end || *cursor != ':') break;
    ++cursor;
  }
  valid = valid && cursor == end && count >= 2 && parts[0] >= 0 && parts[1] >= 0 && parts[2] >= 0 &&
          parts[0] < 24 && parts[1] < 60 && parts[2] < 60;
  if (!valid) {
    throw InputError(scalar->where,
                     fmt::format("invalid \"{}\" in {}: expected a local time HH:MM or HH:MM:SS "
                                 "such as \"18:00\", got \"{}\"",
                                 key, fields.what(), text));
  }
  return parts[0] * 3600.0 + parts[1] * 60.0 + parts[2];
}

void require_name_in(YamlFields& fields, const std::string& key, const std::string& name,
                     const std::vector<std::string>& known, std::string_view kind) {
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    fields.fail_at(key, fmt::format("unknown {} \"{}\" in {}{}", kind, name, fields.what(),
                                    name_suggestion(name, known)));
  }
}

PayloadSpec read_payload(YamlFields& owner, const PlatformSpec& platform) {
  YamlFields fields = owner.required_mapping("payload", "the payload of " + owner.what());
  PayloadSpec payload;
  payload.gpu_model = fields.required_string("gpu_model");
  require_name_in(fields, "gpu_model", payload.gpu_model, names_of(platform.gpu_models),
                  "GPU model");
  payload.gpus = fields.required_integer("gpus", Bound::kPositive);
  payload.fabric_bandwidth =
      fields.optional_quantity("fabric", Quantity::kDataRate, Bound::kPositive)
          .value_or(payload.fabric_bandwidth);
  payload.storage_bandwidth =
      fields.optional_quantity("storage", Quantity::kDataRate, Bound::kPositive)
          .value_or(payload.storage_bandwidth);
  fields.finish();
  return payload;
}

SolarArraySpec read_solar_array(YamlFields& owner) {
  YamlFields fields = owner.required_mapping("solar_array", "the solar array of " + owner.what());
  SolarArraySpec array;
  array.area = fields.required_quantity("area", Quantity::kArea, Bound::kPositive);
  array.efficiency = required_fraction(fields, "efficiency", Interval::kAboveZeroToOne);
  array.packing_factor =
      optional_fraction(fields, "packing_factor", Interval::kAboveZeroToOne, array.packing_factor);
  array.degradation_per_year =
      optional_fraction(fields, "degradation_per_year", Interval::kZeroToBelowOne, 0);
  array.pointing = read_choice<ArrayPointing>(
      fields, "pointing",
      {{"sun-tracking", ArrayPointing::kSunTracking}, {"body-fixed", ArrayPointing::kBodyFixed}},
      ArrayPointing::kSunTracking);
  fields.finish();
  return array;
}

BatterySpec read_battery(YamlFields& owner) {
  YamlFields fields = owner.required_mapping("battery", "the battery of " + owner.what());
  BatterySpec battery;
  battery.capacity = fields.required_quantity("capacity", Quantity::kEnergy, Bound::kPositive);
  battery.max_charge_power =
      fields.required_quantity("max_charge_power", Quantity::kPower, Bound::kPositive);
  battery.max_discharge_power =
      fields.required_quantity("max_discharge_power", Quantity::kPower, Bound::kPositive);
  battery.charge_efficiency = optional_fraction(
      fields, "charge_efficiency", Interval::kAboveZeroToOne, battery.charge_efficiency);
  battery.discharge_efficiency = optional_fraction(
      fields, "discharge_efficiency", Interval::kAboveZeroToOne, battery.discharge_efficiency);
  battery.min_state_of_charge = optional_fraction(
      fields, "min_state_of_charge", Interval::kZeroToBelowOne, battery.min_state_of_charge);
  battery.initial_state_of_charge = optional_fraction(
      fields, "initial_state_of_charge", Interval::kZeroToOne, battery.initial_state_of_charge);
  if (battery.initial_state_of_charge < battery.min_state_of_charge) {
    fields.fail_at(
        "initial_state_of_charge",
        fmt::format("initial_state_of_charge {:g} in {} is below its "
                    "min_state_of_charge {:g}",
                    battery.initial_state_of_charge, fields.what(), battery.min_state_of_charge));
  }
  fields.finish();
  return battery;
}

std::vector<TerminalSpec> read_terminals(YamlFields& owner, const PlatformSpec& platform) {
  std::vector<TerminalSpec> terminals;
  const auto list = owner.optional_list("terminals");
  if (!list) return terminals;
  for (const YAML::Node& item : *list) {
    YamlFields fields = owner.entry(item, "a terminal of " + owner.what());
    TerminalSpec terminal;
    terminal.link_class = fields.required_string("link_class");
    require_name_in(fields, "link_class", terminal.link_class, names_of(platform.link_classes),
                    "link class");
    terminal.count = fields.optional_integer("count", Bound::kPositive).value_or(1);
    fields.finish();
    terminals.push_back(terminal);
  }
  return terminals;
}

int terminal_count(const SatelliteHardwareSpec& hardware, const std::string& link_class) {
  int count = 0;
  for (const TerminalSpec& terminal : hardware.terminals) {
    if (terminal.link_class == link_class) count += terminal.count;
  }
  return count;
}

const LinkClassSpec& laser_class(YamlFields& fields, const std::string& key,
                                 const std::string& name, const PlatformSpec& platform) {
  require_name_in(fields, key, name, names_of(platform.link_classes), "link class");
  const auto found = std::find_if(platform.link_classes.begin(), platform.link_classes.end(),
                                  [&](const LinkClassSpec& link) { return link.name == name; });
  if (found->kind != LinkKind::kLaser) {
    fields.fail_at(key, fmt::format("link class \"{}\" in {} is not a laser class: links "
                                    "between satellites need kind: laser",
                                    name, fields.what()));
  }
  return *found;
}

// The `isl:` block of a shell or formation of `group_size` satellites. `plus_grid_links` is how
// many links a satellite of a shell keeps in the plus grid; formations have no plus grid and
// shells no full mesh (~N^2/2 candidate links). The satellites' terminals of the class must
// cover the links one satellite keeps at once; a full mesh asks for no fixed number (the
// terminal assignment picks which of its links are up).
IslSpec read_isl(YamlFields& owner, const PlatformSpec& platform,
                 const SatelliteHardwareSpec& hardware, int group_size,
                 std::optional<int> plus_grid_links) {
  IslSpec isl;
  auto fields = owner.optional_mapping("isl", "the isl of " + owner.what());
  if (!fields) return isl;
  isl.where = fields->where();
  const std::string topology = fields->optional_string("topology").value_or("");
  isl.topology = read_choice<IslTopology>(*fields, "topology",
                                          {{"plus-grid", IslTopology::kPlusGrid},
                                           {"nearest-k", IslTopology::kNearestK},
                                           {"full-mesh", IslTopology::kFullMesh},
                                           {"none", IslTopology::kNone}},
                                          std::nullopt);
  if (isl.topology == IslTopology::kNone) {
    fields->finish();
    return isl;
  }
  const bool is_shell = plus_grid_links.has_value();
  if (is_shell ? isl.topology == IslTopology::kFullMesh : isl.topology == IslTopology::kPlusGrid) {
    fields->fail_at("topology",
                    fmt::format("invalid \"topology\" in {}: {} applies to {} only", fields->what(),
                                topology, is_shell ? "formations" : "shells"));
  }
  isl.link_class = fields->required_string("link_class");
  laser_class(*fields, "link_class", isl.link_class, platform);
  int needed = 1;
  if (isl.topology == IslTopology::kNearestK) {
    isl.k = fields->required_integer("k", Bound::kPositive);
    if (isl.k >= group_size) {
      fields->fail_at("k", fmt::format("invalid \"k\" in {}: expected at most {} (the other "
                                       "satellites of {}), got {}",
                                       fields->what(), group_size - 1, owner.what(), isl.k));
    }
    needed = isl.k;
  } else if (isl.topology == IslTopology::kPlusGrid) {
    needed = std::max(1, *plus_grid_links);
  }
  const int terminals = terminal_count(hardware, isl.link_class);
  if (terminals < needed) {
    fields->fail_at("topology",
                    fmt::format("the {} topology of {} needs {} terminal(s) of link class \"{}\" "
                                "per satellite, but its satellites carry {}",
                                topology, owner.what(), needed, isl.link_class, terminals));
  }
  fields->finish();
  return isl;
}

IslPairSpec read_isl_pair(YamlFields fields, const PlatformSpec& platform) {
  IslPairSpec pair;
  pair.where = fields.where();
  const YAML::Node between = fields.required_list("between");
  if (between.size() != 2 || !between[0].IsScalar() || !between[1].IsScalar()) {
    fields.fail_at("between", fmt::format("invalid \"between\" in {}: expected two satellite "
                                          "names, such as between: [demo-1, demo-2]",
                                          fields.what()));
  }
  pair.a = between[0].Scalar();
  pair.b = between[1].Scalar();
  if (pair.a == pair.b) {
    fields.fail_at("between", fmt::format("invalid \"between\" in {}: a satellite cannot link "
                                          "to itself (\"{}\")",
                                          fields.what(), pair.a));
  }
  pair.link_class = fields.required_string("link_class");
  laser_class(fields, "link_class", pair.link_class, platform);
  fields.finish();
  return pair;
}

SatelliteHardwareSpec read_hardware(YamlFields& fields, const PlatformSpec& platform) {
  SatelliteHardwareSpec hardware;
  if (fields.has("payload")) hardware.payload = read_payload(fields, platform);
  if (fields.has("solar_array")) hardware.solar_array = read_solar_array(fields);
  if (fields.has("battery")) hardware.battery = read_battery(fields);
  hardware.bus_power =
      fields.optional_quantity("bus_power", Quantity::kPower, Bound::kNonNegative).value_or(0);
  hardware.power_policy = read_choice<PowerPolicy>(fields, "power_policy",
                                                   {{"throttle", PowerPolicy::kThrottle},
                                                    {"suspend", PowerPolicy::kSuspend},
                                                    {"shutdown", PowerPolicy::kShutdown}},
                                                   PowerPolicy::kThrottle);
  hardware.terminals = read_terminals(fields, platform);
  return hardware;
}

// Keplerian elements from `fields` (a satellite or a formation's reference).
KeplerianSpec read_keplerian(YamlFields& fields) {
  KeplerianSpec orbit;
  if (fields.has("altitude") == fields.has("semi_major_axis")) {
    fields.fail(
        fmt::format("{} needs exactly one of \"altitude\" and \"semi_major_axis\"", fields.what()));
  }
  if (fields.has("altitude")) {
    orbit.altitude = read_orbit_altitude(fields, "altitude");
  } else {
    orbit.semi_major_axis =
        fields.required_quantity("semi_major_axis", Quantity::kLength, Bound::kPositive);
  }
  orbit.eccentricity = optional_fraction(fields, "eccentricity", Interval::kZeroToBelowOne, 0);
  check_perigee(
      fields, orbit.semi_major_axis.value_or(orbit::kEquatorialRadius + orbit.altitude.value_or(0)),
      orbit.eccentricity);
  orbit.inclination_deg = read_inclination(
      fields, fields.required_quantity("inclination", Quantity::kAngle, Bound::kAny));
  orbit.raan_deg = optional_angle(fields, "raan", 0);
  orbit.argument_of_perigee_deg = optional_angle(fields, "argument_of_perigee", 0);
  orbit.mean_anomaly_deg = optional_angle(fields, "mean_anomaly", 0);
  orbit.epoch = fields.optional_scalar("element_epoch");
  return orbit;
}

SunSynchronousSpec read_sun_synchronous(YamlFields& fields) {
  return {read_orbit_altitude(fields, "altitude"),
          read_local_time(fields, "local_time_of_ascending_node")};
}

ShellSpec read_shell(YamlFields fields, const PlatformSpec& platform) {
  ShellSpec shell;
  shell.where = fields.where();
  shell.name = fields.required_string("name");
  fields.describe_as(fmt::format("shell \"{}\"", shell.name));
  shell.altitude = read_orbit_altitude(fields, "altitude");
  const bool walker = fields.has("inclination");
  if (walker == fields.has("local_time_of_ascending_node")) {
    fields.fail(
        fmt::format("{} needs exactly one of \"inclination\" (a Walker shell) and "
                    "\"local_time_of_ascending_node\" (a sun-synchronous shell)",
                    fields.what()));
  }
  if (walker) {
    shell.inclination_deg = read_inclination(
        fields, fields.required_quantity("inclination", Quantity::kAngle, Bound::kAny));
    shell.raan_of_first_plane_deg = optional_angle(fields, "raan_of_first_plane", 0);
  } else {
    shell.local_time_of_ascending_node = read_local_time(fields, "local_time_of_ascending_node");
  }
  shell.planes = fields.optional_integer("planes", Bound::kPositive).value_or(1);
  shell.satellites_per_plane = fields.required_integer("satellites_per_plane", Bound::kPositive);
  shell.phasing = fields.optional_integer("phasing", Bound::kNonNegative).value_or(0);
  if (shell.phasing >= shell.planes) {
    fields.fail_at("phasing", fmt::format("invalid \"phasing\" in {}: expected Walker F in [0, {}] "
                                          "(planes - 1), got {}",
                                          fields.what(), shell.planes - 1, shell.phasing));
  }
  shell.pattern = read_choice<WalkerPatternSpec>(
      fields, "pattern", {{"delta", WalkerPatternSpec::kDelta}, {"star", WalkerPatternSpec::kStar}},
      WalkerPatternSpec::kDelta);
  shell.hardware = read_hardware(fields, platform);
  // Plus grid: fore and aft in the plane and one satellite in each neighbouring plane, fewer in
  // a shell too small to have them all.
  shell.isl = read_isl(fields, platform, shell.hardware, shell.planes * shell.satellites_per_plane,
                       std::min(2, shell.satellites_per_plane - 1) + std::min(2, shell.planes - 1));
  fields.finish();
  return shell;
}

FormationSpec read_formation(YamlFields fields, const PlatformSpec& platform) {
  FormationSpec formation;
  formation.where = fields.where();
  formation.name = fields.required_string("name");
  fields.describe_as(fmt::format("formation \"{}\"", formation.name));
  YamlFields reference = fields.required_mapping(
      "reference", fmt::format("the reference orbit of formation \"{}\"", formation.name));
  if (reference.has("local_time_of_ascending_node")) {
    formation.reference = read_sun_synchronous(reference);
  } else {
    formation.reference = read_keplerian(reference);
  }
  reference.finish();
  formation.members = fields.required_integer("members", Bound::kPositive);
  formation.radius = fields.required_quantity("radius", Quantity::kLength, Bound::kPositive);
  formation.hardware = read_hardware(fields, platform);
  formation.isl = read_isl(fields, platform, formation.hardware, formation.members, std::nullopt);
  fields.finish();
  return formation;
}

// The lines of a `tle: |` block, each placed in the file: yaml-cpp marks a block scalar at its
// '|', so line k of the block is k lines below it, indented by what the raw line shows.
InlineTleSpec read_inline_tle(const ScalarText& scalar, const std::string& text) {
  std::vector<std::string_view> raw_lines;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line(text.data() + start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    raw_lines.push_back(line);
    start = end + 1;
  }
  InlineTleSpec tle;
  std::string_view block = scalar.text;
  if (block.ends_with('\n')) block.remove_suffix(1);
  for (std::size_t start = 0, k = 0; start <= block.size(); ++k) {
    const std::size_t end = std::min(block.find('\n', start), block.size());
    const std::string line(block.substr(start, end - start));
    const std::size_t raw_index = static_cast<std::size_t>(scalar.where.line) + k;
    SourcePosition where = scalar.where;
    if (raw_index < raw_lines.size() && !line.empty() && raw_lines[raw_index].ends_with(line)) {
      where.line = static_cast<int>(raw_index) + 1;
      where.column = static_cast<int>(raw_lines[raw_index].size() - line.size()) + 1;
    }
    tle.lines.push_back({line, where});
    start = end + 1;
  }
  return tle;
}

SatelliteSpec read_satellite(YamlFields fields, const PlatformSpec& platform,
                             const std::string& text) {
  const std::string& file = fields.file();
  SatelliteSpec satellite;
  satellite.where = fields.where();
  satellite.name = fields.optional_string("name").value_or("");
  if (!satellite.name.empty()) fields.describe_as(fmt::format("satellite \"{}\"", satellite.name));
  const std::vector<std::string> sources = {"tle", "tle_file", "omm_file"};
  std::vector<std::string> given;
  for (const std::string& key : sources) {
    if (fields.has(key)) given.push_back(key);
  }
  if (given.size() > 1) {
    fields.fail_at(given[1], fmt::format("{} has both \"{}\" and \"{}\": give one orbit source",
                                         fields.what(), given[0], given[1]));
  }
  if (given.empty()) {
    if (satellite.name.empty()) {
      fields.fail(
          "a satellite with Keplerian elements needs a \"name\" (or give \"tle\", "
          "\"tle_file\" or \"omm_file\")");
    }
    satellite.orbit = read_keplerian(fields);
  } else if (given[0] == "tle") {
    satellite.orbit = read_inline_tle(*fields.optional_scalar("tle"), text);
  } else {
    if (!satellite.name.empty()) {
      fields.fail_at("name", fmt::format("\"name\" cannot be given with \"{}\": each element set "
                                         "in the file is named by its name line or OBJECT_NAME",
                                         given[0]));
    }
    const auto path = fields.optional_scalar(given[0]);
    const auto folder = std::filesystem::path(file).parent_path();
    satellite.orbit = ElementFileSpec{
        given[0] == "tle_file" ? ElementFileSpec::Format::kTle : ElementFileSpec::Format::kOmm,
        (folder / path->text).lexically_normal().string(), path->where};
  }
  satellite.hardware = read_hardware(fields, platform);
  fields.finish();
  return satellite;
}

LinkClassSpec read_link_class(YamlFields fields) {
  LinkClassSpec link;
  link.where = fields.where();
  link.name = fields.required_string("name");
  fields.describe_as(fmt::format("link class \"{}\"", link.name));
  link.kind = read_choice<LinkKind>(fields, "kind",
                                    {{"laser", LinkKind::kLaser},
                                     {"rf", LinkKind::kRf},
                                     {"optical-ground", LinkKind::kOpticalGround}},
                                    std::nullopt);
  link.rate = fields.required_quantity("rate", Quantity::kDataRate, Bound::kPositive);
  link.rate_model = read_choice<RateModel>(
      fields, "rate_model",
      {{"fixed", RateModel::kFixed}, {"inverse-square", RateModel::kInverseSquare}},
      RateModel::kFixed);
  if (link.rate_model == RateModel::kInverseSquare) {
    link.reference_range =
        fields.required_quantity("reference_range", Quantity::kLength, Bound::kPositive);
  } else if (fields.has("reference_range")) {
    fields.fail_at("reference_range", fmt::format("\"reference_range\" in {} applies to "
                                                  "rate_model: inverse-square only",
                                                  fields.what()));
  }
  link.max_range = fields.required_quantity("max_range", Quantity::kLength, Bound::kPositive);
  link.grazing_altitude =
      fields.optional_quantity("grazing_altitude", Quantity::kLength, Bound::kNonNegative)
          .value_or(link.grazing_altitude);
  link.acquisition_time =
      fields.optional_quantity("acquisition_time", Quantity::kTime, Bound::kNonNegative)
          .value_or(0);
  link.power = fields.optional_quantity("power", Quantity::kPower, Bound::kNonNegative).value_or(0);
  link.elevation_mask_deg =
      fields.optional_quantity("elevation_mask", Quantity::kAngle, Bound::kAny)
          .value_or(link.elevation_mask_deg);
  if (link.elevation_mask_deg < 0 || link.elevation_mask_deg >= 90) {
    fields.fail_at("elevation_mask",
                   fmt::format("invalid \"elevation_mask\" in {}: expected an angle in [0, 90) "
                               "degrees, got {:g}",
                               fields.what(), link.elevation_mask_deg));
  }
  if (fields.has("availability") && link.kind != LinkKind::kOpticalGround) {
    fields.fail_at("availability", fmt::format("\"availability\" in {} applies to optical-ground "
                                               "links only",
                                               fields.what()));
  }
  link.availability =
      optional_fraction(fields, "availability", Interval::kAboveZeroToOne, link.availability);
  fields.finish();
  return link;
}

GroundStationSpec read_ground_station(YamlFields fields, const PlatformSpec& platform) {
  GroundStationSpec station;
  station.where = fields.where();
  station.name = fields.required_string("name");
  fields.describe_as(fmt::format("ground station \"{}\"", station.name));
  YamlFields location = fields.required_mapping(
      "location", fmt::format("the location of ground station \"{}\"", station.name));
  station.latitude_deg = read_coordinate(location, "latitude", 90);
  station.longitude_deg = read_coordinate(location, "longitude", 180);
  location.finish();
  station.altitude =
      fields.optional_quantity("altitude", Quantity::kLength, Bound::kAny).value_or(0);
  station.min_elevation_deg =
      fields.optional_quantity("min_elevation", Quantity::kAngle, Bound::kAny)
          .value_or(station.min_elevation_deg);
  if (station.min_elevation_deg < 0 || station.min_elevation_deg >= 90) {
    fields.fail_at("min_elevation",
                   fmt::format("invalid \"min_elevation\" in {}: expected an angle in [0, 90) "
                               "degrees, got {:g}",
                               fields.what(), station.min_elevation_deg));
  }
  station.antennas = fields.optional_integer("antennas", Bound::kPositive).value_or(1);
  if (auto backhaul = fields.optional_mapping(
          "backhaul", fmt::format("the backhaul of ground station \"{}\"", station.name))) {
    station.backhaul_site = backhaul->optional_string("site").value_or("");
    if (!station.backhaul_site.empty()) {
      require_name_in(*backhaul, "site", station.backhaul_site, names_of(platform.sites), "site");
    }
    station.backhaul_bandwidth =
        backhaul->optional_quantity("bandwidth", Quantity::kDataRate, Bound::kPositive)
            .value_or(station.backhaul_bandwidth);
    backhaul->finish();
  }
  fields.finish();
  return station;
}

// A station without a named backhaul site joins the nearest site by great-circle distance (the
// first in file order on a tie).
void resolve_backhauls(PlatformSpec& platform) {
  for (GroundStationSpec& station : platform.ground_stations) {
    if (!station.backhaul_site.empty()) continue;
    double nearest = std::numeric_limits<double>::infinity();
    for (const SiteSpec& site : platform.sites) {
      const double distance = great_circle_distance(station.latitude_deg, station.longitude_deg,
                                                    site.latitude_deg, site.longitude_deg);
      if (distance < nearest) {
        nearest = distance;
        station.backhaul_site = site.name;
      }
    }
  }
}

}  // namespace

bool has_satellites(const PlatformSpec& platform) {
  return !platform.shells.empty() || !platform.formations.empty() || !platform.satellites.empty();
}

void read_orbital_sections(YamlFields& top, const std::string& text, PlatformSpec& platform,
                           InputErrorList& errors, EntryReading naming_models,
                           EntryReading naming_sites) {
  errors.attempt([&] { platform.epoch = top.optional_scalar("epoch"); });
  const bool link_classes_read =
      read_entries(top, "link_classes", "link class", ListPresence::kOptional, EntryReading::kRead,
                   platform.link_classes, errors, read_link_class,
                   [](const auto& specs) { refuse_duplicate_name(specs, "link class"); });
  const EntryReading naming_link_classes =
      link_classes_read ? EntryReading::kRead : EntryReading::kSkip;
  read_entries(
      top, "ground_stations", "ground station", ListPresence::kOptional, naming_sites,
      platform.ground_stations, errors,
      [&](YamlFields fields) { return read_ground_station(std::move(fields), platform); },
      [](const auto& specs) { refuse_duplicate_name(specs, "ground station"); });
  resolve_backhauls(platform);
  errors.attempt([&] {
    if (const auto routing = top.optional_string("routing")) {
      if (*routing == "delay") {
        platform.routing = RoutingMetric::kDelay;
      } else if (*routing == "bandwidth") {
        platform.routing = RoutingMetric::kBandwidth;
      } else {
        top.fail_at("routing", fmt::format("invalid \"routing\" \"{}\": expected delay (shortest "
                                           "one-way delay) or bandwidth (widest bottleneck)",
                                           *routing));
      }
    }
  });
  // Satellites carry GPU models and terminals of link classes.
  const EntryReading naming_models_and_classes =
      naming_models == EntryReading::kRead ? naming_link_classes : EntryReading::kSkip;
  read_entries(
      top, "shells", "shell", ListPresence::kOptional, naming_models_and_classes, platform.shells,
      errors, [&](YamlFields fields) { return read_shell(std::move(fields), platform); },
      [](const auto& specs) { refuse_duplicate_name(specs, "shell"); });
  read_entries(
      top, "formations", "formation", ListPresence::kOptional, naming_models_and_classes,
      platform.formations, errors,
      [&](YamlFields fields) { return read_formation(std::move(fields), platform); },
      [](const auto& specs) { refuse_duplicate_name(specs, "formation"); });
  read_entries(
      top, "satellites", "satellite", ListPresence::kOptional, naming_models_and_classes,
      platform.satellites, errors,
      [&](YamlFields fields) { return read_satellite(std::move(fields), platform, text); },
      [](const auto& specs) { refuse_duplicate_name(specs, "satellite"); });
  read_entries(
      top, "isl_pairs", "isl pair", ListPresence::kOptional, naming_link_classes,
      platform.isl_pairs, errors,
      [&](YamlFields fields) { return read_isl_pair(std::move(fields), platform); },
      [](const auto&) {});  // satellite names are checked when the constellation is built
  if (has_satellites(platform) && !platform.epoch && !top.has("epoch")) {
    const std::string first = !platform.shells.empty()       ? "shells"
                              : !platform.formations.empty() ? "formations"
                                                             : "satellites";
    errors.attempt([&] {
      top.fail_at(first,
                  "the platform has satellites but no \"epoch\": add the scenario's start in "
                  "UTC, such as epoch: 2026-03-20T12:00:00Z");
    });
  }
}

}  // namespace umbra::spec
