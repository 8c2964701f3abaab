#include "sim/workload/bare_quantities.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "sim/spec/yaml_fields.hpp"

namespace umbra::workload {

void BareQuantities::note(const std::string& label, const std::string& text,
                          const SourcePosition& where, bool from_defaults, Quantity kind,
                          double value) {
  if (!spec::is_bare_quantity(text, kind, value)) return;
  const auto tally = std::find_if(tallies_.begin(), tallies_.end(), [&](const Tally& t) {
    return t.label == label && t.from_defaults == from_defaults;
  });
  if (tally == tallies_.end()) {
    tallies_.push_back({label, from_defaults, text, where, kind, 1});
  } else if (!from_defaults) {
    ++tally->jobs;
  }
}

std::vector<std::string> BareQuantities::warnings() const {
  std::vector<Tally> in_file_order = tallies_;
  std::stable_sort(in_file_order.begin(), in_file_order.end(), [](const Tally& a, const Tally& b) {
    return std::pair(a.first_where.line, a.first_where.column) <
           std::pair(b.first_where.line, b.first_where.column);
  });
  std::vector<std::string> lines;
  for (const Tally& tally : in_file_order) {
    const long long more = tally.jobs - 1;
    lines.push_back(fmt::format(
        "{}: {}{}", tally.first_where.to_string(),
        spec::bare_quantity_note(tally.label, tally.first_text, tally.kind),
        more == 0 ? "" : fmt::format(", and in {} more job{}", more, more == 1 ? "" : "s")));
  }
  return lines;
}

}  // namespace umbra::workload
