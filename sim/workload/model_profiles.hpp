#pragma once
// A small built-in table of common training models, used to fill in what a trace does not
// record: gradient and checkpoint sizes, and the number of iterations. Sources of the figures
// are cited in model_profiles.cpp.
#include <string>
#include <string_view>
#include <vector>

namespace umbra::workload {

struct ModelProfile {
  std::string name;             // "resnet-50", "bert-large", "gpt2-xl", "llm-7b", "llm-70b"
  double parameters = 0;        // count
  double flops_per_sample = 0;  // training FLOPs (forward + backward) per sample or sequence
  double iteration_time = 0;    // s, a typical data-parallel iteration
  double training_samples = 0;  // samples of a typical full training run
  int max_gpus = 0;             // largest job this profile stands for in the GPU-count rule

  double gradient_bytes() const { return 2 * parameters; }     // bf16 gradients
  double checkpoint_bytes() const { return 14 * parameters; }  // bf16 weights + fp32 Adam state
};

// The table, smallest model first.
const std::vector<ModelProfile>& model_profiles();

// The profile with this name or alias (case-insensitive: "ResNet-50", "imagenet"), or nullptr.
const ModelProfile* find_model_profile(std::string_view name);

// The rule for a job whose trace names no model: the smallest profile whose max_gpus covers
// the job (1 GPU: ResNet-50; 2-8: BERT-large; 9-64: GPT-2 XL; 65-512: 7B; more: 70B).
const ModelProfile& model_profile_for_gpus(int gpus);

// The profile names, for messages and --help.
std::vector<std::string> model_profile_names();

}  // namespace umbra::workload
