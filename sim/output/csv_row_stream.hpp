#pragma once
// A CSV file whose rows are written as the run goes (allocation_csv.hpp, link_window_csv.hpp):
// the rows the engine sends, formatted by `Format`, into a StreamedFile. `Format` names its
// `Row` and `Names` types and its `kHeader`, is made from the names (quoting them once), and
// appends a row's line with append(row, text).
#include <filesystem>
#include <optional>
#include <string>

#include "sim/output/row_sink.hpp"
#include "sim/output/streamed_file.hpp"

namespace umbra::output {

template <class Format>
class CsvRowStream final : public RowSink<typename Format::Row, typename Format::Names> {
 public:
  explicit CsvRowStream(std::filesystem::path path) : file_(std::move(path), Format::kHeader) {}

  // Opens the file: a run that makes no row still has one, with its header.
  void set_names(const typename Format::Names& names) override {
    format_.emplace(names);
    file_.start();
  }
  // Throws InputError naming the file when it cannot be written.
  void add(const typename Format::Row& row) override {
    file_.append([&](std::string& text) { format_->append(row, text); });
  }
  // Writes what is left and renames the file into place; InputError naming it if that fails.
  void finish() { file_.finish(); }

 private:
  StreamedFile file_;
  std::optional<Format> format_;
};

}  // namespace umbra::output
