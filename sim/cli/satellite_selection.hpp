#pragma once
// What the orbital commands (`eclipses`, `power`, ...) share: the required --horizon, the
// satellites chosen by --sat (or all of them), and their eclipse windows over the horizon.
#include <vector>

#include "sim/cli/arguments.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/orbit/eclipse_windows.hpp"

namespace umbra::cli {

// The value of --horizon, a duration; InputError when it is missing or malformed.
double required_horizon(const Arguments& arguments);

// The satellite named by --sat (did-you-mean on a typo), or every satellite of the platform;
// InputError when the platform has none.
std::vector<const contact::Satellite*> chosen_satellites(
    const contact::Constellation& constellation, const Arguments& arguments);

// Eclipse windows of each chosen satellite over [0, horizon], in the same order; a satellite
// with no state inside the horizon (a decayed element set) is bad input.
std::vector<std::vector<orbit::EclipseWindow>> eclipses_of(
    const std::vector<const contact::Satellite*>& satellites,
    const contact::Constellation& constellation, double horizon);

// The same windows handed to `consume` a chunk of satellites at a time, in order
// (orbit::stream_eclipse_windows): for constellations too large to hold every window at once.
void stream_eclipses_of(const std::vector<const contact::Satellite*>& satellites,
                        const contact::Constellation& constellation, double horizon,
                        const orbit::EclipseWindowConsumer& consume);

}  // namespace umbra::cli
