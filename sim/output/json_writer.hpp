#pragma once
// A minimal JSON writer with stable key order and number formatting, so that the same values
// give the same bytes. Keys are written in the order the caller gives them.
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace umbra::output {

// kIndented: a value per line, indented by depth, for files people read; kOneLine: a line per
// value of the top level and of its children only, for files of millions of values (the trace:
// one event per line).
enum class JsonLayout { kIndented, kOneLine };

class JsonWriter {
 public:
  explicit JsonWriter(JsonLayout layout = JsonLayout::kIndented) : layout_(layout) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);  // shortest form that reads back to the same double
  JsonWriter& value(long long number);
  JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
  JsonWriter& value(unsigned long long number);
  JsonWriter& value(bool flag);

  const std::string& text() const { return out_; }  // ends with a newline once complete
  // Writes the text so far to `out` and forgets it: a large document goes out a part at a time.
  void move_text_to(std::ostream& out);

 private:
  void before_value();
  void newline(std::size_t scope_depth);  // before a value of that scope, or its end

  JsonLayout layout_;
  std::string out_;
  std::vector<bool> first_in_scope_;
  bool after_key_ = false;
};

std::string json_escape(std::string_view text);

}  // namespace umbra::output
