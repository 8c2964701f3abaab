#pragma once
// SHA-256 (FIPS 180-4), for the input hashes a run's manifest records.
#include <string>
#include <string_view>

namespace umbra {

std::string sha256_hex(std::string_view data);  // 64 lowercase hex digits

// Hash of a file's bytes; throws InputError if the file cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace umbra
