#pragma once
// link_windows.csv, written as the run goes: one row per window a contact link was up, as the
// window closes (run_result.hpp, LinkWindow); one still open when the run ends closes with it.
// Columns a, b, class, start, end (s, 6 decimals). Rows are in end-time order, those of one end
// by link (LinkWindowOrder), so the same run gives the same bytes. In start order the rows could
// not be written before the run's end: a laser link between satellites of one plane stays up all
// run.
#include <string>
#include <vector>

#include "sim/output/csv_row_stream.hpp"
#include "sim/output/row_sink.hpp"
#include "sim/output/run_result.hpp"

namespace umbra::output {

// What a window's link index names (links.csv's first columns).
struct LinkName {
  std::string a, b;
  std::string link_class;
};
using LinkNames = std::vector<LinkName>;
using LinkWindowSink = RowSink<LinkWindow, LinkNames>;
using KeptLinkWindows = KeptRows<LinkWindow, LinkNames>;

// The order of the windows that end at one instant.
struct LinkWindowOrder {
  bool operator()(const LinkWindow& x, const LinkWindow& y) const;
};

class LinkWindowCsvFormat {
 public:
  using Row = LinkWindow;
  using Names = LinkNames;
  static constexpr const char* kHeader = "a,b,class,start,end\n";

  explicit LinkWindowCsvFormat(const LinkNames& names);
  void append(const LinkWindow& window, std::string& text) const;

 private:
  std::vector<std::string> link_fields_;  // "a,b,class", quoted as CSV needs
};
using LinkWindowCsvStream = CsvRowStream<LinkWindowCsvFormat>;

}  // namespace umbra::output
