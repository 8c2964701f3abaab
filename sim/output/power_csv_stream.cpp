#include "sim/output/power_csv_stream.hpp"

#include <cerrno>
#include <system_error>

#include "sim/core/error.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/power/power_event.hpp"

namespace umbra::output {
namespace {

constexpr std::size_t kBatchBytes = 1 << 20;
constexpr power::PowerEvents kSunSteps = power::kSolarStep | power::kPenumbraStep;

}  // namespace

PowerCsvStream::PowerCsvStream(std::filesystem::path path, PowerRowSelection selection)
    : path_(std::move(path)), partial_(partial_path(path_)), selection_(selection) {}

PowerCsvStream::~PowerCsvStream() {
  if (out_.is_open()) discard();
}

void PowerCsvStream::discard() {
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(partial_, ignored);
}

void PowerCsvStream::set_node_names(std::span<const std::string> names) {
  formatter_.emplace(names);
}

void PowerCsvStream::add(const PowerRow& row) {
  if (selection_ == PowerRowSelection::kEvents && (row.events & ~kSunSteps) == 0) return;
  if (!out_.is_open()) {
    errno = 0;
    out_.open(partial_, std::ios::binary | std::ios::trunc);
    if (!out_) fail(errno);
    PowerCsvFormatter::append_header(batch_);
  }
  formatter_->append_row(row, batch_);
  if (batch_.size() >= kBatchBytes) write_batch();
}

void PowerCsvStream::write_batch() {
  errno = 0;
  out_ << batch_;
  batch_.clear();
  out_.flush();
  if (!out_) fail(errno);
  // Writing on to a file whose folder was removed succeeds (the file lives on unnamed) until
  // the rename at the end: a file gone is an error at once, not after the rest of the run.
  std::error_code error;
  if (!std::filesystem::exists(partial_, error)) {
    throw InputError(SourcePosition{path_.string(), 0, 0},
                     "cannot write the file: it was removed during the run, or its folder was");
  }
}

void PowerCsvStream::finish() {
  if (!out_.is_open()) return;
  write_batch();
  errno = 0;
  out_.close();
  if (!out_) {
    const int error_number = errno;
    discard();
    fail(error_number);
  }
  rename_into_place(partial_, path_);
}

void PowerCsvStream::fail(int error_number) const {
  throw write_error(path_, error_number);
}

}  // namespace umbra::output
