// emgen::http without a network: headers, base64, URL and request redaction, typed errors and the parsing
// of EM error bodies.

#include "emgen/http.hpp"

#include <gtest/gtest.h>

#include "emgen/api_error.hpp"

namespace {

using emgen::ApiError;
using emgen::Headers;
using emgen::parse_error_details;
using emgen::Response;

TEST(Headers, FindIgnoresLetterCase) {
  Headers headers{{"X-RestSvcSessionId", "abc"}, {"Content-Type", "application/xml"}};
  EXPECT_EQ(headers.find("x-restsvcsessionid"), "abc");
  EXPECT_EQ(headers.find("X-RESTSVCSESSIONID"), "abc");
  EXPECT_EQ(headers.find("content-type"), "application/xml");
  EXPECT_FALSE(headers.find("Accept"));
}

TEST(Headers, SetReplacesEveryHeaderOfThatName) {
  Headers headers;
  headers.add("Accept", "a");
  headers.add("accept", "b");
  headers.add("Other", "c");
  headers.set("ACCEPT", "d");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers.find("Accept"), "d");
}

TEST(Headers, AddKeepsRepeatsAndFindGivesTheFirst) {
  Headers headers;
  headers.add("Set-Cookie", "one");
  headers.add("set-cookie", "two");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers.find("Set-Cookie"), "one");
  EXPECT_EQ(headers.remove("SET-COOKIE"), 2u);
  EXPECT_TRUE(headers.empty());
}

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(emgen::base64_encode(""), "");
  EXPECT_EQ(emgen::base64_encode("f"), "Zg==");
  EXPECT_EQ(emgen::base64_encode("fo"), "Zm8=");
  EXPECT_EQ(emgen::base64_encode("foo"), "Zm9v");
  EXPECT_EQ(emgen::base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(emgen::base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(emgen::base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, BasicCredentialsWithHighBytes) {
  EXPECT_EQ(emgen::base64_encode("Aladdin:open sesame"), "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(emgen::base64_encode(std::string("\xff\xfe\x00\x01", 4)), "//4AAQ==");
}

TEST(RedactUrl, DropsQueryFragmentAndUserInfo) {
  EXPECT_EQ(emgen::redact_url("https://em:9398/api/query?type=BackupJobSession&filter=x"), "https://em:9398/api/query");
  EXPECT_EQ(emgen::redact_url("https://user:secret@em:9398/api/#frag"), "https://em:9398/api/");
  EXPECT_EQ(emgen::redact_url("http://127.0.0.1:1/api"), "http://127.0.0.1:1/api");
  EXPECT_EQ(emgen::redact_url("https://em/api/x?a=b@c"), "https://em/api/x");
}

TEST(RequestToString, RedactsCredentialHeaders) {
  emgen::Request request;
  request.method = "POST";
  request.url = "https://em:9398/api/sessionMngr/?v=latest";
  request.headers = {{"Authorization", "Basic c2VjcmV0"},
                     {"x-restsvcsessionid", "TOKEN123"},
                     {"Cookie", "X-RestSvcSessionId=TOKEN123"},
                     {"Accept", "application/xml"}};
  request.body = "body";
  const std::string text = emgen::to_string(request);
  EXPECT_EQ(text.find("c2VjcmV0"), std::string::npos) << text;
  EXPECT_EQ(text.find("TOKEN123"), std::string::npos) << text;
  EXPECT_EQ(text.find("latest"), std::string::npos) << text;
  EXPECT_NE(text.find("POST https://em:9398/api/sessionMngr/"), std::string::npos) << text;
  EXPECT_NE(text.find("Accept: application/xml"), std::string::npos) << text;
  EXPECT_NE(text.find("Authorization: <redacted>"), std::string::npos) << text;
  EXPECT_NE(text.find("(4 bytes of body)"), std::string::npos) << text;
}

TEST(TransportErrorCause, Names) {
  EXPECT_EQ(emgen::to_string(emgen::TransportError::Cause::refused), "refused");
  EXPECT_EQ(emgen::to_string(emgen::TransportError::Cause::timeout), "timeout");
  EXPECT_EQ(emgen::to_string(emgen::TransportError::Cause::tls), "tls");
}

// The documented XML error form: Message and StatusCode attributes, the rest as child elements.
constexpr std::string_view kXmlError =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Error xmlns=\"http://www.veeam.com/ent/v1.0\" Message=\"Session not found\" StatusCode=\"404\">\n"
    "  <FirstChanceExceptionMessage>Object reference not set</FirstChanceExceptionMessage>\n"
    "  <StackTrace>at Veeam.Backup.X()</StackTrace>\n"
    "</Error>";

TEST(ParseErrorDetails, DocumentedXml) {
  const std::optional<veeam::em::Error> details = parse_error_details(kXmlError);
  ASSERT_TRUE(details);
  EXPECT_EQ(details->message, "Session not found");
  EXPECT_EQ(details->status_code, 404);
  EXPECT_EQ(details->first_chance_exception_message, "Object reference not set");
  EXPECT_EQ(details->stack_trace, "at Veeam.Backup.X()");
}

TEST(ParseErrorDetails, PrefixedRootAndStatusAttribute) {
  const auto details = parse_error_details(
      "<v:Error xmlns:v=\"http://www.veeam.com/ent/v1.0\" Message=\"m\" StatusCode=\"500\" "
      "Status=\"InternalServerError\"/>");
  ASSERT_TRUE(details);
  EXPECT_EQ(details->status, "InternalServerError");
  EXPECT_EQ(details->status_code, 500);
}

TEST(ParseErrorDetails, JsonWithNulls) {
  const auto details = parse_error_details(
      R"({"FirstChanceExceptionMessage": null, "StackTrace": null, "Message": "Forbidden: role", "StatusCode": 403})");
  ASSERT_TRUE(details);
  EXPECT_EQ(details->message, "Forbidden: role");
  EXPECT_EQ(details->status_code, 403);
  EXPECT_FALSE(details->stack_trace);
}

TEST(ParseErrorDetails, JsonStatusCodeAsString) {
  const auto details = parse_error_details(R"({"Message": "x", "StatusCode": "400"})");
  ASSERT_TRUE(details);
  EXPECT_EQ(details->status_code, 400);
}

// 13.x spells members in camelCase; the generated Error reads both.
TEST(ParseErrorDetails, CamelCaseJson) {
  const auto details = parse_error_details(R"({"message": "Forbidden", "statusCode": 403, "stackTrace": "at X"})");
  ASSERT_TRUE(details);
  EXPECT_EQ(details->message, "Forbidden");
  EXPECT_EQ(details->status_code, 403);
  EXPECT_EQ(details->stack_trace, "at X");
}

TEST(ParseErrorDetails, AnythingElseIsNoDetails) {
  EXPECT_FALSE(parse_error_details(""));
  EXPECT_FALSE(parse_error_details("Service Unavailable"));
  EXPECT_FALSE(parse_error_details("<html><body><h1>502 Bad Gateway</h1></body></html>"));
  EXPECT_FALSE(parse_error_details("<Error Message=\"cut"));
  EXPECT_FALSE(parse_error_details("{\"Message\": \"cut"));
  EXPECT_FALSE(parse_error_details("{\"Other\": 1}"));
  EXPECT_FALSE(parse_error_details("[1, 2]"));
  EXPECT_FALSE(parse_error_details(std::string("\x00\xff\xfe", 3)));
}

// The binding runtime refuses any DOCTYPE (entity expansion protection): such a body is no EM error body.
TEST(ParseErrorDetails, DoctypeIsRefusedNotExpanded) {
  EXPECT_FALSE(parse_error_details("<!DOCTYPE x [<!ENTITY a \"expanded\">]><Error Message=\"&a;\"/>"));
  const ApiError error(500, "GET", "/x", "<!DOCTYPE x [<!ENTITY a \"expanded\">]><Error Message=\"&a;\"/>");
  EXPECT_EQ(std::string(error.what()).find("expanded"), std::string::npos);
}

TEST(ApiError, MessageNamesRequestStatusAndServerMessage) {
  const ApiError error(404, "GET", "/backupSessions/x", std::string(kXmlError));
  EXPECT_STREQ(error.what(), "GET /backupSessions/x: 404 Not Found: Session not found");
  EXPECT_EQ(error.status(), 404);
  EXPECT_EQ(error.body(), kXmlError);
  ASSERT_TRUE(error.details());
  EXPECT_EQ(error.details()->status_code, 404);
}

TEST(ApiError, NonXmlBodyKeepsTheBodyAndHasNoDetails) {
  const ApiError error(502, "GET", "/query", "<html>Bad gateway</html>");
  EXPECT_STREQ(error.what(), "GET /query: 502 Bad Gateway");
  EXPECT_FALSE(error.details());
  EXPECT_EQ(error.body(), "<html>Bad gateway</html>");
}

TEST(ApiError, ServerMessageIsOneBoundedLine) {
  const std::string message(2000, 'x');
  const ApiError error(500, "", "", R"({"Message": "line one\nline two )" + message + R"(", "StatusCode": 500})");
  const std::string what = error.what();
  EXPECT_TRUE(what.starts_with("500 Internal Server Error: line one line two xxx")) << what;
  EXPECT_EQ(what.find('\n'), std::string::npos);
  EXPECT_LT(what.size(), 600u);
}

template <class Expected>
void expect_type_for(int status) {
  Response response;
  response.status = status;
  response.body = "{\"Message\": \"m\", \"StatusCode\": " + std::to_string(status) + "}";
  try {
    emgen::throw_for_status(response, "GET", "/x");
  } catch (const Expected& error) {
    EXPECT_EQ(error.status(), status);
    EXPECT_EQ(error.method(), "GET");
    EXPECT_EQ(error.path(), "/x");
    return;
  } catch (const std::exception& error) {
    ADD_FAILURE() << status << " threw the wrong type: " << error.what();
    return;
  }
}

TEST(ThrowForStatus, EachStatusItsType) {
  expect_type_for<emgen::BadRequest>(400);
  expect_type_for<emgen::Unauthorized>(401);
  expect_type_for<emgen::Forbidden>(403);
  expect_type_for<emgen::NotFound>(404);
  expect_type_for<emgen::MethodNotAllowed>(405);
  expect_type_for<emgen::ServerError>(500);
  expect_type_for<emgen::ServerError>(501);
  expect_type_for<emgen::ServerError>(503);
  expect_type_for<emgen::UnexpectedStatus>(409);
  expect_type_for<emgen::UnexpectedStatus>(302);
  expect_type_for<emgen::UnexpectedStatus>(200);
}

TEST(ThrowForStatus, AllAreApiErrors) {
  Response response;
  response.status = 403;
  EXPECT_THROW(emgen::throw_for_status(response), ApiError);
  EXPECT_THROW(emgen::throw_for_status(response), std::runtime_error);
}

}  // namespace
