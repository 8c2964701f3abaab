#include "sim/output/power_csv_stream.hpp"

#include "sim/power/power_event.hpp"

namespace umbra::output {
namespace {

constexpr power::PowerEvents kSunSteps = power::kSolarStep | power::kPenumbraStep;

}  // namespace

PowerCsvStream::PowerCsvStream(std::filesystem::path path, PowerRowSelection selection)
    : file_(std::move(path), PowerCsvFormatter::kHeader), selection_(selection) {}

void PowerCsvStream::set_names(const NodeNames& names) {
  formatter_.emplace(names);
}

void PowerCsvStream::add(const PowerRow& row) {
  if (selection_ == PowerRowSelection::kEvents && (row.events & ~kSunSteps) == 0) return;
  file_.append([&](std::string& text) { formatter_->append_row(row, text); });
}

}  // namespace umbra::output
