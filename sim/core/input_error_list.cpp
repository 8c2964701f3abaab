#include "sim/core/input_error_list.hpp"

#include <algorithm>
#include <tuple>

namespace umbra {

void InputErrorList::throw_if_any() const {
  if (errors_.empty()) return;
  if (errors_.size() == 1) throw errors_.front();
  std::vector<InputError> in_file_order = errors_;
  std::stable_sort(in_file_order.begin(), in_file_order.end(),
                   [](const InputError& a, const InputError& b) {
                     return std::tie(a.where().line, a.where().column) <
                            std::tie(b.where().line, b.where().column);
                   });
  throw InputErrors(std::move(in_file_order));
}

}  // namespace umbra
