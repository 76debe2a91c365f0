#pragma once
// Base64 as Basic credentials carry it (RFC 7617), decoded with OpenSSL: the simulator checks them and the recorder
// scrubs them, and both must agree on what the header holds.

#include <optional>
#include <string>
#include <string_view>

namespace emgen::sim {

/// The bytes encoded (padded base64, e.g. `ZW1nZW46ZW1nZW4=` gives `emgen:emgen`); nothing when it is not that.
std::optional<std::string> decode_base64(std::string_view encoded);

}  // namespace emgen::sim
