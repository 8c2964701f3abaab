#include "sim/orbit/omm.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace umbra::orbit {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

double number(std::string_view key, std::string_view text, const SourcePosition& where) {
  std::string_view digits = trim(text);
  if (digits.starts_with('+')) digits.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
      !std::isfinite(value)) {
    throw InputError(where, fmt::format("{}: expected a number, found \"{}\"", key, text));
  }
  return value;
}

// Reads angles in degrees into radians after checking their range.
double angle(std::string_view key, std::string_view text, const SourcePosition& where,
             Element element) {
  const double degrees = number(key, text, where);
  check_element_range(element, degrees, where);
  return degrees * kRadiansPerDegree;
}

void require_value(std::string_view key, std::string_view text, std::string_view expected,
                   const SourcePosition& where) {
  if (trim(text) != expected) {
    throw InputError(where, fmt::format("{}: expected {} (SGP4 mean elements), found \"{}\"", key,
                                        expected, text));
  }
}

using Setter = void (*)(ElementSet&, std::string_view key, std::string_view value,
                        const SourcePosition&);

struct KeyRule {
  std::string_view key;
  bool required;
  Setter apply;
};

// What each OMM key means for an ElementSet. Keys not listed here are ignored.
constexpr std::array kKeyRules = {
    KeyRule{"OBJECT_NAME", false,
            [](ElementSet& s, std::string_view, std::string_view v, const SourcePosition&) {
              s.name = std::string(trim(v));
            }},
    KeyRule{"NORAD_CAT_ID", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              const double id = number(k, v, at);
              if (id < 0 || id != std::floor(id) || id > 999999999) {
                throw InputError(
                    at, fmt::format("{}: expected a whole catalogue number, found \"{}\"", k, v));
              }
              s.satnum = static_cast<int>(id);
            }},
    KeyRule{"EPOCH", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              try {
                s.epoch = parse_utc(trim(v));
              } catch (const InputError& error) {
                throw InputError(at, fmt::format("{}: {}", k, error.message()));
              }
            }},
    KeyRule{"MEAN_MOTION", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.mean_motion = number(k, v, at);
              check_element_range(Element::kMeanMotion, s.mean_motion, at);
            }},
    KeyRule{"ECCENTRICITY", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.eccentricity = number(k, v, at);
              check_element_range(Element::kEccentricity, s.eccentricity, at);
            }},
    KeyRule{"INCLINATION", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.inclination = angle(k, v, at, Element::kInclination);
            }},
    KeyRule{"RA_OF_ASC_NODE", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.raan = angle(k, v, at, Element::kRaan);
            }},
    KeyRule{"ARG_OF_PERICENTER", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.argument_of_perigee = angle(k, v, at, Element::kArgumentOfPerigee);
            }},
    KeyRule{"MEAN_ANOMALY", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.mean_anomaly = angle(k, v, at, Element::kMeanAnomaly);
            }},
    KeyRule{"BSTAR", true,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.bstar = number(k, v, at);
            }},
    KeyRule{"MEAN_MOTION_DOT", false,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.mean_motion_dot = number(k, v, at);
            }},
    KeyRule{"MEAN_MOTION_DDOT", false,
            [](ElementSet& s, std::string_view k, std::string_view v, const SourcePosition& at) {
              s.mean_motion_ddot = number(k, v, at);
            }},
    KeyRule{"CENTER_NAME", false,
            [](ElementSet&, std::string_view k, std::string_view v, const SourcePosition& at) {
              require_value(k, v, "EARTH", at);
            }},
    KeyRule{"REF_FRAME", false,
            [](ElementSet&, std::string_view k, std::string_view v, const SourcePosition& at) {
              require_value(k, v, "TEME", at);
            }},
    KeyRule{"TIME_SYSTEM", false,
            [](ElementSet&, std::string_view k, std::string_view v, const SourcePosition& at) {
              require_value(k, v, "UTC", at);
            }},
    KeyRule{"MEAN_ELEMENT_THEORY", false,
            [](ElementSet&, std::string_view k, std::string_view v, const SourcePosition& at) {
              require_value(k, v, "SGP4", at);
            }},
};

// Collects the keys of one message, whichever form it came in.
class MessageBuilder {
 public:
  explicit MessageBuilder(SourcePosition start) : start_(std::move(start)) {}

  void add(std::string_view key, std::string_view value, const SourcePosition& key_at,
           const SourcePosition& value_at) {
    const auto rule = std::find_if(kKeyRules.begin(), kKeyRules.end(),
                                   [&](const KeyRule& r) { return r.key == key; });
    if (rule == kKeyRules.end()) return;
    if (!seen_.insert(rule->key).second) {
      throw InputError(key_at, fmt::format("{} is given twice in one message", key));
    }
    rule->apply(set_, key, value, value_at);
  }

  ElementSet finish() const {
    for (const KeyRule& rule : kKeyRules) {
      if (rule.required && !seen_.contains(rule.key)) {
        throw InputError(start_,
                         fmt::format("the message has no {} (required for SGP4)", rule.key));
      }
    }
    return set_;
  }

 private:
  SourcePosition start_;
  ElementSet set_;
  std::set<std::string_view> seen_;
};

SourcePosition position_of(const std::string& file, const YAML::Mark& mark) {
  return {file, mark.line + 1, mark.column + 1};
}

}  // namespace

std::vector<ElementSet> parse_omm_kvn(std::string_view text, const std::string& file) {
  std::vector<ElementSet> sets;
  std::optional<MessageBuilder> message;
  int line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const int offset = static_cast<int>(line.find_first_not_of(" \t"));
    start = end + 1;
    ++line_number;
    const std::string_view content = trim(line);
    if (content.empty() || content.starts_with("COMMENT")) continue;
    const std::size_t equals = content.find('=');
    if (equals == std::string_view::npos) {
      throw InputError({file, line_number, offset + 1},
                       fmt::format("expected \"KEYWORD = value\", found \"{}\"", content));
    }
    const std::string_view key = trim(content.substr(0, equals));
    std::string_view value = content.substr(equals + 1);
    const std::size_t value_skip = value.find_first_not_of(" \t");
    const int value_column =
        offset +
        static_cast<int>(equals + 1 + (value_skip == std::string_view::npos ? 0 : value_skip)) + 1;
    if (const std::size_t unit = value.find('['); unit != std::string_view::npos) {
      value = value.substr(0, unit);
    }
    value = trim(value);
    const SourcePosition key_at{file, line_number, offset + 1};
    if (key == "CCSDS_OMM_VERS") {
      if (message) sets.push_back(message->finish());
      message.emplace(key_at);
      continue;
    }
    if (!message) {
      throw InputError(key_at,
                       fmt::format("expected CCSDS_OMM_VERS to open the message before {}", key));
    }
    message->add(key, value, key_at, {file, line_number, value_column});
  }
  if (!message) throw InputError({file, 1, 1}, "expected an OMM message: no CCSDS_OMM_VERS line");
  sets.push_back(message->finish());
  return sets;
}

std::vector<ElementSet> parse_omm_json(std::string_view text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& error) {
    throw InputError(position_of(file, error.mark), fmt::format("malformed JSON: {}", error.msg));
  }
  if (!root.IsSequence() && !root.IsMap()) {
    throw InputError({file, 1, 1}, "expected a JSON array of OMM objects");
  }
  std::vector<YAML::Node> objects;
  if (root.IsMap()) {
    objects.push_back(root);
  } else {
    for (const YAML::Node& object : root) objects.push_back(object);
  }
  std::vector<ElementSet> sets;
  for (const YAML::Node& object : objects) {
    if (!object.IsMap()) {
      throw InputError(position_of(file, object.Mark()),
                       "expected an OMM object { \"EPOCH\": ... }");
    }
    MessageBuilder message(position_of(file, object.Mark()));
    for (const auto& entry : object) {
      const std::string key = entry.first.Scalar();
      const SourcePosition value_at = position_of(file, entry.second.Mark());
      if (!entry.second.IsScalar()) {
        if (std::none_of(kKeyRules.begin(), kKeyRules.end(),
                         [&](const KeyRule& r) { return r.key == key; })) {
          continue;  // unknown keys may hold anything (Space-Track writes null for absent values)
        }
        throw InputError(value_at, fmt::format("{}: expected a number or a string", key));
      }
      message.add(key, entry.second.Scalar(), position_of(file, entry.first.Mark()), value_at);
    }
    sets.push_back(message.finish());
  }
  return sets;
}

std::vector<ElementSet> read_omm_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path.string(), 0, 0}, "cannot open the OMM file");
  std::ostringstream content;
  content << in.rdbuf();
  const std::string text = content.str();
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == '[' || text[first] == '{')) {
    return parse_omm_json(text, path.string());
  }
  return parse_omm_kvn(text, path.string());
}

}  // namespace umbra::orbit
