// `emgen import page`: the pages of one resource read into a draft: each page's tables (its parameters, links,
// request and query lists) drafted as types, enums and endpoints (PageReader, page/reader.hpp). Reconciling the
// tables with the page's example payload is page/reconcile.cpp's.

#include "import/page.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "import/page/reader.hpp"
#include "naming.hpp"
#include "text/english.hpp"
#include "text/text.hpp"

namespace emgen::gen::import {
namespace help_page {

void PageReader::read(const std::string& path) {
  Page page = read_page(path);
  std::optional<Payload> payload = main_payload(page);
  // A POST or PUT page whose example answers with nothing documents the body its request sends: that
  // document is the page's type, and the endpoint's body.
  bool documents_request_body = false;
  if ((!payload || !payload->complete) && (page.title.starts_with("POST ") || page.title.starts_with("PUT ")))
    if (std::optional<Payload> request = request_payload(page)) {
      payload = std::move(request);
      documents_request_body = true;
    }
  const std::string name = type_name(page, payload);
  DraftType& type = type_named(name, page.path);
  if (type.doc.empty()) type.doc = description_of(page);
  if (type.origin.empty()) type.origin = page.path + ":1";
  const Table* parameters = nullptr;
  std::vector<const Table*> nested;
  for (const Table& table : page.tables) {
    if (table.header.size() >= 3 && (table.header[0] == "Element" || table.header[0] == "Parameter") &&
        table.header[1] == "Type") {
      if (!parameters)
        parameters = &table;
      else
        nested.push_back(&table);
    }
    if (table.header.size() >= 2 && table.header[0] == "Reference" && table.header[1] == "Relationship")
      read_links(page, table, type);
    if (table.caption == "HTTP Request" && table.rows.size() == 1)
      read_endpoint(page, table, type, name, documents_request_body);
  }
  if (parameters) read_parameters(page, *parameters, nested, type, name);
  // Examples are read against the tables of every page, so after the last one.
  if (payload && payload->complete && payload->root == name) pending_.push_back({std::move(page), *payload});
}

PageImport PageReader::finish() {
  for (const auto& [page, payload] : pending_) reconcile(page, payload, types_.at(payload.root));
  PageImport result;
  // A body is sent as a whole document: one whose example could not be kept gives its type no element.
  for (auto& [name, type] : types_)
    for (DraftEndpoint& endpoint : type.endpoints)
      if (!endpoint.body.empty() && types_.count(endpoint.body) && types_.at(endpoint.body).element.empty()) {
        result.notes.push_back(Diagnostic::warning(
            Location{first_page_of_[name], 1, 0, endpoint.method + " " + endpoint.path},
            "the body " + endpoint.body + " has no document element: not drafted", kBodyWithoutElement));
        endpoint.body.clear();
        endpoint.returns = name;
      }
  // A page without a parameter table or an example (an overview, a collection of references) documents no
  // representation of its own: nothing is drafted from it, and it is said.
  std::vector<std::string> kept;
  for (const std::string& name : order_) {
    if (!types_.at(name).fields.empty()) {
      kept.push_back(name);
      continue;
    }
    result.notes.push_back(Diagnostic::warning(Location{first_page_of_[name], 1, 0, name},
                                               "the page documents no representation of its own (no parameter "
                                               "table, no complete example): nothing drafted for it",
                                               kNothingDrafted));
  }
  order_ = kept;
  result.requests = requests_;
  if (order_.empty() && options_.allow_empty) return result;
  if (order_.empty()) {
    std::string message = "nothing to draft: ";
    for (const Diagnostic& n : result.notes) message += "\n" + n.to_string();
    throw ImportError(message);
  }
  result.draft.api =
      DraftApi{options_.title, options_.api_version, options_.api_version, options_.xml_namespace, options_.base_path};
  result.draft.source = "the page";
  result.draft.header =
      "Drafted by `emgen import page` from the EM REST API help pages. Review before committing (README: Importing "
      "from Veeam's XSD and help pages).";
  if (needs_link_) {
    DraftFile common;
    common.stem = "common";
    common.doc = "The link every resource representation carries.";
    DraftType link;
    link.name = "Link";
    link.doc = "A link to a related resource or action.";
    link.fields = {
        DraftField{"Href", "String", "URL of the linked resource.", true, false, false, "", {}, "", ""},
        DraftField{"Name", "String", "Name of the linked resource.", true, true, false, "", {}, "", ""},
        DraftField{"Type", "String", "Type of the linked resource.", true, true, false, "", {}, "", ""},
        DraftField{
            "Rel", "String", "Relationship: Up, Down, Alternate, Delete...", true, false, false, "", {}, "", ""}};
    common.types.push_back(link);
    result.draft.files.push_back(common);
  }
  for (const std::string& name : order_) {
    DraftFile file;
    file.stem = snake_case(name);
    if (file.stem == "common" || file.stem == "api" || file.stem == "index" || file.stem == "client")
      file.stem += "_type";
    file.doc = "The " + name + " resource, drafted from its help pages.";
    file.types.push_back(types_.at(name));
    for (const std::string& nested : nested_of_[name]) file.types.push_back(types_.at(nested));
    for (const DraftEnum& enumeration : enums_of_[name]) file.enums.push_back(enumeration);
    result.draft.files.push_back(std::move(file));
  }
  std::sort(result.draft.files.begin(), result.draft.files.end(),
            [](const DraftFile& a, const DraftFile& b) { return a.stem < b.stem; });
  result.draft.payloads = payloads_;
  result.draft.sources = sources_;
  for (Diagnostic& n : notes_) result.notes.push_back(std::move(n));
  std::stable_sort(result.notes.begin(), result.notes.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line) < std::tie(b.where.file, b.where.line);
  });
  return result;
}

void PageReader::note(const Page& page, int line, const std::string& where, std::string message,
                      std::string_view code) {
  notes_.push_back(Diagnostic::warning(Location{page.path, line, 0, where}, std::move(message), code));
}

std::optional<Payload> PageReader::main_payload(const Page& page) {
  std::optional<Payload> best;
  for (const Table& table : page.tables) {
    if (table.header.size() != 1 && !(table.header.size() == 2 && table.header[1].empty())) continue;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      if (table.rows[i].empty()) continue;
      std::optional<Payload> payload = payload_of(table.rows[i][0], table.row_lines[i], table.caption);
      if (!payload && is_json_payload(table.rows[i][0])) {
        note(page, table.row_lines[i], "example",
             "the JSON example payload (" + table.caption +
                 ") is not drafted: examples are drafted from XML "
                 "payloads only",
             kJsonExampleSkipped);
        continue;
      }
      if (!payload) continue;
      if (!payload->complete) {
        note(page, payload->line, "example",
             "the example payload (" + table.caption + ") is cut short in the page; it is not drafted",
             kCutShortPayload);
        continue;
      }
      if (!best) best = payload;
    }
  }
  return best;
}

std::optional<Payload> PageReader::request_payload(const Page& page) {
  for (const Table& table : page.tables) {
    if (table.header.size() != 1 && !(table.header.size() == 2 && table.header[1].empty())) continue;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      if (table.rows[i].empty()) continue;
      std::optional<Payload> payload = request_payload_of(table.rows[i][0], table.row_lines[i], table.caption);
      if (payload && payload->complete) return payload;
    }
  }
  return std::nullopt;
}

std::string PageReader::type_name(const Page& page, const std::optional<Payload>& payload) {
  if (payload && payload->complete) return payload->root;
  return identifier_words(named_type(page));
}

std::string PageReader::named_type(const Page& page) {
  for (const std::string& line : page.lines)
    if (const std::size_t at = line.find("/query?type="); at != std::string::npos) {
      std::size_t end = at + 12;
      while (end < line.size() && std::isalnum(static_cast<unsigned char>(line[end]))) ++end;
      if (end > at + 12) return line.substr(at + 12, end - at - 12);
    }
  // The resource path's last literal segment, in the singular: /systemSessions/{ID} → SystemSession.
  std::string path = page.title.substr(page.title.find('/') == std::string::npos ? 0 : page.title.find('/'));
  std::string last;
  for (std::size_t start = 0; start < path.size();) {
    const std::size_t end = path.find('/', start + 1);
    const std::string segment = path.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
    if (!segment.empty() && segment.front() != '{') last = segment;
    start = end == std::string::npos ? path.size() : end;
  }
  const std::string name = identifier_words(emgen::text::singular(last));
  if (name.empty()) throw ImportError(page.path + ":1: cannot tell which resource the page documents");
  return name;
}

std::string PageReader::description_of(const Page& page) {
  if (!page.description.empty()) return page.description;
  bool after_heading = false;
  for (const std::string& line : page.lines) {
    if (line.starts_with("# ")) {
      after_heading = true;
      continue;
    }
    if (after_heading && !emgen::text::trim(line).empty()) return plain_text(line);
  }
  return "";
}

DraftType& PageReader::type_named(const std::string& name, const std::string& page) {
  if (!types_.count(name)) {
    types_[name].name = name;
    order_.push_back(name);
    first_page_of_[name] = page;
  }
  return types_[name];
}

std::string PageReader::distinct_parameters(const std::string& path) {
  std::map<std::string, int> seen;
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      out += path[i];
      continue;
    }
    const std::size_t close = path.find('}', i);
    if (close == std::string::npos) {
      out += path.substr(i);
      break;
    }
    const std::string name = path.substr(i + 1, close - i - 1);
    const int count = ++seen[name];
    out += "{" + name + (count > 1 ? std::to_string(count) : "") + "}";
    i = close;
  }
  return out;
}

void PageReader::read_links(const Page& page, const Table& table, DraftType& type) {
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    if (row.size() < 3) {
      note(page, table.row_lines[i], "Links", "a row of " + std::to_string(row.size()) + " cells, not 3; not drafted",
           kShortRow);
      continue;
    }
    DraftLink link{plain_text(row[1]), distinct_parameters(plain_text(row[0])), plain_text(row[2])};
    if (!link.path.starts_with('/') || link.rel.empty() || link.rel.find(' ') != std::string::npos) {
      note(page, table.row_lines[i], "Links",
           "'" + link.rel + " " + link.path + "' is not a relationship and a path; not drafted", kBadLinkRow);
      continue;
    }
    // Some pages write `/nas/fileServers//{ID}`: a typo, which the schemas refuse (an empty path segment).
    if (const std::size_t query = link.path.find('?'); link.path.substr(0, query).find("//") != std::string::npos) {
      std::string route = link.path.substr(0, query);
      for (std::size_t at; (at = route.find("//")) != std::string::npos;) route.erase(at, 1);
      note(page, table.row_lines[i], "Links",
           "the page writes the path " + link.path + " with an empty segment: drafted as " + route +
               (query == std::string::npos ? "" : link.path.substr(query)),
           kEmptyPathSegment);
      link.path = route + (query == std::string::npos ? "" : link.path.substr(query));
    }
    const bool known = std::any_of(type.links.begin(), type.links.end(), [&](const DraftLink& existing) {
      return existing.rel == link.rel && existing.path == link.path;
    });
    if (!known) type.links.push_back(link);
  }
}

void PageReader::read_endpoint(const Page& page, const Table& table, DraftType& type, const std::string& name,
                               bool documents_request_body) {
  const std::string request = plain_text(table.rows[0][0]);
  const std::size_t space = request.find(' ');
  const std::size_t api = request.find(options_.base_path + "/");
  if (space == std::string::npos || api == std::string::npos) {
    note(page, table.row_lines[0], "HTTP Request", "not a `METHOD https://.../api/path` request; no endpoint drafted",
         kBadRequestLine);
    return;
  }
  DraftEndpoint endpoint{request.substr(0, space), distinct_parameters(request.substr(api + options_.base_path.size())),
                         name, description_of(page)};
  if (documents_request_body) {
    // What the request sends is documented; what it answers is not (EM answers most with no body).
    endpoint.body = name;
    endpoint.returns.clear();
  }
  requests_.push_back(endpoint);
  // GET /query?type=X is the query service, not an endpoint of X: X's entities come back in a list of
  // QueryEntities, which the query schema declares once for every type=.
  if (endpoint.method == "GET" && endpoint.path.starts_with("/query?type=")) {
    draft_query_list(page, table.row_lines[0], name);
    return;
  }
  const bool known = std::any_of(type.endpoints.begin(), type.endpoints.end(), [&](const DraftEndpoint& existing) {
    return existing.method == endpoint.method && existing.path == endpoint.path;
  });
  if (!known) type.endpoints.push_back(endpoint);
}

void PageReader::draft_query_list(const Page& page, int line, const std::string& entity) {
  DraftType& entities = type_named("QueryEntities", page.path);
  if (entities.doc.empty()) entities.doc = "Entities returned by a query with format=Entities.";
  const bool known = std::any_of(entities.fields.begin(), entities.fields.end(),
                                 [&](const DraftField& field) { return field.query == entity; });
  if (known) return;
  DraftField list;
  list.name = emgen::text::plural(entity);
  list.type = entity;
  list.repeated = true;
  list.item = entity;
  list.query = entity;
  list.doc = description_of(page);
  list.origin = page.path + ":" + std::to_string(line);
  entities.fields.push_back(list);
  note(page, line, "QueryEntities/" + list.name,
       "GET /query?type=" + entity + " drafted as the list " + list.name +
           " of QueryEntities; the list's element name follows RestAPI.xsd's pattern (the page's example does not "
           "show it): check it",
       kQueryListDrafted);
}

void PageReader::read_parameters(const Page& page, const Table& table, const std::vector<const Table*>& nested,
                                 DraftType& type, const std::string& owner) {
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    if (row.size() < 3) {
      note(page, table.row_lines[i], "Parameters",
           "a row of " + std::to_string(row.size()) + " cells, not 3; not drafted", kShortRow);
      continue;
    }
    DraftField field;
    field.origin = page.path + ":" + std::to_string(table.row_lines[i]);
    field.name = plain_text(row[0]);
    const std::string table_type = plain_text(row[1]);
    if (!is_xml_name(field.name)) {
      note(page, table.row_lines[i], "Parameters", "'" + field.name + "' is not an element name; row not drafted",
           kBadElementName);
      continue;
    }
    const PossibleValues values = possible_values(row[2]);
    field.doc = values.doc;
    field.type = primitive_of(table_type);
    if (field.type.empty()) {
      // A nested table: the row's description links to it by its caption (`[Session Result](#SessionResult)`).
      for (const Table* candidate : nested)
        if (describes(*candidate, row[2], field.name)) {
          // Named after the table's type (`SessionResultInfoType` → `SessionResultInfo`), else its heading.
          std::string nested_name = table_type.ends_with("Type") && is_identifier(table_type)
                                        ? table_type.substr(0, table_type.size() - 4)
                                        : identifier_words(candidate->caption);
          if (nested_name.empty()) nested_name = type.name + field.name;
          // Reused when the same table is met again; otherwise a name no enum or other type has.
          const std::string table_key = page.path + ":" + std::to_string(candidate->line);
          // Another page of the same resource documents the same table: one type.
          const auto& owned = nested_of_[owner];
          const bool same_resource = std::find(owned.begin(), owned.end(), nested_name) != owned.end();
          if (!nested_tables_.count(table_key) && !same_resource && is_taken(nested_name))
            nested_name = unique_name(nested_name);
          if (nested_tables_.count(table_key)) nested_name = nested_tables_[table_key];
          nested_tables_[table_key] = nested_name;
          field.type = nested_name;
          if (!types_.count(nested_name)) {
            types_[nested_name].name = nested_name;
            types_[nested_name].origin = page.path + ":" + std::to_string(candidate->line);
            types_[nested_name].doc = candidate->caption + ".";
            nested_of_[owner].push_back(nested_name);
          }
          read_parameters(page, *candidate, {}, types_[nested_name], owner);
        }
    }
    if (field.type.empty()) {
      note(page, table.row_lines[i], "Parameters/" + field.name,
           "type '" + table_type + "' is neither a primitive nor a table of this page; drafted as String",
           kUnknownTableType);
      field.type = "String";
    }
    if (!values.values.empty() && field.type != "Bool") {
      DraftEnum enumeration;
      enumeration.name = type.name + field.name;
      if (types_.count(enumeration.name)) enumeration.name = unique_name(enumeration.name);
      enumeration.doc = field.doc;
      enumeration.values = values.values;
      if (field.type == "Uid")
        note(page, table.row_lines[i], "Parameters/" + field.name,
             "typed " + table_type + " but lists values that are no URNs; drafted as an enum of them", kUidWithValues);
      field.type = enumeration.name;
      add_enum(owner, enumeration);
    }
    const auto same_but_case = std::find_if(type.fields.begin(), type.fields.end(), [&](const DraftField& f) {
      return f.name != field.name && emgen::text::equals_ignoring_case(f.name, field.name);
    });
    if (same_but_case != type.fields.end()) {
      note(page, table.row_lines[i], "Parameters/" + field.name,
           "differs from '" + same_but_case->name + "' only in letter case; read as its alias", kCaseAlias);
      same_but_case->aliases.push_back(field.name);
      continue;
    }
    const auto existing =
        std::find_if(type.fields.begin(), type.fields.end(), [&](const DraftField& f) { return f.name == field.name; });
    if (existing == type.fields.end())
      type.fields.push_back(field);
    else if (existing->doc.empty())
      existing->doc = field.doc;
  }
}

std::string PageReader::unique_name(const std::string& name) {
  std::string candidate = name;
  for (int n = 2; is_taken(candidate); ++n) candidate = name + std::to_string(n);
  return candidate;
}

bool PageReader::describes(const Table& table, const std::string& description, const std::string& field) {
  for (const std::string& line : table.context) {
    if (line.empty()) continue;
    if (description.find("[" + line + "]") != std::string::npos || description.find("see " + line) != std::string::npos)
      return true;
    if (line.find("The " + field + " element") != std::string::npos) return true;
  }
  return false;
}

void PageReader::add_enum(const std::string& owner, const DraftEnum& enumeration) {
  for (DraftEnum& existing : enums_of_[owner])
    if (existing.name == enumeration.name) {
      for (const DraftEnumValue& value : enumeration.values)
        if (std::none_of(existing.values.begin(), existing.values.end(),
                         [&](const DraftEnumValue& v) { return v.wire == value.wire; }))
          existing.values.push_back(value);
      return;
    }
  enums_of_[owner].push_back(enumeration);
}

DraftEnum* PageReader::enum_named(const std::string& name) {
  for (auto& [owner, enums] : enums_of_)
    for (DraftEnum& enumeration : enums)
      if (enumeration.name == name) return &enumeration;
  return nullptr;
}

}  // namespace help_page

PageImport import_pages(const std::vector<std::string>& paths, const PageImportOptions& options) {
  help_page::PageReader reader(options);
  for (const std::string& path : paths) reader.read(path);
  return reader.finish();
}

}  // namespace emgen::gen::import
