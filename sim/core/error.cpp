#include "sim/core/error.hpp"

#include <fmt/format.h>

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

}  // namespace umbra
