#pragma once
// A text cut at each separator: "a,b,,c" gives "a", "b", "", "c"; an empty text gives one empty
// part. The parts view `text`.
#include <string_view>
#include <vector>

namespace umbra {

std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace umbra
