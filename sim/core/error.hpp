#pragma once
// The one error type for bad user input: it carries where in which file the problem is.
#include <stdexcept>
#include <string>
#include <vector>

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

 protected:
  InputError(SourcePosition where, const std::string& message, const std::string& what_text);

 private:
  SourcePosition where_;
  std::string message_;
};

// Several independent errors of one input, in file order. Its where() and message() are the
// first error's; what() lists every error on a line of its own.
class InputErrors : public InputError {
 public:
  explicit InputErrors(std::vector<InputError> errors);  // at least one

  const std::vector<InputError>& errors() const { return errors_; }

 private:
  std::vector<InputError> errors_;
};

// The errors an input error stands for: its list for InputErrors, else itself.
std::vector<InputError> each_error(const InputError& error);

}  // namespace umbra
