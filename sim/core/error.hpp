#pragma once
// The one error type for bad user input: it carries where in which file the problem is.
#include <stdexcept>
#include <string>

namespace umbra {

// A place in an input file. Line and column are 1-based; 0 means "not known".
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;

  std::string to_string() const;  // "file:line:column", shortened when parts are unknown
};

// Bad input: a file, a command-line option, a value out of range. The CLI prints what()
// and exits with status 2. Never thrown for internal faults (those are std::logic_error).
class InputError : public std::runtime_error {
 public:
  InputError(SourcePosition where, const std::string& message);
  explicit InputError(const std::string& message);  // input with no file position (CLI options)

  const SourcePosition& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  SourcePosition where_;
  std::string message_;
};

}  // namespace umbra
