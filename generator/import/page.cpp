// `emgen import page`: the pages of one resource read into a draft. PageReader keeps what the pages share (the
// types, enums and notes drafted so far) and reconciles each page's tables with its example payload; split, its
// halves would share all of that state, so it stays one class (about 740 lines). How a page's markdown, its
// payloads and its table cells are read is in page/.

#include "import/page.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "import/page/markdown.hpp"
#include "import/page/payload.hpp"
#include "import/page/tables.hpp"
#include "naming.hpp"
#include "text/english.hpp"
#include "text/text.hpp"

namespace emgen::gen::import {
namespace {

using namespace help_page;

bool is_urn(const std::string& text) {
  return text.size() > 4 && (text.rfind("urn:", 0) == 0 || text.rfind("URN:", 0) == 0);
}

class PageReader {
 public:
  explicit PageReader(const PageImportOptions& options) : options_(options) {}

  void read(const std::string& path) {
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

  PageImport finish() {
    for (const auto& [page, payload] : pending_) reconcile(page, payload, types_.at(payload.root));
    PageImport result;
    // A body is sent as a whole document: one whose example could not be kept gives its type no element.
    for (auto& [name, type] : types_)
      for (DraftEndpoint& endpoint : type.endpoints)
        if (!endpoint.body.empty() && types_.count(endpoint.body) && types_.at(endpoint.body).element.empty()) {
          result.notes.push_back(
              Diagnostic::warning(Location{first_page_of_[name], 1, 0, endpoint.method + " " + endpoint.path},
                                  "the body " + endpoint.body + " has no document element: not drafted"));
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
                                                 "table, no complete example): nothing drafted for it"));
    }
    order_ = kept;
    result.requests = requests_;
    if (order_.empty() && options_.allow_empty) return result;
    if (order_.empty()) {
      std::string message = "nothing to draft: ";
      for (const Diagnostic& n : result.notes) message += "\n" + n.to_string();
      throw ImportError(message);
    }
    result.draft.api = DraftApi{options_.title, options_.api_version, options_.api_version, options_.xml_namespace,
                                options_.base_path};
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

 private:
  void note(const Page& page, int line, const std::string& where, std::string message, std::string code = {}) {
    notes_.push_back(Diagnostic::warning(Location{page.path, line, 0, where}, std::move(message), std::move(code)));
  }

  std::optional<Payload> main_payload(const Page& page) {
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
                   "payloads only");
          continue;
        }
        if (!payload) continue;
        if (!payload->complete) {
          note(page, payload->line, "example",
               "the example payload (" + table.caption + ") is cut short in the page; it is not drafted",
               std::string(kCutShortPayload));
          continue;
        }
        if (!best) best = payload;
      }
    }
    return best;
  }

  /// The first complete body an example request of the page sends.
  std::optional<Payload> request_payload(const Page& page) {
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

  std::string type_name(const Page& page, const std::optional<Payload>& payload) {
    if (payload && payload->complete) return payload->root;
    return identifier_words(named_type(page));
  }

  std::string named_type(const Page& page) {
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
      const std::string segment =
          path.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
      if (!segment.empty() && segment.front() != '{') last = segment;
      start = end == std::string::npos ? path.size() : end;
    }
    const std::string name = identifier_words(emgen::text::singular(last));
    if (name.empty()) throw ImportError(page.path + ":1: cannot tell which resource the page documents");
    return name;
  }

  std::string description_of(const Page& page) {
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

  DraftType& type_named(const std::string& name, const std::string& page) {
    if (!types_.count(name)) {
      types_[name].name = name;
      order_.push_back(name);
      first_page_of_[name] = page;
    }
    return types_[name];
  }

  /// The pages name every parameter {ID} (`/backupSessions/{ID}/taskSessions/{ID}`); the schema language
  /// needs one name each: the second becomes {ID2}.
  static std::string distinct_parameters(const std::string& path) {
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

  void read_links(const Page& page, const Table& table, DraftType& type) {
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      if (row.size() < 3) {
        note(page, table.row_lines[i], "Links",
             "a row of " + std::to_string(row.size()) + " cells, not 3; not drafted");
        continue;
      }
      DraftLink link{plain_text(row[1]), distinct_parameters(plain_text(row[0])), plain_text(row[2])};
      if (!link.path.starts_with('/') || link.rel.empty() || link.rel.find(' ') != std::string::npos) {
        note(page, table.row_lines[i], "Links",
             "'" + link.rel + " " + link.path + "' is not a relationship and a path; not drafted");
        continue;
      }
      // Some pages write `/nas/fileServers//{ID}`: a typo, which the schemas refuse (an empty path segment).
      if (const std::size_t query = link.path.find('?'); link.path.substr(0, query).find("//") != std::string::npos) {
        std::string route = link.path.substr(0, query);
        for (std::size_t at; (at = route.find("//")) != std::string::npos;) route.erase(at, 1);
        note(page, table.row_lines[i], "Links",
             "the page writes the path " + link.path + " with an empty segment: drafted as " + route +
                 (query == std::string::npos ? "" : link.path.substr(query)));
        link.path = route + (query == std::string::npos ? "" : link.path.substr(query));
      }
      const bool known = std::any_of(type.links.begin(), type.links.end(), [&](const DraftLink& existing) {
        return existing.rel == link.rel && existing.path == link.path;
      });
      if (!known) type.links.push_back(link);
    }
  }

  void read_endpoint(const Page& page, const Table& table, DraftType& type, const std::string& name,
                     bool documents_request_body) {
    const std::string request = plain_text(table.rows[0][0]);
    const std::size_t space = request.find(' ');
    const std::size_t api = request.find(options_.base_path + "/");
    if (space == std::string::npos || api == std::string::npos) {
      note(page, table.row_lines[0], "HTTP Request",
           "not a `METHOD https://.../api/path` request; no endpoint drafted");
      return;
    }
    DraftEndpoint endpoint{request.substr(0, space),
                           distinct_parameters(request.substr(api + options_.base_path.size())), name,
                           description_of(page)};
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

  void draft_query_list(const Page& page, int line, const std::string& entity) {
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
             "show it): check it");
  }

  void read_parameters(const Page& page, const Table& table, const std::vector<const Table*>& nested, DraftType& type,
                       const std::string& owner) {
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      if (row.size() < 3) {
        note(page, table.row_lines[i], "Parameters",
             "a row of " + std::to_string(row.size()) + " cells, not 3; not drafted");
        continue;
      }
      DraftField field;
      field.origin = page.path + ":" + std::to_string(table.row_lines[i]);
      field.name = plain_text(row[0]);
      const std::string table_type = plain_text(row[1]);
      if (!is_xml_name(field.name)) {
        note(page, table.row_lines[i], "Parameters", "'" + field.name + "' is not an element name; row not drafted");
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
             "type '" + table_type + "' is neither a primitive nor a table of this page; drafted as String");
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
               "typed " + table_type + " but lists values that are no URNs; drafted as an enum of them");
        field.type = enumeration.name;
        add_enum(owner, enumeration);
      }
      const auto same_but_case = std::find_if(type.fields.begin(), type.fields.end(), [&](const DraftField& f) {
        return f.name != field.name && emgen::text::equals_ignoring_case(f.name, field.name);
      });
      if (same_but_case != type.fields.end()) {
        note(page, table.row_lines[i], "Parameters/" + field.name,
             "differs from '" + same_but_case->name + "' only in letter case; read as its alias");
        same_but_case->aliases.push_back(field.name);
        continue;
      }
      const auto existing = std::find_if(type.fields.begin(), type.fields.end(),
                                         [&](const DraftField& f) { return f.name == field.name; });
      if (existing == type.fields.end())
        type.fields.push_back(field);
      else if (existing->doc.empty())
        existing->doc = field.doc;
    }
  }

  bool is_taken(const std::string& name) { return types_.count(name) > 0 || enum_named(name) != nullptr; }

  std::string unique_name(const std::string& name) {
    std::string candidate = name;
    for (int n = 2; is_taken(candidate); ++n) candidate = name + std::to_string(n);
    return candidate;
  }

  /// Whether a nested table is the one a row's description points to: `see [Lease Options](#LeaseOptions)`, `see
  /// Session Result` (plain text), or a table introduced by "The LeaseOptions element contains ...".
  static bool describes(const Table& table, const std::string& description, const std::string& field) {
    for (const std::string& line : table.context) {
      if (line.empty()) continue;
      if (description.find("[" + line + "]") != std::string::npos ||
          description.find("see " + line) != std::string::npos)
        return true;
      if (line.find("The " + field + " element") != std::string::npos) return true;
    }
    return false;
  }

  void add_enum(const std::string& owner, const DraftEnum& enumeration) {
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

  DraftEnum* enum_named(const std::string& name) {
    for (auto& [owner, enums] : enums_of_)
      for (DraftEnum& enumeration : enums)
        if (enumeration.name == name) return &enumeration;
    return nullptr;
  }

  /// The example wins: names, attributes, presence and enum values are taken from it, and every disagreement
  /// with the table is a note.
  /// Whether an Href of the example (`https://host:9398/api/restorePoints/a2d7...`) is an instance of a
  /// documented path (`/restorePoints/{ID}`): literal segments equal, a {parameter} matching any segment.
  bool matches(const std::string& href, const std::string& path) const {
    const std::size_t api = href.find(options_.base_path + "/");
    if (api == std::string::npos) return false;
    const std::string concrete = href.substr(api + options_.base_path.size());
    const auto split = [](const std::string& text) {
      std::vector<std::string> parts;
      std::string part;
      for (const char c : text) {
        if (c == '/' || c == '?') {
          parts.push_back(part);
          part.clear();
          if (c == '?') part = "?";
          continue;
        }
        part += c;
      }
      parts.push_back(part);
      return parts;
    };
    const std::vector<std::string> a = split(concrete), b = split(path);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(b[i].starts_with('{') && b[i].ends_with('}')) && a[i] != b[i]) return false;
    return true;
  }

  /// The example's links against the Links table: where the example gives a documented path another relation
  /// (the 2014 backup session links /restorePoints/{ID} as Related, the table says Down), the example wins and
  /// the table's word is kept in the link's doc.
  void reconcile_links(const Page& page, const Payload& payload, const pugi::xml_node& root, DraftType& type) {
    for (const pugi::xml_node link : root.child("Links").children("Link")) {
      const std::string rel = link.attribute("Rel").value();
      const std::string href = link.attribute("Href").value();
      const bool documented = std::any_of(type.links.begin(), type.links.end(), [&](const DraftLink& known) {
        return known.rel == rel && matches(href, known.path);
      });
      if (documented) continue;
      for (DraftLink& known : type.links) {
        if (!matches(href, known.path)) continue;
        note(page, payload.line, type.name + "/Links",
             "the table says " + known.rel + " for " + known.path + ", the example has Rel=\"" + rel +
                 "\": the example wins");
        known.doc += (known.doc.empty() ? "" : " ") + std::string("(The page's table says ") + known.rel + ".)";
        known.rel = rel;
        break;
      }
    }
  }

  /// An element with attributes and text (`<Day Name="Sunday">1,1,...</Day>`), which the schema language cannot
  /// describe: no type it drafts would read the payload.
  static pugi::xml_node mixed_element(const pugi::xml_node& root) {
    for (pugi::xml_node node = root; node;) {
      if (node.type() == pugi::node_element && node.first_attribute() &&
          !emgen::text::trim(node.text().get()).empty()) {
        bool only_namespaces = true;
        for (const pugi::xml_attribute attribute : node.attributes()) {
          const std::string name = attribute.name();
          if (name != "xmlns" && !name.starts_with("xmlns:") && !name.starts_with("xsi:")) only_namespaces = false;
        }
        if (!only_namespaces) return node;
      }
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
      while (node && node != root && !node.next_sibling()) node = node.parent();
      if (!node || node == root) break;
      node = node.next_sibling();
    }
    return {};
  }

  void reconcile(const Page& page, const Payload& payload, DraftType& type) {
    current_owner_ = type.name;
    pugi::xml_document document;
    document.load_buffer(payload.text.data(), payload.text.size(), pugi::parse_default & ~pugi::parse_doctype);
    const pugi::xml_node root = document.document_element();
    if (const pugi::xml_node mixed = mixed_element(root)) {
      note(page, payload.line, type.name,
           "the example has <" + std::string(mixed.name()) +
               "> with both attributes and text, which the schema "
               "language cannot describe: the type is drafted from the tables alone and the example is left out");
      return;
    }
    type.element = payload.root;
    DraftExample example;
    example.file = "examples/" + type.name + "_" + page.stem + ".xml";
    example.doc = "From " + (page.source_url.empty() ? page.stem : page.source_url) + " (" + payload.caption + ").";
    reconcile_element(page, payload, root, type, "", example);
    reconcile_links(page, payload, root, type);
    if (std::none_of(type.examples.begin(), type.examples.end(),
                     [&](const DraftExample& e) { return e.file == example.file; })) {
      type.examples.push_back(example);
      payloads_.push_back(DraftPayload{example.file, payload.text + "\n"});
      sources_.push_back("| " + example.file.substr(9) + " | " + page.source_url + " | " + payload.caption + " (line " +
                         std::to_string(payload.line) + " of " + page.file_name + ") |");
    }
  }

  void reconcile_element(const Page& page, const Payload& payload, const pugi::xml_node& element, DraftType& type,
                         const std::string& prefix, DraftExample& example) {
    std::set<std::string> seen;
    const auto field_named = [&](const std::string& name) {
      return std::find_if(type.fields.begin(), type.fields.end(), [&](const DraftField& f) { return f.name == name; });
    };
    const auto expect = [&](const std::string& name, const std::string& value) {
      example.expect.push_back(DraftExpectation{prefix + name, value});
    };
    for (const pugi::xml_attribute attribute : element.attributes()) {
      const std::string name = attribute.name();
      if (name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("xsi:")) continue;
      seen.insert(name);
      auto field = field_named(name);
      if (field == type.fields.end()) {
        note(page, payload.line, type.name + "/@" + name,
             "in the example, not in the page's table: drafted as an optional String attribute");
        type.fields.push_back(DraftField{name,
                                         is_urn(attribute.value()) ? "Uid" : "String",
                                         "",
                                         true,
                                         true,
                                         false,
                                         "",
                                         {},
                                         page.path + ":" + std::to_string(payload.line),
                                         ""});
        field = type.fields.end() - 1;
      }
      field->attribute = true;
      check_value(page, payload, type, *field, attribute.value());
      expect(name, attribute.value());
    }
    for (const pugi::xml_node child : element.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string name = child.name();
      if (!seen.insert(name).second) continue;
      auto field = field_named(name);
      if (field == type.fields.end() && name == "Links") {
        needs_link_ = true;
        type.fields.insert(
            type.fields.begin(),
            DraftField{
                "Links", "Link", "Links to related resources and actions.", false, false, true, "Link", {}, "", ""});
        continue;
      }
      if (field == type.fields.end()) {
        // The table's name for it: one the element's name starts with (CreationTime for CreationTimeUTC).
        // Or the same name in other letter case (PublicIPCount for <PublicIpCount>).
        const auto renamed = std::find_if(type.fields.begin(), type.fields.end(), [&](const DraftField& f) {
          return !f.attribute &&
                 ((name.size() > f.name.size() && name.starts_with(f.name)) ||
                  emgen::text::equals_ignoring_case(name, f.name)) &&
                 !seen.count(f.name) && element.child(f.name.c_str()).empty();
        });
        if (renamed != type.fields.end()) {
          note(page, payload.line, type.name + "/" + name,
               "the table says '" + renamed->name + "', the example has <" + name + ">: the example wins, '" +
                   renamed->name + "' becomes an alias");
          renamed->aliases.push_back(renamed->name);
          renamed->name = name;
          field = renamed;
        }
      }
      if (field == type.fields.end()) {
        note(page, payload.line, type.name + "/" + name,
             "in the example, not in the page's table: drafted as an optional String");
        type.fields.push_back(DraftField{
            name, "String", "", false, true, false, "", {}, page.path + ":" + std::to_string(payload.line), ""});
        field = type.fields.end() - 1;
      }
      if (!field->item.empty()) continue;  // a wrapped list drafted already (Links)
      std::vector<pugi::xml_node> occurrences;
      for (const pugi::xml_node same : element.children(name.c_str())) occurrences.push_back(same);
      if (occurrences.size() > 1 && !field->repeated) {
        note(page, payload.line, type.name + "/" + name,
             "appears " + std::to_string(occurrences.size()) + " times in the example: drafted as a list");
        field->repeated = true;
        field->optional = false;
      }
      if (types_.count(field->type)) {
        // A list's items are read for what they add to the type; expectations are written for single values.
        DraftExample scratch;
        for (const pugi::xml_node& occurrence : occurrences)
          reconcile_element(page, payload, occurrence, types_[field->type], prefix + name + ".",
                            field->repeated ? scratch : example);
        continue;
      }
      if (std::any_of(occurrences.begin(), occurrences.end(), is_complex)) {
        const std::string inferred = infer_type(type.name + name, occurrences);
        note(page, payload.line, type.name + "/" + name,
             "has content in the example and no table in the page: its type " + inferred +
                 " is drafted from the example, every value a String");
        field->type = inferred;
        continue;
      }
      if (field->repeated) continue;
      const std::string text = child.text().get();
      check_value(page, payload, type, *field, text);
      if (!text.empty() || field->type == "String") expect(name, text);
    }
    for (DraftField& field : type.fields)
      if (!seen.count(field.name) && !field.repeated && !field.optional) {
        note(page, payload.line, type.name + "/" + field.name,
             "in the page's table, not in its example: drafted optional");
        field.optional = true;
      }
  }

  static bool is_complex(const pugi::xml_node& node) {
    for (const pugi::xml_attribute attribute : node.attributes()) {
      const std::string name = attribute.name();
      if (name != "xmlns" && !name.starts_with("xmlns:") && !name.starts_with("xsi:")) return true;
    }
    return std::any_of(node.children().begin(), node.children().end(),
                       [](const pugi::xml_node& n) { return n.type() == pugi::node_element; });
  }

  /// A type for elements the page has no table for, from every occurrence in the example: attributes and
  /// children in their first order; optional unless in every occurrence; a list when one repeats.
  std::string infer_type(std::string name, const std::vector<pugi::xml_node>& nodes) {
    name = unique_name(name);
    types_[name].name = name;
    types_[name].doc = "Drafted from the page's example (the page has no table for it).";
    nested_of_[current_owner_].push_back(name);
    std::vector<DraftField> fields;
    const auto field_index = [&](const std::string& field_name) -> std::size_t {
      for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field_name) return i;
      fields.push_back(DraftField{field_name, "String", "", false, false, false, "", {}, "", ""});
      return fields.size() - 1;
    };
    std::map<std::string, std::size_t> presence;
    std::map<std::string, std::vector<pugi::xml_node>> children_by_name;
    for (const pugi::xml_node& node : nodes) {
      std::set<std::string> here;
      for (const pugi::xml_attribute attribute : node.attributes()) {
        const std::string attribute_name = attribute.name();
        if (attribute_name == "xmlns" || attribute_name.starts_with("xmlns:") || attribute_name.starts_with("xsi:"))
          continue;
        fields[field_index(attribute_name)].attribute = true;
        here.insert(attribute_name);
      }
      std::map<std::string, int> counts;
      for (const pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        const std::string child_name = child.name();
        field_index(child_name);
        here.insert(child_name);
        children_by_name[child_name].push_back(child);
        if (++counts[child_name] > 1) fields[field_index(child_name)].repeated = true;
      }
      for (const std::string& present : here) ++presence[present];
    }
    for (DraftField& field : fields) {
      if (!field.repeated && presence[field.name] < nodes.size()) field.optional = true;
      if (field.name == "Links" && !field.attribute) {
        needs_link_ = true;
        field = DraftField{"Links", "Link", "Links to related resources and actions.", false, false, true, "Link", {},
                           "",      ""};
        continue;
      }
      const auto& occurrences = children_by_name[field.name];
      if (!field.attribute && std::any_of(occurrences.begin(), occurrences.end(), is_complex))
        field.type = infer_type(name + field.name, occurrences);
    }
    types_[name].fields = std::move(fields);
    return name;
  }

  void check_value(const Page& page, const Payload& payload, const DraftType& type, DraftField& field,
                   const std::string& value) {
    if (field.type == "Uid" && !is_urn(value)) {
      note(page, payload.line, type.name + "/" + field.name,
           "typed UidType, but the example has '" + value + "', which is no URN: drafted as a String");
      field.type = "String";
    }
    if (field.type == "Bool" && (value == "true" || value == "false"))
      return;  // the table writes True/False; either reads
    if (DraftEnum* enumeration = enum_named(field.type)) {
      if (std::none_of(enumeration->values.begin(), enumeration->values.end(),
                       [&](const DraftEnumValue& v) { return v.wire == value; }) &&
          !value.empty()) {
        note(page, payload.line, type.name + "/" + field.name,
             "the example has '" + value + "', which the table's possible values do not list: added to " +
                 enumeration->name);
        enumeration->values.push_back(DraftEnumValue{value, "In the page's example; not in its table.",
                                                     is_identifier(value) ? "" : identifier_words(value)});
      }
    }
  }

  const PageImportOptions& options_;
  std::map<std::string, DraftType> types_;
  std::vector<DraftEndpoint> requests_;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<std::string>> nested_of_;
  std::map<std::string, std::vector<DraftEnum>> enums_of_;
  std::vector<DraftPayload> payloads_;
  std::vector<std::string> sources_;
  std::vector<Diagnostic> notes_;
  bool needs_link_ = false;
  std::vector<std::pair<Page, Payload>> pending_;
  std::map<std::string, std::string> first_page_of_;
  std::string current_owner_;
  std::map<std::string, std::string> nested_tables_;  // page:line of a nested table → its type
};

}  // namespace

PageImport import_pages(const std::vector<std::string>& paths, const PageImportOptions& options) {
  PageReader reader(options);
  for (const std::string& path : paths) reader.read(path);
  return reader.finish();
}

}  // namespace emgen::gen::import
