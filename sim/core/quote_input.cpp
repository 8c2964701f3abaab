#include "sim/core/quote_input.hpp"

#include <fmt/format.h>

namespace umbra {

std::string quote_input(std::string_view text, std::size_t limit) {
  std::string out = "\"";
  std::size_t shown = 0;
  for (const char c : text) {
    if (shown == limit) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", byte);
    }
    ++shown;
  }
  return out + "\"";
}

}  // namespace umbra
