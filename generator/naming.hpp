#pragma once
// Splitting schema names into words: shared by the checks (which reject names that would collide) and the
// C++ view model (which uses them).

#include <string>

namespace emgen::gen {

/// `[A-Za-z_][A-Za-z0-9_]*`: a name both stages check (file stems, path parameters, C++ members and values).
bool is_identifier(const std::string& name);

/// `[A-Za-z_][A-Za-z0-9_.-]*`: the element and attribute names the schema language accepts (ASCII XML names
/// without a prefix); the resolver checks schema fields with it, the importers what they draft.
bool is_xml_name(const std::string& name);
/// `CreationTimeUTC` → `creation_time_utc`, `JobUid` → `job_uid`, `UID` → `uid`, `IsRetry` → `is_retry`.
std::string snake_case(const std::string& name);

/// The camelCase form of a PascalCase JSON member name, by the .NET rule EM 13.x servers follow: the leading
/// run of capitals is lowered, except for the last one of a run that a lower-case letter follows.
/// `IsRetry` → `isRetry`, `UID` → `uid`, `CreationTimeUTC` → `creationTimeUTC`, `VAppRestorePoints` →
/// `vAppRestorePoints`, `URLs` → `urLs`, `HTMLParser` → `htmlParser`; a name that starts lower-case is kept.
std::string json_camel_case(const std::string& name);

/// The letters and digits of text as PascalCase words, everything else a word break: `In-Progress` →
/// `InProgress`, `Session Result` → `SessionResult`, `BackupJobSession_doc13.xml` → `BackupJobSessionDoc13Xml`.
std::string pascal_words(const std::string& text);
/// The name of the test generated for an example file: its file name (directories dropped) in PascalCase
/// words, `examples/BackupJobSession_doc13.xml` → `BackupJobSessionDoc13Xml`.
std::string example_test_name(const std::string& path);

/// An endpoint path with every parameter made `{}` (`/a/{ID}/b/{ID2}` → `/a/{}/b/{}`): `{ID}`, `{id}` and `{ID2}`
/// are one placeholder when paths of two sources are compared.
std::string path_shape(const std::string& path);

}  // namespace emgen::gen
