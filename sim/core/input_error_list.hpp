#pragma once
// Gathers the errors of the independent parts of one input (the entries of a list, say), so
// that a reader reports them all in one pass instead of stopping at the first.
#include <utility>
#include <vector>

#include "sim/core/error.hpp"

namespace umbra {

class InputErrorList {
 public:
  // Runs `read`; an InputError it throws is kept, and the caller goes on with the next part.
  // Returns whether `read` finished without error.
  template <typename Read>
  bool attempt(Read&& read) {
    try {
      read();
      return true;
    } catch (const InputError& error) {
      for (InputError& each : each_error(error)) errors_.push_back(std::move(each));
      return false;
    }
  }

  void add(InputError error) { errors_.push_back(std::move(error)); }
  bool empty() const { return errors_.empty(); }

  // Throws the errors kept, in file order (one InputError, or InputErrors for several).
  void throw_if_any() const;

 private:
  std::vector<InputError> errors_;
};

}  // namespace umbra
