#include "emgen/session.hpp"

#include <simdjson.h>

#include "emgen/json_writer.hpp"

#include <pugixml.hpp>

namespace emgen {
namespace {

constexpr std::string_view kTokenHeader = "X-RestSvcSessionId";
constexpr std::string_view kLogonPath = "/sessionMngr/?v=latest";

bool starts_with_scheme(std::string_view text) noexcept {
  return (text.size() >= 7 && iequals(text.substr(0, 7), "http://")) ||
         (text.size() >= 8 && iequals(text.substr(0, 8), "https://"));
}

// The path, query and fragment of an absolute URL (`/` when it has none); text itself otherwise.
std::string_view path_of(std::string_view url) noexcept {
  if (!starts_with_scheme(url)) return url;
  const std::size_t authority = url.find("://") + 3;
  const std::size_t path = url.find_first_of("/?#", authority);
  return path == std::string_view::npos ? std::string_view("/") : url.substr(path);
}

// Where a LogonSession says it can be deleted: its Href, else its Delete link, else /logonSessions/SessionId.
struct LogonTargets {
  std::string href;
  std::string delete_link;
  std::string session_id;

  std::string best() const {
    if (!href.empty()) return href;
    if (!delete_link.empty()) return delete_link;
    if (!session_id.empty()) return "/logonSessions/" + session_id;
    return {};
  }
};

LogonTargets targets_from_xml(std::string_view body) {
  LogonTargets targets;
  pugi::xml_document document;
  if (!document.load_buffer(body.data(), body.size(), pugi::parse_default & ~pugi::parse_doctype)) return targets;
  const pugi::xml_node root = document.document_element();
  targets.href = root.attribute("Href").value();
  for (const pugi::xml_node link : root.child("Links").children("Link"))
    if (std::string_view(link.attribute("Rel").value()) == "Delete")
      targets.delete_link = link.attribute("Href").value();
  targets.session_id = root.child("SessionId").text().get();
  return targets;
}

std::string string_of(simdjson::ondemand::value value) {
  std::string_view text;
  if (value.get_string().get(text)) return {};
  return std::string(text);
}

// Both spellings: EM up to 12.x writes PascalCase member names, EM 13.x camelCase.
LogonTargets targets_from_json(std::string_view body) {
  LogonTargets targets;
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(body);
  simdjson::ondemand::document document;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(document) || document.get_object().get(object)) return targets;
  for (auto field : object) {
    std::string_view key;
    simdjson::ondemand::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return targets;
    if (key == "Href" || key == "href") {
      targets.href = string_of(value);
    } else if (key == "SessionId" || key == "sessionId") {
      targets.session_id = string_of(value);
    } else if (key == "Links" || key == "links") {
      simdjson::ondemand::array links;
      if (value.get_array().get(links)) continue;
      for (auto element : links) {
        simdjson::ondemand::object link;
        if (element.get_object().get(link)) continue;
        std::string rel;
        std::string href;
        for (auto member : link) {
          std::string_view name;
          simdjson::ondemand::value member_value;
          // The parser cannot go on after an error; what was found so far is all there is.
          if (member.unescaped_key().get(name) || member.value().get(member_value)) return targets;
          if (name == "Rel" || name == "rel") rel = string_of(member_value);
          if (name == "Href" || name == "href") href = string_of(member_value);
        }
        if (rel == "Delete") targets.delete_link = href;
      }
    }
  }
  return targets;
}

}  // namespace

std::string_view media_type(Format format) noexcept {
  return format == Format::json ? "application/json" : "application/xml";
}

Session::Session(Transport& transport, std::string base_url, std::string user, std::string password, Format format)
    : transport_(transport), base_url_(std::move(base_url)), user_(std::move(user)), format_(format) {
  while (base_url_.ends_with('/')) base_url_.pop_back();
  const std::string_view path = path_of(base_url_);
  base_path_ = starts_with_scheme(base_url_) ? std::string(path.substr(0, path.find_first_of("?#"))) : std::string();
  if (base_path_ == "/") base_path_.clear();
  authorization_ = "Basic " + base64_encode(user_ + ":" + password);
}

Session::~Session() {
  try {
    logoff();
  } catch (...) {  // a destructor must not throw; the server expires the session anyway
  }
}

void Session::logon() {
  if (logged_on()) {
    try {
      logoff();
    } catch (const std::exception&) {  // the old session expires on the server; the new logon is what matters
    }
  }
  Request request{"POST", base_url_ + std::string(kLogonPath), {}, {}};
  request.headers.set("Authorization", authorization_);
  request.headers.set("Accept", std::string(media_type(format_)));
  Response response = transport_.send(request);
  if (!response.ok()) throw_for_status(response, "POST", kLogonPath);
  const std::optional<std::string_view> token = response.headers.find(kTokenHeader);
  if (!token || token->empty())
    throw ProtocolError("POST " + std::string(kLogonPath) + ": " + std::to_string(response.status) + " " +
                        std::string(reason_phrase(response.status)) + " without an X-RestSvcSessionId header");
  token_ = std::string(*token);
  if (format_ == Format::json) json_style_ = json::style_of(response.body);
  logon_body_ = std::move(response.body);
  logoff_path_ = logoff_path_from(logon_body_);
  ++logons_;
}

void Session::logoff() {
  if (!logged_on()) return;
  if (logoff_path_.empty()) {
    token_.clear();
    return;
  }
  const std::string path = logoff_path_;
  Response response;
  try {
    response = send_with_token("DELETE", url_for(path), {});
  } catch (...) {
    token_.clear();
    throw;
  }
  token_.clear();
  // An expired or already deleted session is as logged off as it gets.
  if (response.ok() || response.status == 401 || response.status == 404) return;
  throw_for_status(response, "DELETE", path);
}

Response Session::call(std::string method, std::string path_and_query, std::string body) {
  const std::string url = url_for(path_and_query);
  bool fresh = false;
  if (!logged_on()) {
    logon();
    fresh = true;
  }
  Response response = send_with_token(method, url, body);
  // A 401 on a token that worked before means the session expired (15 minutes idle). Right after a logon it
  // means something else (a role, a proxy), and logging on again would only repeat it.
  if (response.status == 401 && !fresh) {
    token_.clear();
    logon();
    response = send_with_token(method, url, body);
  }
  return response;
}

Response Session::call_ok(std::string method, std::string path_and_query, std::string body) {
  Response response = call(method, path_and_query, std::move(body));
  if (!response.ok()) throw_for_status(response, method, path_and_query);
  return response;
}

std::string Session::relative(std::string_view href) const {
  std::string_view path = path_of(href);
  if (!base_path_.empty() && path.starts_with(base_path_) &&
      (path.size() == base_path_.size() || path[base_path_.size()] == '/' || path[base_path_.size()] == '?'))
    path.remove_prefix(base_path_.size());
  std::string out;
  if (!path.starts_with('/')) out += '/';
  out += path;
  return out;
}

Response Session::send_with_token(const std::string& method, const std::string& url, const std::string& body) {
  Request request{method, url, {}, body};
  request.headers.set(std::string(kTokenHeader), token_);
  request.headers.set("Accept", std::string(media_type(format_)));
  if (!body.empty()) request.headers.set("Content-Type", std::string(media_type(format_)));
  return transport_.send(request);
}

std::string Session::url_for(std::string_view path_and_query) const {
  if (starts_with_scheme(path_and_query)) return base_url_ + relative(path_and_query);
  std::string url = base_url_;
  if (!path_and_query.starts_with('/')) url += '/';
  url += path_and_query;
  return url;
}

std::string Session::logoff_path_from(std::string_view body) const {
  const std::size_t first = body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos) return {};
  const LogonTargets targets = body[first] == '{' ? targets_from_json(body) : targets_from_xml(body);
  const std::string best = targets.best();
  return best.empty() ? best : relative(best);
}

}  // namespace emgen
