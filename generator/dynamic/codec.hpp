#pragma once
// Reading and writing payloads of any type of a resolved schema set, chosen by name at run time: what the
// generated read_xml / read_json / write_xml / write_json functions do for their one type, driven by the IR
// instead. Every rule of the wire format (names, nil and null, lists, duplicates, unknown parts, scalars'
// grammars, positions, messages) is the runtime's: the generated code and these functions call the same
// emgen::xml and emgen::json readers and writers, so a payload reads the same way, to the same warnings and
// errors, through either.

#include <emgen/error.hpp>
#include <emgen/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "dynamic/value.hpp"
#include "precompile/ir.hpp"

namespace emgen::dynamic {

namespace ir = gen::ir;

/// The type named name; std::invalid_argument (with a "did you mean") when the set has none.
const ir::Type& find_type(const ir::Model& schemas, std::string_view name);

/// Reads an XML document whose root is the element of the document type named type, as T::from_xml does:
/// throws emgen::ParseError (path, line and column) for what the type refuses, and std::invalid_argument
/// when type is not a document type of schemas. A lenient read adds what it skipped or kept unlisted to
/// warnings when given.
Value read_xml(const ir::Model& schemas, std::string_view type, std::string_view text, ReadMode mode,
               ReadWarnings* warnings = nullptr);
/// Reads EM's JSON form of type (any complex type, not only a document type), as T::from_json does.
Value read_json(const ir::Model& schemas, std::string_view type, std::string_view text, ReadMode mode,
                ReadWarnings* warnings = nullptr);

/// Writes value as the XML document of the document type named type, as T::to_xml does.
/// std::invalid_argument names the first place where value does not fit the type (a member the type does
/// not have, a required one missing, a kind the field cannot hold, an Int out of range).
std::string write_xml(const ir::Model& schemas, std::string_view type, const Value& value);
/// Writes value in EM's JSON form of type, with the member names of style, as T::to_json does.
std::string write_json(const ir::Model& schemas, std::string_view type, const Value& value,
                       JsonStyle style = JsonStyle::pascal, bool pretty = false);

/// Whether root, read from an example payload, holds what expectation (an `expect:` entry of the example) says,
/// as the generated example tests check it: nullopt when it does, else what it holds instead, e.g.
/// `Links: 5 items, expected 6`.
std::optional<std::string> unmet(const Value& root, const ir::Expectation& expectation);

}  // namespace emgen::dynamic
