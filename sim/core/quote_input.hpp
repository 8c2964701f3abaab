#pragma once
// User text quoted back in an error message: in double quotes, bytes that are not printable
// ASCII written as \xNN, and cut after `limit` characters with "...", so that a binary or
// huge input still gives a readable one-line message.
#include <cstddef>
#include <string>
#include <string_view>

namespace umbra {

std::string quote_input(std::string_view text, std::size_t limit = 60);

}  // namespace umbra
