#include "sim/output/run_writer.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "sim/core/error.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/csv_field.hpp"
#include "sim/output/json_writer.hpp"

namespace umbra::output {
namespace {

std::string optional_time(const std::optional<double>& time) {
  return time ? fmt::format("{:.6f}", *time) : std::string{};
}

// Keys "mean", "median", "p99", "max", each followed by `unit` ("_s" for seconds).
void write_distribution(JsonWriter& json, std::string_view name, const Distribution& d,
                        std::string_view unit) {
  const auto key = [&](std::string_view statistic) { return fmt::format("{}{}", statistic, unit); };
  json.key(name).begin_object();
  json.key(key("mean")).value(d.mean).key(key("median")).value(d.median);
  json.key(key("p99")).value(d.p99).key(key("max")).value(d.max);
  json.end_object();
}

}  // namespace

std::string jobs_csv(const RunResult& result) {
  std::string csv =
      "id,user,state,submit,start,end,wait,jct,gpus,site,nodes,preemptions,lost_gpu_seconds,"
      "energy_j,bytes_moved,transfer_failures,bytes_resent,power_suspensions,power_failures,"
      "migrations,checkpoint_bytes_shipped,route_wait_s\n";
  for (const auto& job : result.jobs) {
    std::string nodes;
    for (const auto& node : job.nodes) nodes += (nodes.empty() ? "" : ";") + node;
    const std::string wait = job.start ? fmt::format("{:.6f}", *job.start - job.submit) : "";
    const std::string jct = job.end ? fmt::format("{:.6f}", *job.end - job.submit) : "";
    csv += fmt::format(
        "{},{},{},{:.6f},{},{},{},{},{},{},{},{},{:.6f},{:.3f},{:.0f},{},{:.0f},{},{},{},{:.0f},"
        "{:.6f}\n",
        csv_field(job.id), csv_field(job.user), to_string(job.state), job.submit,
        optional_time(job.start), optional_time(job.end), wait, jct, job.gpus, csv_field(job.site),
        csv_field(nodes), job.preemptions, job.lost_gpu_seconds, job.energy_joules, job.bytes_moved,
        job.transfer_failures, job.bytes_resent, job.power_suspensions, job.power_failures,
        job.migrations, job.checkpoint_bytes_shipped, job.route_wait_seconds);
  }
  return csv;
}

std::string links_csv(const RunResult& result) {
  std::string csv = "a,b,class,windows,up_s,bytes_a_to_b,bytes_b_to_a,capacity_bytes,utilisation\n";
  for (const auto& link : result.links) {
    const double capacity = 2 * link.capacity_bytes;  // both directions
    const double utilisation =
        capacity > 0 ? (link.bytes_forward + link.bytes_backward) / capacity : 0.0;
    csv += fmt::format("{},{},{},{},{:.6f},{:.0f},{:.0f},{:.0f},{:.6f}\n", csv_field(link.a),
                       csv_field(link.b), csv_field(link.link_class), link.windows, link.up_seconds,
                       link.bytes_forward, link.bytes_backward, link.capacity_bytes, utilisation);
  }
  return csv;
}

std::string gpu_use_csv(const RunResult& result) {
  std::string csv = "start,end,held_gpus,computing_gpus\n";
  for (const GpuUseBucket& bucket : result.gpu_use) {
    csv += fmt::format("{:.3f},{:.3f},{:.6f},{:.6f}\n", bucket.start, bucket.end, bucket.held,
                       bucket.computing);
  }
  return csv;
}

std::string summary_json(const Summary& summary, const RunTotals& totals) {
  JsonWriter json;
  json.begin_object();
  json.key("jobs").value(summary.jobs_total).key("jobs_finished").value(summary.jobs_finished);
  json.key("jobs_lost").value(summary.jobs_lost);
  json.key("jobs_killed_at_walltime").value(summary.jobs_killed_at_walltime);
  write_distribution(json, "jct", summary.jct, "_s");
  write_distribution(json, "wait", summary.wait, "_s");
  write_distribution(json, "finish_time_fairness", summary.finish_time_fairness, "");
  json.key("makespan_s").value(summary.makespan);
  json.key("gpu_utilisation").value(summary.gpu_utilisation);
  json.key("energy_j").value(summary.energy_joules);
  json.key("unallocated_gpu_energy_j").value(summary.unallocated_gpu_energy_joules);
  json.key("facility_energy_j").value(summary.facility_energy_joules);
  json.key("sites").begin_array();
  for (const SiteEnergy& site : totals.site_energy) {
    json.begin_object().key("site").value(site.site).key("it_energy_j").value(site.it_joules);
    json.key("pue").value(site.pue).key("facility_energy_j").value(site.facility_joules());
    json.end_object();
  }
  json.end_array();
  json.key("useful_gpu_hours").value(summary.useful_gpu_hours);
  json.key("energy_kwh_per_useful_gpu_hour").value(summary.energy_kwh_per_useful_gpu_hour);
  json.key("lost_gpu_hours").value(summary.lost_gpu_hours);
  json.key("stalled_gpu_hours").value(summary.stalled_gpu_hours);
  json.key("preemptions").value(summary.preemptions);
  json.key("power_failures").value(summary.power_failures);
  json.key("migrations").value(summary.migrations);
  json.key("checkpoint_bytes_shipped").value(summary.checkpoint_bytes_shipped);
  json.key("simulated_end_s").value(totals.end_time);
  json.key("scheduler_calls").value(totals.scheduler_calls);
  json.key("simulated_activities").value(totals.simulated_activities);
  json.key("simulated_transfers").value(totals.simulated_transfers);
  json.key("topology_changes").value(totals.topology_changes);
  json.key("routing_trees_computed").value(totals.routing_trees_computed);
  if (const auto& power = totals.satellite_power) {
    json.key("satellite_power").begin_object();
    json.key("solar_in_j").value(power->solar_in).key("used_j").value(power->used);
    json.key("from_sun_j").value(power->used - power->discharged);
    json.key("from_battery_j").value(power->discharged);
    json.key("stored_change_j").value(power->stored_change);
    json.key("battery_losses_j").value(power->losses).key("curtailed_j").value(power->curtailed);
    json.key("node_hours_off").value(power->off_seconds / 3600);
    json.key("node_hours_suspended").value(power->suspended_seconds / 3600);
    json.key("node_hours_throttled").value(power->throttled_seconds / 3600);
    json.key("min_state_of_charge").value(power->min_state_of_charge);
    json.end_object();
  }
  if (const auto& window = summary.window) {
    const bool by_index = window->by == MeasureWindow::By::kJobIndex;
    json.key("measure_window").begin_object().key("by").value(by_index ? "job_index" : "submit_s");
    json.key("from").value(window->from).key("to").value(window->to);
    json.key("applies_to")
        .value(
            "jobs, jobs_finished, jobs_lost, jct, wait, finish_time_fairness, lost_gpu_hours, "
            "stalled_gpu_hours, preemptions, power_failures");
    json.end_object();
  }
  json.end_object();
  return json.text();
}

std::string manifest_json(const Manifest& manifest) {
  JsonWriter json;
  json.begin_object();
  const RunOutcome& outcome = manifest.outcome;
  json.key("status").value(to_string(outcome.status));
  switch (outcome.status) {
    case RunOutcome::Status::kComplete:
      break;
    case RunOutcome::Status::kInterrupted:
      json.key("interrupted_at_s").value(outcome.stopped_at).key("signal").value(outcome.reason);
      break;
    case RunOutcome::Status::kFailed:
      json.key("error").value(outcome.reason);
      break;
  }
  json.key("umbra_version").value(manifest.umbra_version);
  json.key("command_line").begin_array();
  for (const auto& arg : manifest.command_line) json.value(arg);
  json.end_array();
  json.key("inputs").begin_array();
  for (const auto& input : manifest.inputs) {
    json.begin_object().key("role").value(input.role).key("path").value(input.path);
    json.key("sha256").value(input.sha256).end_object();
  }
  json.end_array();
  json.key("seed").value(manifest.seed);
  json.key("scheduler").value(manifest.scheduler);
  json.key("scheduler_options").begin_object();
  for (const auto& [name, value] : manifest.scheduler_options) json.key(name).value(value);
  json.end_object();
  if (const auto& read = manifest.workload_read) {
    json.key("workload_read").begin_object().key("format").value(read->format);
    json.key("records").value(read->records).key("kept").value(read->kept);
    json.key("dropped").begin_object();
    for (const auto& [reason, count] : read->dropped) json.key(reason).value(count);
    json.end_object().key("bad_lines_skipped").value(read->bad_lines).end_object();
  }
  if (!manifest.warnings.empty()) {
    json.key("warnings").begin_array();
    for (const auto& warning : manifest.warnings) json.value(warning);
    json.end_array();
  }
  json.end_object();
  return json.text();
}

std::string_view to_string(RunOutcome::Status status) {
  switch (status) {
    case RunOutcome::Status::kComplete:
      return "complete";
    case RunOutcome::Status::kInterrupted:
      return "interrupted";
    case RunOutcome::Status::kFailed:
      return "failed";
  }
  return {};
}

std::filesystem::path prepare_run_folder(const std::string& directory) {
  namespace fs = std::filesystem;
  const fs::path dir(directory);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir)) {
    throw InputError(SourcePosition{directory, 0, 0},
                     fmt::format("cannot create the output folder: {}", error.message()));
  }
  fs::remove(dir / kManifestFile, error);
  return dir;
}

void write_run(const std::filesystem::path& dir, const RunResult& result, const Summary& summary) {
  write_file_atomically(dir / "jobs.csv", jobs_csv(result));
  write_file_atomically(dir / "links.csv", links_csv(result));
  write_file_atomically(dir / "gpu_use.csv", gpu_use_csv(result));
  write_file_atomically(dir / "summary.json", summary_json(summary, result.totals));
  write_file_atomically(dir / kManifestFile, manifest_json(result.manifest));
}

}  // namespace umbra::output
