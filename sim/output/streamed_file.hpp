#pragma once
// A file written as a run goes, so that its rows are never all held: text goes to
// "NAME.partial" beside it a batch at a time, and finish() renames it into place; a stream
// destroyed unfinished (the run failed) removes it, so the file is always whole when it exists.
// The partial file is opened, and the header written, at the first row or at start(): a stream
// given neither leaves no file.
#include <filesystem>
#include <fstream>
#include <string>

namespace umbra::output {

class StreamedFile {
 public:
  StreamedFile(std::filesystem::path path, std::string header);
  StreamedFile(const StreamedFile&) = delete;
  StreamedFile& operator=(const StreamedFile&) = delete;
  ~StreamedFile();

  void start() {
    if (!out_.is_open()) open();
  }
  // `write(text)` appends to the batch under way, which goes to the file once it holds 1 MiB.
  // Throws InputError naming the file when it cannot be written (a full disk, a folder gone).
  template <class Write>
  void append(Write&& write) {
    start();
    write(batch_);
    if (batch_.size() >= kBatchBytes) write_batch();
  }
  // Writes what is left and renames the file into place; InputError naming it if that fails.
  void finish();

 private:
  static constexpr std::size_t kBatchBytes = 1 << 20;

  void open();
  void write_batch();
  // Closes and removes the partial file: the run failed, or the file could not be finished.
  void discard();
  [[noreturn]] void fail(int error_number) const;

  std::filesystem::path path_;
  std::filesystem::path partial_;
  std::string header_;
  std::ofstream out_;
  std::string batch_;
};

}  // namespace umbra::output
