#pragma once
// Typed errors for EM's HTTP error statuses. EM answers every error with an <Error> body (or its JSON form);
// ApiError keeps the body and what could be read from it, and never carries request headers, so neither the
// session token nor the password can reach a message.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "emgen/http.hpp"
#include "veeam/em/error.hpp"

namespace emgen {

/// Reads an EM error body, XML or JSON, as the schemas' Error type (leniently: members it does not know are
/// skipped). Empty for anything else (an HTML page from a proxy, plain text, malformed markup, another root
/// element, a JSON object with neither Message nor StatusCode): a broken error body must not hide the status.
std::optional<veeam::em::Error> parse_error_details(std::string_view body);

/// `Not Found` for 404, and so on; `Unknown Status` for codes without a standard phrase.
std::string_view reason_phrase(int status) noexcept;

/// An HTTP error status from EM. what() is `METHOD PATH: STATUS REASON[: Error/@Message]`, for example
/// `GET /backupSessions/x: 404 Not Found: Backup session x was not found`.
class ApiError : public std::runtime_error {
 public:
  /// method and path_and_query may be empty when unknown; they only serve the message.
  /// earlier_attempts: why each earlier attempt of the call failed, when it was retried; the message counts them.
  ApiError(int status, std::string method, std::string path_and_query, std::string body,
           std::vector<std::string> earlier_attempts = {});

  int status() const noexcept { return status_; }
  const std::string& method() const noexcept { return method_; }
  const std::string& path() const noexcept { return path_; }
  /// The response body as received.
  const std::string& body() const noexcept { return body_; }
  /// The error body's content, when it is an EM error document.
  const std::optional<veeam::em::Error>& details() const noexcept { return details_; }
  /// Why each earlier attempt failed, when the Session retried the call; empty otherwise.
  const std::vector<std::string>& earlier_attempts() const noexcept { return earlier_attempts_; }

 private:
  ApiError(int status, std::string&& method, std::string&& path_and_query, std::string&& body,
           std::optional<veeam::em::Error>&& details, std::vector<std::string>&& earlier_attempts);

  int status_;
  std::string method_;
  std::string path_;
  std::string body_;
  std::optional<veeam::em::Error> details_;
  std::vector<std::string> earlier_attempts_;
};

/// ` (attempt 3; earlier attempts: 503 Service Unavailable; connection refused)`, or empty when there were none:
/// what a message that ends a retried call adds.
std::string attempts_note(const std::vector<std::string>& earlier_attempts);

/// 400: the request (body, filter, parameter) is invalid.
class BadRequest : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 401: no session, an expired session, or (at logon) wrong credentials.
class Unauthorized : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 403: the user's role does not allow this.
class Forbidden : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 404: no such resource.
class NotFound : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 405: the resource does not support this method.
class MethodNotAllowed : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 5xx: the server failed (500), does not implement it (501) or is unavailable (503).
class ServerError : public ApiError {
 public:
  using ApiError::ApiError;
};
/// Any other status that the caller did not expect (including an unexpected 2xx or 3xx).
class UnexpectedStatus : public ApiError {
 public:
  using ApiError::ApiError;
};

/// A response with a success status that breaks the protocol, e.g. a logon without a session token.
class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Throws the ApiError subclass for response's status. It always throws: call it once a status is known to
/// be unwanted (a 2xx given here gives UnexpectedStatus). method and path_and_query only serve the message.
[[noreturn]] void throw_for_status(const Response& response, std::string_view method = {},
                                   std::string_view path_and_query = {});

}  // namespace emgen
