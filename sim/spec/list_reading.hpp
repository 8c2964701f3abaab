#pragma once
// Reading a top-level list of named entries (GPU models, sites, shells, ...), each entry on its
// own: an error in one entry is kept and the next entry is read, so that a file with several
// mistakes reports them all in one pass.
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "sim/core/input_error_list.hpp"
#include "sim/spec/yaml_fields.hpp"

namespace umbra::spec {

// A later entry reusing a name: the error points at it and names the first.
template <typename Spec>
void refuse_duplicate_name(const std::vector<Spec>& specs, std::string_view kind) {
  const Spec& added = specs.back();
  for (std::size_t i = 0; i + 1 < specs.size(); ++i) {
    if (!added.name.empty() && specs[i].name == added.name) {
      throw InputError(added.where, fmt::format("duplicate {} name \"{}\" (first at line {})", kind,
                                                added.name, specs[i].where.line));
    }
  }
}

enum class ListPresence { kRequired, kOptional };

// What to do with the entries of a list that refer by name to entries of an earlier list.
enum class EntryReading {
  kRead,
  kSkip,  // an entry they refer to had an error: reading them would only repeat it
};

// Reads the list under `key` of `top`, each entry with `read(YamlFields)` and then checked
// against the earlier ones with `check(specs)`; `kind` names an entry in messages ("site").
// The errors go to `errors`. Returns whether the list and every entry read without error.
template <typename Spec, typename Read, typename Check>
bool read_entries(YamlFields& top, const std::string& key, std::string_view kind,
                  ListPresence presence, EntryReading reading, std::vector<Spec>& specs,
                  InputErrorList& errors, Read read, Check check) {
  std::optional<YAML::Node> list;
  const bool listed = errors.attempt([&] {
    list = presence == ListPresence::kRequired ? top.required_list(key) : top.optional_list(key);
  });
  if (!listed) return false;
  if (!list || reading == EntryReading::kSkip) return true;
  bool all_read = true;
  for (const YAML::Node& item : *list) {
    all_read &= errors.attempt([&] {
      specs.push_back(read(top.entry(item, std::string(kind))));
      check(specs);
    });
  }
  return all_read;
}

}  // namespace umbra::spec
