#include "sim/output/link_window_csv.hpp"

#include <fmt/format.h>

#include <iterator>
#include <tuple>

#include "sim/output/csv_field.hpp"

namespace umbra::output {

bool LinkWindowOrder::operator()(const LinkWindow& x, const LinkWindow& y) const {
  return std::tie(x.end, x.link) < std::tie(y.end, y.link);
}

LinkWindowCsvFormat::LinkWindowCsvFormat(const LinkNames& names) {
  for (const LinkName& link : names) {
    link_fields_.push_back(
        fmt::format("{},{},{}", csv_field(link.a), csv_field(link.b), csv_field(link.link_class)));
  }
}

void LinkWindowCsvFormat::append(const LinkWindow& window, std::string& text) const {
  fmt::format_to(std::back_inserter(text), "{},{:.6f},{:.6f}\n", link_fields_[window.link],
                 window.start, window.end);
}

}  // namespace umbra::output
