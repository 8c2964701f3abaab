#include "sim/output/json_writer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace umbra::output {

std::string json_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

void JsonWriter::move_text_to(std::ostream& out) {
  out << out_;
  out_.clear();
}

void JsonWriter::newline(std::size_t scope_depth) {
  constexpr std::size_t kDeepestBrokenScope = 2;  // kOneLine: the top level and its children
  if (layout_ == JsonLayout::kOneLine) {
    if (scope_depth <= kDeepestBrokenScope) out_ += '\n';
    return;
  }
  out_ += '\n';
  out_.append(2 * first_in_scope_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_in_scope_.empty()) {
    if (!first_in_scope_.back()) out_ += ',';
    first_in_scope_.back() = false;
    newline(first_in_scope_.size());
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_in_scope_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  const bool empty = first_in_scope_.back();
  const std::size_t depth = first_in_scope_.size();
  first_in_scope_.pop_back();
  if (!empty) newline(depth);
  out_ += '}';
  if (first_in_scope_.empty()) out_ += '\n';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_in_scope_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  const bool empty = first_in_scope_.back();
  const std::size_t depth = first_in_scope_.size();
  first_in_scope_.pop_back();
  if (!empty) newline(depth);
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  out_ += fmt::format("\"{}\":", json_escape(name));
  if (layout_ == JsonLayout::kIndented) out_ += ' ';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  out_ += fmt::format("\"{}\"", json_escape(text));
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  out_ += std::isfinite(number) ? fmt::format("{}", number) : std::string("null");
  return *this;
}

JsonWriter& JsonWriter::value(long long number) {
  before_value();
  out_ += fmt::format("{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(unsigned long long number) {
  before_value();
  out_ += fmt::format("{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

}  // namespace umbra::output
