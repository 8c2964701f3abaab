#pragma once
// One CSV cell as RFC 4180 writes it: quoted (with "" for a quote) only when it holds a comma,
// a quote or a newline.
#include <string>
#include <string_view>

namespace umbra::output {

std::string csv_field(std::string_view text);

}  // namespace umbra::output
