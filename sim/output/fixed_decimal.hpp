#pragma once
// A number with a fixed count of decimals, the same characters as fmt's "{:.Nf}" (correctly
// rounded from the exact binary value, "-" for any negative value, -0 included), written
// without fmt's general machinery: power.csv holds millions of such numbers.
#include <string>

namespace umbra::output {

// Appends `value` with `decimals` (0 to 6) digits after the point.
void append_fixed(std::string& out, double value, int decimals);

}  // namespace umbra::output
