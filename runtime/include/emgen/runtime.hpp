#pragma once
// Everything generated bindings need from the runtime.

#include "emgen/datetime.hpp"
#include "emgen/error.hpp"
#include "emgen/json_fwd.hpp"
#include "emgen/json_writer.hpp"
#include "emgen/open_enum.hpp"
#include "emgen/scalar.hpp"
#include "emgen/spec.hpp"
#include "emgen/uid.hpp"
#include "emgen/xml.hpp"
