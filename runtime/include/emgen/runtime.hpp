#pragma once
// Everything generated sources need from the runtime: emgen/types.hpp, and the XML and JSON writing and
// reading machinery (pugixml included).

#include "emgen/datetime.hpp"
#include "emgen/error.hpp"
#include "emgen/field_names.hpp"
#include "emgen/json_fwd.hpp"
#include "emgen/json_writer.hpp"
#include "emgen/open_enum.hpp"
#include "emgen/scalar.hpp"
#include "emgen/spec.hpp"
#include "emgen/types.hpp"
#include "emgen/uid.hpp"
#include "emgen/xml.hpp"
