#include "sim/core/error.hpp"

#include <fmt/format.h>

#include <utility>

namespace umbra {

std::string SourcePosition::to_string() const {
  if (file.empty()) return line > 0 ? fmt::format("line {}", line) : std::string{};
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

namespace {
std::string with_position(const SourcePosition& where, const std::string& message) {
  const std::string prefix = where.to_string();
  return prefix.empty() ? message : prefix + ": " + message;
}
}  // namespace

InputError::InputError(SourcePosition where, const std::string& message)
    : std::runtime_error(with_position(where, message)),
      where_(std::move(where)),
      message_(message) {}

InputError::InputError(const std::string& message)
    : std::runtime_error(message), message_(message) {}

InputError::InputError(SourcePosition where, const std::string& message,
                       const std::string& what_text)
    : std::runtime_error(what_text), where_(std::move(where)), message_(message) {}

namespace {
std::string each_on_its_line(const std::vector<InputError>& errors) {
  std::string text;
  for (const InputError& error : errors) {
    if (!text.empty()) text += '\n';
    text += error.what();
  }
  return text;
}
}  // namespace

InputErrors::InputErrors(std::vector<InputError> errors)
    : InputError(errors.at(0).where(), errors.at(0).message(), each_on_its_line(errors)),
      errors_(std::move(errors)) {}

std::vector<InputError> each_error(const InputError& error) {
  if (const auto* several = dynamic_cast<const InputErrors*>(&error)) return several->errors();
  return {error};
}

}  // namespace umbra
