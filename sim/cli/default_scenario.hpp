#pragma once
// The scenario `umbra run` uses when given no files: platforms/ground-two-sites.yaml and
// workloads/ground-mix.yaml, embedded in the binary at build time so it runs from anywhere.
namespace umbra::cli {

struct EmbeddedFile {
  const char* path;  // as in the source tree, for messages and the manifest
  const char* text;
};

EmbeddedFile default_platform();
EmbeddedFile default_workload();

}  // namespace umbra::cli
