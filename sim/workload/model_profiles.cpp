#include "sim/workload/model_profiles.hpp"

#include <algorithm>
#include <cctype>

namespace umbra::workload {
namespace {

// Figures and where they come from. Training FLOPs per sample are 3x the forward pass (forward
// + backward), which for transformers is the 6 x parameters x tokens rule (Kaplan et al.,
// "Scaling Laws for Neural Language Models", 2020, section 2.1).
// - ResNet-50: 25.6 M parameters, 4.1 GFLOPs forward per 224x224 image (He et al., "Deep
//   Residual Learning", CVPR 2016, table 1; torchvision model card); 90 epochs of ImageNet-1k
//   (1.281 M images) as in Goyal et al., "Accurate, Large Minibatch SGD" (2017); ~0.1 s per
//   iteration at 32 images per V100 (NVIDIA DeepLearningExamples ResNet-50 v1.5 results).
// - BERT-large: 340 M parameters, sequences of 512 tokens, 1 M steps of 256 sequences (Devlin
//   et al., "BERT", NAACL 2019, sections 3.1 and A.2); ~0.4 s per iteration (NVIDIA
//   DeepLearningExamples BERT pre-training phase 2 on DGX A100).
// - GPT-2 XL: 1.5 B parameters, 1024-token context (Radford et al., "Language Models are
//   Unsupervised Multitask Learners", 2019, table 2); 40 B training tokens (about 4 passes over
//   WebText's ~9 B tokens, our assumption); ~1 s per iteration (assumed, Megatron-class setup).
// - 7B LLM: 6.7 B parameters, 4096-token sequences, 2 T tokens (Touvron et al., "Llama 2",
//   2023, table 1); ~4 s per iteration of 4 M tokens (Llama 2 reports 184 k A100-hours for
//   7B, i.e. ~3,100 tokens per GPU-second, over 1,024 GPUs).
// - 70B LLM: 70 B parameters, same data (Llama 2, table 1; 1.72 M A100-hours); ~12 s per
//   iteration over 2,048 GPUs at the same rate per GPU-second scaled by model size.
// Gradients are bf16 (2 bytes per parameter); checkpoints 14 bytes per parameter: bf16 weights
// (2), fp32 master weights (4) and Adam's two fp32 moments (8), the mixed-precision Adam state
// of Rajbhandari et al., "ZeRO", SC 2020, section 3.1, without its fp16 gradients.
const std::vector<ModelProfile> kProfiles = {
    {"resnet-50", 25.6e6, 3 * 4.1e9, 0.1, 90 * 1.281e6, 1},
    {"bert-large", 340e6, 6 * 340e6 * 512, 0.4, 1e6 * 256, 8},
    {"gpt2-xl", 1.5e9, 6 * 1.5e9 * 1024, 1.0, 40e9 / 1024, 64},
    {"llm-7b", 6.7e9, 6 * 6.7e9 * 4096, 4.0, 2e12 / 4096, 512},
    {"llm-70b", 70e9, 6 * 70e9 * 4096, 12.0, 2e12 / 4096, 1 << 30},
};

// Names traces use for the same models: Pollux's "imagenet" application trains ResNet-50.
struct Alias {
  std::string_view alias;
  std::string_view profile;
};
constexpr Alias kAliases[] = {
    {"resnet50", "resnet-50"}, {"imagenet", "resnet-50"}, {"gpt2", "gpt2-xl"},
    {"gpt-2-xl", "gpt2-xl"},   {"llama-7b", "llm-7b"},    {"llama-70b", "llm-70b"},
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

const std::vector<ModelProfile>& model_profiles() {
  return kProfiles;
}

const ModelProfile* find_model_profile(std::string_view name) {
  std::string wanted = lower(name);
  for (const Alias& alias : kAliases) {
    if (wanted == alias.alias) wanted = alias.profile;
  }
  for (const ModelProfile& profile : kProfiles) {
    if (profile.name == wanted) return &profile;
  }
  return nullptr;
}

const ModelProfile& model_profile_for_gpus(int gpus) {
  for (const ModelProfile& profile : kProfiles) {
    if (gpus <= profile.max_gpus) return profile;
  }
  return kProfiles.back();
}

std::vector<std::string> model_profile_names() {
  std::vector<std::string> names;
  for (const ModelProfile& profile : kProfiles) names.push_back(profile.name);
  return names;
}

}  // namespace umbra::workload
