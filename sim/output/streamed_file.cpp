#include "sim/output/streamed_file.hpp"

#include <cerrno>
#include <system_error>

#include "sim/core/error.hpp"
#include "sim/output/atomic_file.hpp"

namespace umbra::output {

StreamedFile::StreamedFile(std::filesystem::path path, std::string header)
    : path_(std::move(path)), partial_(partial_path(path_)), header_(std::move(header)) {}

StreamedFile::~StreamedFile() {
  if (out_.is_open()) discard();
}

void StreamedFile::open() {
  errno = 0;
  out_.open(partial_, std::ios::binary | std::ios::trunc);
  if (!out_) fail(errno);
  batch_ = header_;
}

void StreamedFile::discard() {
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(partial_, ignored);
}

void StreamedFile::write_batch() {
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

void StreamedFile::finish() {
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

void StreamedFile::fail(int error_number) const {
  throw write_error(path_, error_number);
}

}  // namespace umbra::output
