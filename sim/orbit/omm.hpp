#pragma once
// CCSDS Orbit Mean-Elements Messages (OMM, CCSDS 502.0-B-3) holding SGP4 mean elements, in the two
// text forms catalogues publish: KVN ("KEY = value" lines) and JSON (an array of objects with the
// same keys, as CelesTrak and Space-Track serve with FORMAT=json; a single object is accepted too).
//
// Keys read: OBJECT_NAME, NORAD_CAT_ID, EPOCH, MEAN_MOTION, ECCENTRICITY, INCLINATION,
// RA_OF_ASC_NODE, ARG_OF_PERICENTER, MEAN_ANOMALY, BSTAR, MEAN_MOTION_DOT, MEAN_MOTION_DDOT (the
// last two default to 0). CENTER_NAME, REF_FRAME, TIME_SYSTEM and MEAN_ELEMENT_THEORY are checked
// when present (EARTH, TEME, UTC, SGP4). Other keys are ignored. Numbers may be written as JSON
// numbers or strings; a KVN value may carry a unit in brackets ("15.5 [rev/day]"), which is
// ignored.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/orbit/element_set.hpp"

namespace umbra::orbit {

// One ElementSet per message: each CCSDS_OMM_VERS line starts a new one.
std::vector<ElementSet> parse_omm_kvn(std::string_view text, const std::string& file);

// One ElementSet per object of the array.
std::vector<ElementSet> parse_omm_json(std::string_view text, const std::string& file);

// Reads an OMM file, JSON when its first non-blank character is '[' or '{', KVN otherwise.
std::vector<ElementSet> read_omm_file(const std::filesystem::path& path);

}  // namespace umbra::orbit
