#pragma once
// Typed, positioned access to one YAML mapping. Every YAML input error is made here, so all
// readers (platform, workload, run) word and place their errors the same way:
// "file:line:column: <what is wrong>, <what was expected>".
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/core/units.hpp"
#include "sim/spec/scalar_text.hpp"

namespace umbra::spec {

// The sign a value must have.
enum class Bound { kAny, kNonNegative, kPositive };

// Where a node starts, 1-based (yaml-cpp marks are 0-based; a missing node has no position).
SourcePosition position_of(const YAML::Node& node, const std::string& file);

// Text to value at a known place. Shared by the YAML fields below and by CSV cells, so the two
// formats give the same messages for the same mistake. `context` names the value:
// "\"nodes\" in site \"iowa\"" gives "invalid \"nodes\" in site \"iowa\": expected ...".
double parse_quantity_at(const std::string& text, Quantity kind, Bound bound,
                         const SourcePosition& where, const std::string& context);
double parse_number_at(const std::string& text, Bound bound, const SourcePosition& where,
                       const std::string& context);
int parse_integer_at(const std::string& text, Bound bound, const SourcePosition& where,
                     const std::string& context);

// A quantity written as a bare number where its kind has a unit (a length, a power, ...; not an
// angle or a ratio), and not zero (zero in every unit): the user may have left the unit out.
bool is_bare_quantity(std::string_view text, Quantity kind, double value);
// What such a quantity was read as: "altitude 550 read as 550 m (no unit)".
std::string bare_quantity_note(std::string_view key, std::string_view text, Quantity kind);

// " (did you mean \"x\"?)" when a known name is close, else " (known: a, b)" or
// " (none defined)": for a reference to something defined elsewhere in the input.
std::string name_suggestion(const std::string& name, const std::vector<std::string>& known);

// The whole content of an input file; InputError naming the file if it cannot be read.
std::string read_input_file(const std::string& path);

// Parses YAML text; a syntax error becomes an InputError at the place yaml-cpp reports.
YAML::Node load_yaml(const std::string& text, const std::string& file);

// One YAML mapping being read. Each accessor records its key as known, whether present or
// not; finish() then refuses any key nobody asked for, suggesting the nearest known one.
class YamlFields {
 public:
  // `what` names the mapping in messages: "the platform", "site", "site \"iowa\"". With
  // `warnings`, a quantity written as a bare number where its kind has a unit (a length, a
  // power, ...; not an angle or a ratio) adds "file:line:column: altitude 550 read as 550 m (no
  // unit)" to it; the mappings read from this one add theirs to the same list.
  YamlFields(const YAML::Node& mapping, std::string file, std::string what,
             std::vector<std::string>* warnings = nullptr);

  // An entry of a list read from this mapping, in the same file, warning to the same list.
  YamlFields entry(const YAML::Node& node, std::string what) const;

  // Renames the mapping once its name has been read: "site" -> "site \"iowa\"".
  void describe_as(std::string what) { what_ = std::move(what); }

  const std::string& file() const { return file_; }
  const std::string& what() const { return what_; }
  SourcePosition where() const { return position_of(mapping_, file_); }
  SourcePosition where(const std::string& key) const;  // of the key's value; the key must exist
  bool has(const std::string& key);
  // Every key of the mapping, in file order: for a mapping whose keys are names the input
  // chooses (a job's throughput per GPU model).
  std::vector<std::string> keys() const;

  std::string required_string(const std::string& key);
  std::optional<std::string> optional_string(const std::string& key);
  std::optional<ScalarText> optional_scalar(const std::string& key);
  int required_integer(const std::string& key, Bound bound);
  std::optional<int> optional_integer(const std::string& key, Bound bound);
  double required_number(const std::string& key, Bound bound);
  std::optional<double> optional_number(const std::string& key, Bound bound);
  double required_quantity(const std::string& key, Quantity kind, Bound bound);
  std::optional<double> optional_quantity(const std::string& key, Quantity kind, Bound bound);
  YAML::Node required_list(const std::string& key);
  std::optional<YAML::Node> optional_list(const std::string& key);
  YamlFields required_mapping(const std::string& key, std::string what);
  std::optional<YamlFields> optional_mapping(const std::string& key, std::string what);

  [[noreturn]] void fail_at(const std::string& key, const std::string& message) const;
  [[noreturn]] void fail(const std::string& message) const;  // at the mapping itself

  // Refuses unknown keys: "unknown key \"gpus_per_nod\" in site \"iowa\" (did you mean ...?)".
  void finish() const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  const Entry* find(const std::string& key);  // marks the key as known
  const Entry& require(const std::string& key);
  std::string scalar(const Entry& entry, const std::string& expected) const;
  std::string context(const Entry& entry) const;

  YAML::Node mapping_;
  std::string file_;
  std::string what_;
  std::vector<std::string>* warnings_;
  std::vector<Entry> entries_;  // in file order
  std::vector<std::string> known_keys_;
};

}  // namespace umbra::spec
