#include "sim/spec/yaml_fields.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/did_you_mean.hpp"
#include "sim/core/quote_input.hpp"

namespace umbra::spec {
namespace {

// "a data rate" -> "a positive data rate"; the article goes with the adjective.
std::string bounded_name(std::string_view name_with_article, Bound bound) {
  if (bound == Bound::kAny) return std::string(name_with_article);
  const std::size_t space = name_with_article.find(' ');
  const std::string_view noun = name_with_article.substr(space + 1);
  return fmt::format("{} {}", bound == Bound::kPositive ? "a positive" : "a non-negative", noun);
}

bool within(double value, Bound bound) {
  switch (bound) {
    case Bound::kAny:
      return true;
    case Bound::kNonNegative:
      return value >= 0;
    case Bound::kPositive:
      return value > 0;
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string node_kind(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  if (node.IsScalar()) return quote_input(node.Scalar());
  return "nothing";
}

}  // namespace

SourcePosition position_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return SourcePosition{file, 0, 0};
  return SourcePosition{file, mark.line + 1, mark.column + 1};
}

double parse_quantity_at(const std::string& text, Quantity kind, Bound bound,
                         const SourcePosition& where, const std::string& context) {
  double value = 0;
  try {
    value = parse_quantity(text, kind);
  } catch (const InputError& e) {
    throw InputError(where, fmt::format("invalid {}: {}", context, e.message()));
  }
  if (!within(value, bound)) {
    throw InputError(where, fmt::format("invalid {}: expected {}, got \"{}\"", context,
                                        bounded_name(quantity_name(kind), bound), trimmed(text)));
  }
  return value;
}

double parse_number_at(const std::string& text, Bound bound, const SourcePosition& where,
                       const std::string& context) {
  const std::string_view digits = trimmed(text);
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
      !std::isfinite(value) || !within(value, bound)) {
    throw InputError(where, fmt::format("invalid {}: expected {}, got \"{}\"", context,
                                        bounded_name("a number", bound), digits));
  }
  return value;
}

int parse_integer_at(const std::string& text, Bound bound, const SourcePosition& where,
                     const std::string& context) {
  const std::string_view digits = trimmed(text);
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
      !within(value, bound)) {
    throw InputError(where, fmt::format("invalid {}: expected {}, got \"{}\"", context,
                                        bounded_name("an integer", bound), digits));
  }
  return value;
}

bool is_bare_quantity(std::string_view text, Quantity kind, double value) {
  return value != 0 && kind != Quantity::kAngle && kind != Quantity::kRatio && !has_unit(text);
}

std::string bare_quantity_note(std::string_view key, std::string_view text, Quantity kind) {
  return fmt::format("{} {} read as {} {} (no unit)", key, trimmed(text), trimmed(text),
                     base_unit(kind));
}

std::string name_suggestion(const std::string& name, const std::vector<std::string>& known) {
  const std::string suggestion = did_you_mean(name, known);
  if (!suggestion.empty()) return suggestion;
  return known.empty() ? " (none defined)" : fmt::format(" (known: {})", fmt::join(known, ", "));
}

std::string read_input_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw InputError(SourcePosition{path, 0, 0}, "is a folder: expected a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(SourcePosition{path, 0, 0},
                     fmt::format("cannot open the file: {}", std::strerror(errno)));
  }
  // Sized once and read in one go when the size is known: traces run to hundreds of MB.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size <= 0) {  // a pipe or an empty file
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }
  std::string content(static_cast<std::size_t>(size), '\0');
  in.read(content.data(), size);
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content;
}

YAML::Node load_yaml(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourcePosition where{file, 0, 0};
    if (!e.mark.is_null()) where = SourcePosition{file, e.mark.line + 1, e.mark.column + 1};
    throw InputError(where, fmt::format("invalid YAML: {}", e.msg));
  }
}

YamlFields::YamlFields(const YAML::Node& mapping, std::string file, std::string what,
                       std::vector<std::string>* warnings)
    : mapping_(mapping), file_(std::move(file)), what_(std::move(what)), warnings_(warnings) {
  if (!mapping_.IsMap()) {
    fail(fmt::format("expected a mapping (key: value lines) for {}, got {}", what_,
                     node_kind(mapping_)));
  }
  for (const auto& item : mapping_) {
    if (!item.first.IsScalar()) {
      throw InputError(position_of(item.first, file_),
                       fmt::format("expected a plain key in {}", what_));
    }
    const std::string key = item.first.Scalar();
    for (const Entry& earlier : entries_) {
      if (earlier.key == key) {
        throw InputError(position_of(item.first, file_),
                         fmt::format("duplicate key \"{}\" in {} (first at line {})", key, what_,
                                     position_of(earlier.key_node, file_).line));
      }
    }
    entries_.push_back(Entry{key, item.first, item.second});
  }
}

YamlFields YamlFields::entry(const YAML::Node& node, std::string what) const {
  return YamlFields(node, file_, std::move(what), warnings_);
}

const YamlFields::Entry* YamlFields::find(const std::string& key) {
  if (std::find(known_keys_.begin(), known_keys_.end(), key) == known_keys_.end()) {
    known_keys_.push_back(key);
  }
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const YamlFields::Entry& YamlFields::require(const std::string& key) {
  const Entry* entry = find(key);
  if (entry == nullptr) {
    // A misspelt required key is reported as the typo it is, where it is, not as "missing".
    for (const Entry& present : entries_) {
      const bool known =
          std::find(known_keys_.begin(), known_keys_.end(), present.key) != known_keys_.end();
      const std::string suggestion = did_you_mean(present.key, {key});
      if (!known && !suggestion.empty()) {
        throw InputError(position_of(present.key_node, file_),
                         fmt::format("unknown key \"{}\" in {}{}", present.key, what_, suggestion));
      }
    }
    fail(fmt::format("missing key \"{}\" in {}", key, what_));
  }
  return *entry;
}

SourcePosition YamlFields::where(const std::string& key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return position_of(entry.value, file_);
  }
  return where();
}

bool YamlFields::has(const std::string& key) {
  return find(key) != nullptr;
}

std::vector<std::string> YamlFields::keys() const {
  std::vector<std::string> all;
  for (const Entry& entry : entries_) all.push_back(entry.key);
  return all;
}

std::string YamlFields::context(const Entry& entry) const {
  return fmt::format("\"{}\" in {}", entry.key, what_);
}

std::string YamlFields::scalar(const Entry& entry, const std::string& expected) const {
  if (!entry.value.IsScalar()) {
    // A key with nothing after it has no position of its own: point at the key.
    const YAML::Node& place = entry.value.IsNull() ? entry.key_node : entry.value;
    throw InputError(position_of(place, file_),
                     fmt::format("invalid {}: expected {}, got {}", context(entry), expected,
                                 node_kind(entry.value)));
  }
  return entry.value.Scalar();
}

std::string YamlFields::required_string(const std::string& key) {
  const std::string text = scalar(require(key), "a non-empty string");
  if (text.empty()) {
    fail_at(key, fmt::format("invalid \"{}\" in {}: expected a non-empty string", key, what_));
  }
  return text;
}

std::optional<std::string> YamlFields::optional_string(const std::string& key) {
  if (!has(key)) return std::nullopt;
  return required_string(key);
}

std::optional<ScalarText> YamlFields::optional_scalar(const std::string& key) {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  return ScalarText{scalar(*entry, "a single value"), position_of(entry->value, file_)};
}

int YamlFields::required_integer(const std::string& key, Bound bound) {
  const Entry& entry = require(key);
  return parse_integer_at(scalar(entry, bounded_name("an integer", bound)), bound,
                          position_of(entry.value, file_), context(entry));
}

std::optional<int> YamlFields::optional_integer(const std::string& key, Bound bound) {
  if (!has(key)) return std::nullopt;
  return required_integer(key, bound);
}

double YamlFields::required_number(const std::string& key, Bound bound) {
  const Entry& entry = require(key);
  return parse_number_at(scalar(entry, bounded_name("a number", bound)), bound,
                         position_of(entry.value, file_), context(entry));
}

std::optional<double> YamlFields::optional_number(const std::string& key, Bound bound) {
  if (!has(key)) return std::nullopt;
  return required_number(key, bound);
}

double YamlFields::required_quantity(const std::string& key, Quantity kind, Bound bound) {
  const Entry& entry = require(key);
  const std::string text = scalar(entry, bounded_name(quantity_name(kind), bound));
  const double value =
      parse_quantity_at(text, kind, bound, position_of(entry.value, file_), context(entry));
  if (warnings_ != nullptr && is_bare_quantity(text, kind, value)) {
    warnings_->push_back(fmt::format("{}: {}", position_of(entry.value, file_).to_string(),
                                     bare_quantity_note(entry.key, text, kind)));
  }
  return value;
}

std::optional<double> YamlFields::optional_quantity(const std::string& key, Quantity kind,
                                                    Bound bound) {
  if (!has(key)) return std::nullopt;
  return required_quantity(key, kind, bound);
}

YAML::Node YamlFields::required_list(const std::string& key) {
  const Entry& entry = require(key);
  if (!entry.value.IsSequence()) {
    const YAML::Node& place = entry.value.IsNull() ? entry.key_node : entry.value;
    throw InputError(
        position_of(place, file_),
        fmt::format("invalid {}: expected a list, got {}", context(entry), node_kind(entry.value)));
  }
  return entry.value;
}

std::optional<YAML::Node> YamlFields::optional_list(const std::string& key) {
  if (!has(key)) return std::nullopt;
  return required_list(key);
}

YamlFields YamlFields::required_mapping(const std::string& key, std::string what) {
  const Entry& entry = require(key);
  if (entry.value.IsNull()) {
    throw InputError(position_of(entry.key_node, file_),
                     fmt::format("invalid {}: expected a mapping, got nothing", context(entry)));
  }
  return YamlFields(entry.value, file_, std::move(what), warnings_);
}

std::optional<YamlFields> YamlFields::optional_mapping(const std::string& key, std::string what) {
  if (!has(key)) return std::nullopt;
  return required_mapping(key, std::move(what));
}

void YamlFields::fail_at(const std::string& key, const std::string& message) const {
  throw InputError(where(key), message);
}

void YamlFields::fail(const std::string& message) const {
  throw InputError(where(), message);
}

void YamlFields::finish() const {
  for (const Entry& entry : entries_) {
    if (std::find(known_keys_.begin(), known_keys_.end(), entry.key) == known_keys_.end()) {
      throw InputError(position_of(entry.key_node, file_),
                       fmt::format("unknown key \"{}\" in {}{}", entry.key, what_,
                                   did_you_mean(entry.key, known_keys_)));
    }
  }
}

}  // namespace umbra::spec
