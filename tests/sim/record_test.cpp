// Recording and replaying (tools/emgen-sim/src/record.hpp): a round trip through the simulator itself. A client
// logs on and reads in XML and JSON through the recording proxy; the folder is replayed on the proxy's port; the
// same requests get byte-identical answers, and no secret (token, password, credentials, host) is in the folder.

#include "record.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <array>
#include <cstdio>
#include <emgen/sim/simulator.hpp>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "simulator_support.hpp"
#include "text/text.hpp"

namespace {

namespace fs = std::filesystem;

constexpr const char* kUser = "recording-user";
constexpr const char* kPassword = "Pa55-w0rd-recorded";

std::string base64(const std::string& text) {
  static constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    std::uint32_t group = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + 1])) << 8;
    if (i + 2 < text.size()) group |= static_cast<unsigned char>(text[i + 2]);
    out += kDigits[(group >> 18) & 63];
    out += kDigits[(group >> 12) & 63];
    out += i + 1 < text.size() ? kDigits[(group >> 6) & 63] : '=';
    out += i + 2 < text.size() ? kDigits[group & 63] : '=';
  }
  return out;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / name;
  fs::remove_all(dir);
  return dir;
}

struct Answer {
  int status = 0;
  std::string content_type;
  std::string token;
  std::string body;
  bool operator==(const Answer&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Answer& answer) {
  return out << answer.status << " " << answer.content_type << " token=" << answer.token << "\n" << answer.body;
}

// The client's session: what it sends depends only on what it was answered, so the replay gets the same requests.
std::vector<Answer> session(std::uint16_t port) {
  httplib::Client client("127.0.0.1", port);
  std::vector<Answer> answers;
  const auto keep = [&](const httplib::Result& result) {
    EXPECT_TRUE(result) << httplib::to_string(result.error());
    if (!result) return Answer{};
    Answer answer{result->status, result->get_header_value("Content-Type"),
                  result->get_header_value("X-RestSvcSessionId"), result->body};
    answers.push_back(answer);
    return answer;
  };
  keep(client.Get("/api/"));
  const std::string basic = "Basic " + base64(std::string(kUser) + ":" + kPassword);
  keep(client.Post("/api/sessionMngr/?v=latest", httplib::Headers{{"Authorization", "Basic d3Jvbmc6d3Jvbmc="}}, "",
                   "text/plain"));  // wrong:wrong, refused
  const Answer logon =
      keep(client.Post("/api/sessionMngr/?v=latest", httplib::Headers{{"Authorization", basic}}, "", "text/plain"));
  const httplib::Headers xml = {{"X-RestSvcSessionId", logon.token}};
  const httplib::Headers json = {{"X-RestSvcSessionId", logon.token}, {"Accept", "application/json"}};
  keep(client.Get("/api/backupSessions", xml));
  const Answer sessions = keep(client.Get("/api/backupSessions", json));
  // The first session's id, from the answer's first Href.
  std::smatch id;
  EXPECT_TRUE(std::regex_search(sessions.body, id, std::regex("backupSessions/([0-9a-f-]{36})")));
  keep(client.Get("/api/backupSessions/" + id[1].str() + "?format=Entity", json));
  keep(client.Get("/api/backupSessions/" + id[1].str() + "?format=Entity", xml));
  keep(client.Get("/api/query?type=BackupJobSession&format=Entities&sortDesc=CreationTime&pageSize=3&page=2", xml));
  // An action with a request body (the simulator ignores it), and its task polled until it finishes: the same
  // request answered Running, Running, then Finished.
  keep(client.Post("/api/backupSessions/" + id[1].str() + "?action=stop", xml, "<Note>made here</Note>",
                   "application/xml"));
  for (int poll = 0; poll < 3; ++poll) keep(client.Get("/api/tasks/task-1", xml));
  keep(client.Get("/api/backupSessions", httplib::Headers{{"X-RestSvcSessionId", "not-a-token"}}));
  std::smatch session_id;
  EXPECT_TRUE(std::regex_search(logon.body, session_id, std::regex("<SessionId>([^<]+)</SessionId>")));
  keep(client.Delete("/api/logonSessions/" + session_id[1].str(), xml));
  keep(client.Get("/api/backupSessions", xml));  // logged off: 401
  return answers;
}

std::string everything_in(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) all += entry.path().string() + "\n" + *emgen::text::read_file(entry.path()) + "\n";
  return all;
}

TEST(Record, ARoundTripThroughTheSimulatorAnswersTheSameAndKeepsNoSecret) {
  const auto simulator = emgen::test::start_simulator([](emgen::sim::Options& options) {
    options.user = kUser;
    options.password = kPassword;
  });

  const fs::path dir = fresh_dir("emgen-recording");
  emgen::sim::RecordOptions record;
  record.upstream = simulator->base_url();
  record.out = dir;
  emgen::sim::Recorder recorder(record);
  recorder.start();
  const std::uint16_t port = recorder.port();
  const std::vector<Answer> recorded = session(port);
  recorder.stop();
  ASSERT_EQ(recorded.size(), 15U);
  EXPECT_EQ(recorder.exchanges(), 15);
  // The simulator answered as it does: the proxy changed nothing the client relies on.
  EXPECT_EQ(recorded[1].status, 401);
  EXPECT_EQ(recorded[2].status, 201);
  EXPECT_EQ(recorded[2].token, "emgen-recorded-token-1");
  EXPECT_NE(recorded[4].body.find("\"Refs\""), std::string::npos);
  EXPECT_EQ(recorded[4].content_type, "application/json; charset=utf-8");
  EXPECT_NE(recorded[6].body.find("<BackupJobSession "), std::string::npos);
  EXPECT_NE(recorded[7].body.find("PageNum=\"2\""), std::string::npos) << recorded[7].body;
  EXPECT_EQ(recorded[8].status, 202);
  EXPECT_NE(recorded[10].body.find("<State>Running</State>"), std::string::npos) << recorded[10].body;
  EXPECT_NE(recorded[11].body.find("<State>Finished</State>"), std::string::npos) << recorded[11].body;
  EXPECT_EQ(recorded[12].status, 401);
  EXPECT_EQ(recorded[13].status, 204);
  EXPECT_EQ(recorded[14].status, 401);
  EXPECT_EQ(simulator->counters().logons, 1);
  EXPECT_EQ(simulator->counters().logoffs, 1);
  // Hrefs name the proxy, which the client can follow.
  EXPECT_NE(recorded[3].body.find("Href=\"http://127.0.0.1:" + std::to_string(port) + "/api/backupSessions/"),
            std::string::npos);

  const std::string folder = everything_in(dir);
  for (const std::string& token : simulator->issued_tokens()) EXPECT_EQ(folder.find(token), std::string::npos) << token;
  for (const std::string& secret :
       {std::string(kPassword), std::string(kUser), base64(std::string(kUser) + ":" + kPassword),
        std::string("127.0.0.1"), std::to_string(simulator->port())})
    EXPECT_EQ(folder.find(secret), std::string::npos) << secret << " is in the folder:\n" << folder.substr(0, 3000);
  EXPECT_NE(folder.find("{{origin}}/api/backupSessions/"), std::string::npos);
  // Namespace names are identifiers, not hosts to hide.
  EXPECT_NE(folder.find("xmlns=\"http://www.veeam.com/ent/v1.0\""), std::string::npos);
  EXPECT_NE(folder.find("X-RestSvcSessionId: \"{{token-1}}\""), std::string::npos);
  EXPECT_NE(folder.find("authorization: Basic {{credentials}}"), std::string::npos);
  EXPECT_NE(folder.find("<UserName>{{user}}</UserName>"), std::string::npos);
  EXPECT_NE(folder.find("request_body: bodies/0009-request.xml"), std::string::npos);
  EXPECT_EQ(*emgen::text::read_file(dir / "bodies/0009-request.xml"), "<Note>made here</Note>");
  simulator->stop();

  // What the recorder wrote is what emgen inspect reads: every body as its endpoint's type, nothing unknown.
  const std::string command = std::string(EMGEN_EXE) + " inspect --schemas " + EMGEN_SCHEMA_DIR + " --recorded " +
                              dir.string() + " --fail-on-warning 2>&1";
  std::string inspected;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
      inspected.append(buffer.data(), n);
    EXPECT_EQ(::pclose(pipe), 0) << inspected;
  }
  EXPECT_NE(inspected.find(": 15 exchange(s); 14 bodies read, 0 did not read, 0 answered by no endpoint of the "
                           "schemas, 1 without a body\n  BackupJobSession: 2\n  EnterpriseManager: 1\n"
                           "  EntityReferences: 2\n  Error: 3\n  LogonSession: 1\n  QueryResult: 1\n  Task: 4\n"
                           "Nothing unknown"),
            std::string::npos)
      << inspected;

  // Replayed on the proxy's port, with the simulator gone.
  emgen::sim::Replayer replayer(dir);
  EXPECT_EQ(replayer.size(), 15U);
  replayer.start(port);
  const std::vector<Answer> replayed = session(port);
  ASSERT_EQ(replayed.size(), recorded.size());
  for (std::size_t i = 0; i < recorded.size(); ++i) EXPECT_EQ(replayed[i], recorded[i]) << "exchange " << i + 1;

  // A request the recording has no answer for says so.
  httplib::Client client("127.0.0.1", port);
  const auto unknown = client.Get("/api/jobs");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(unknown->get_header_value("X-Emgen-Replay"), "no-match");
  EXPECT_NE(unknown->body.find("no answer to GET /api/jobs (xml, no token)"), std::string::npos) << unknown->body;
}

// EM serves HTTPS with a self-signed certificate: the proxy verifies it against --ca-file, and answers 502 saying
// why when it cannot.
TEST(Record, AnHttpsUpstreamIsVerifiedAgainstItsCertificate) {
  const auto simulator = emgen::test::start_simulator([](emgen::sim::Options& options) { options.tls = true; });
  ASSERT_EQ(simulator->base_url().rfind("https://", 0), 0U);

  emgen::sim::RecordOptions record;
  record.upstream = simulator->base_url();
  record.out = fresh_dir("emgen-recording-tls");
  record.ca_file = simulator->cert_file();
  emgen::sim::Recorder recorder(record);
  recorder.start();
  httplib::Client client("127.0.0.1", recorder.port());
  const auto root = client.Get("/api/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 200);
  EXPECT_NE(root->body.find("<EnterpriseManager"), std::string::npos);
  EXPECT_NE(root->body.find("Href=\"http://127.0.0.1:" + std::to_string(recorder.port()) + "/api/"), std::string::npos)
      << root->body;
  recorder.stop();

  record.out = fresh_dir("emgen-recording-tls-unverified");
  record.ca_file.clear();  // the system's CAs, which do not know the simulator's certificate
  emgen::sim::Recorder unverified(record);
  unverified.start();
  httplib::Client second("127.0.0.1", unverified.port());
  const auto refused = second.Get("/api/");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 502);
  EXPECT_NE(refused->body.find("emgen-sim record: no answer from " +
                               simulator->base_url().substr(0, simulator->base_url().size() - 4)),
            std::string::npos)
      << refused->body;
  EXPECT_EQ(unverified.exchanges(), 0);
}

TEST(Record, TheScrubberReplacesHostsOfEveryUrlAndSecretsEverywhere) {
  emgen::sim::Scrubber scrubber("https://EM01.corp.example:9398/api");
  EXPECT_EQ(scrubber.learn_authorization("Basic " + base64("CORP\\admin:hunter22")), "Basic {{credentials}}");
  EXPECT_EQ(scrubber.learn_token("O9Msj3rq7EGUhtSMBQx+mw=="), "{{token-1}}");
  EXPECT_EQ(scrubber.learn_token("O9Msj3rq7EGUhtSMBQx+mw=="), "{{token-1}}");
  EXPECT_EQ(scrubber.learn_token("second"), "{{token-2}}");
  EXPECT_EQ(
      scrubber.scrub("<Ref Href=\"https://em01.corp.example:9398/api/x?a=1&amp;b=2\" Name=\"EM01.corp.example\"/>"),
      "<Ref Href=\"{{origin}}/api/x?a=1&amp;b=2\" Name=\"{{host}}\"/>");
  // Another host keeps its port; the same host on another port is not the origin; escaped JSON slashes.
  EXPECT_EQ(scrubber.scrub("{\"Href\":\"https:\\/\\/vbr02.corp.example:9392\\/x\",\"N\":\"vbr02.corp.example\"}"),
            "{\"Href\":\"https:\\/\\/{{host-1}}:9392\\/x\",\"N\":\"{{host-1}}\"}");
  EXPECT_EQ(
      scrubber.scrub("<a xmlns=\"http://www.veeam.com/ent/v1.0\" xmlns:xsi='http://www.w3.org/x' h=\"http://a.b/\"/>"),
      "<a xmlns=\"http://www.veeam.com/ent/v1.0\" xmlns:xsi='http://www.w3.org/x' h=\"http://{{host-2}}/\"/>");
  EXPECT_EQ(scrubber.scrub("http://em01.corp.example/api and https://user:pw@[fe80::1]:8443/p"),
            "http://{{host}}/api and https://{{host-3}}:8443/p");
  EXPECT_EQ(scrubber.scrub("user CORP\\admin, password hunter22, token O9Msj3rq7EGUhtSMBQx+mw== second"),
            "user {{user}}, password {{password}}, token {{token-1}} {{token-2}}");
  // A host name is replaced where it stands alone, not inside a longer name.
  EXPECT_EQ(scrubber.scrub("em01.corp.example.org x-em01.corp.example em01.corp.example:1"),
            "em01.corp.example.org x-em01.corp.example {{host}}:1");
  // A megabyte of URLs and secrets, every one of them replaced.
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "<a h=\"http://h" + std::to_string(i % 50) + ".example/x\">hunter22</a>";
  const std::string scrubbed = scrubber.scrub(many);
  EXPECT_EQ(scrubbed.find("hunter22"), std::string::npos);
  EXPECT_EQ(scrubbed.find(".example"), std::string::npos);
  EXPECT_EQ(emgen::sim::served_text("{{origin}}/api {{token-2}} {{host-1}} {{", "http://127.0.0.1:9"),
            "http://127.0.0.1:9/api emgen-recorded-token-2 {{host-1}} {{");
}

TEST(Record, BadUpstreamsAndFoldersAreRefusedWithTheReason) {
  const auto refused = [](const std::string& upstream, const fs::path& out) {
    try {
      emgen::sim::RecordOptions options;
      options.upstream = upstream;
      options.out = out;
      emgen::sim::Recorder recorder(options);
    } catch (const emgen::sim::RecordError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  const fs::path out = fresh_dir("emgen-recording-bad");
  EXPECT_NE(refused("em01:9398", out).find("expected http://HOST[:PORT]"), std::string::npos);
  EXPECT_NE(refused("https://em01:99999", out).find("optional port 1-65535"), std::string::npos);
  EXPECT_NE(refused("https://u:p@em01", out).find("no credentials in the URL"), std::string::npos);
  fs::create_directories(out);
  std::ofstream(out / "kept.txt") << "a file a person keeps";
  EXPECT_NE(refused("https://em01", out).find("the folder is not empty"), std::string::npos);
}

std::string replay_error(const std::string& index, const std::vector<std::string>& files = {}) {
  const fs::path dir = fresh_dir("emgen-replay-bad");
  fs::create_directories(dir / "bodies");
  std::ofstream(dir / "index.yaml") << index;
  for (const std::string& file : files) std::ofstream(dir / file) << "<x/>";
  try {
    emgen::sim::Replayer replayer(dir);
  } catch (const emgen::sim::RecordError& error) {
    return std::string(error.what()).substr(dir.string().size() + 1);
  }
  return "accepted";
}

// The made-here recorded folder's index with random bytes changed, removed or repeated (a fixed seed): each either
// reads or is a RecordError at index.yaml; never a crash or another exception.
TEST(Record, DamagedIndexesReadOrFailWithAPlace) {
  const fs::path source = EMGEN_MADE_HERE_DIR "/recorded";
  const std::string original = *emgen::text::read_file(source / "index.yaml");
  const fs::path dir = fresh_dir("emgen-replay-damaged");
  fs::create_directories(dir);
  fs::copy(source / "bodies", dir / "bodies", fs::copy_options::recursive);
  const std::string alphabet = "-:{}[], \n\"'#&*!|>?@`%abc0123456789/.";
  std::mt19937 random(20251019);
  int read = 0;
  for (int round = 0; round < 1000; ++round) {
    std::string text = original;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text[at] = alphabet[random() % alphabet.size()];
          break;
        case 1:
          text.erase(at, 1 + random() % 8);
          break;
        default:
          text.insert(at, text.substr(at, 1 + random() % 8));
          break;
      }
    }
    std::ofstream(dir / "index.yaml", std::ios::trunc) << text;
    try {
      emgen::sim::Replayer replayer(dir);
      ++read;
    } catch (const emgen::sim::RecordError& error) {
      EXPECT_EQ(std::string(error.what()).rfind((dir / "index.yaml").string(), 0), 0U) << error.what();
    }
  }
  EXPECT_GT(read, 0);
}

TEST(Record, BadFoldersSayWhereAndWhat) {
  EXPECT_EQ(replay_error("- {method: GET, target: /api/, status: 200, body: bodies/1.xml}\n", {"bodies/1.xml"}),
            "accepted");
  EXPECT_EQ(replay_error(""), "index.yaml: no exchanges recorded");
  EXPECT_EQ(replay_error("- {method: GET, target: /api/, status: 200, body: bodies/none.xml}\n"),
            "index.yaml:1:51: body: cannot read " +
                (fs::path(::testing::TempDir()) / "emgen-replay-bad/bodies/none.xml").string());
  EXPECT_EQ(replay_error("- {method: GET, target: /api/, status: 200, body: ../../etc/passwd}\n"),
            "index.yaml:1:51: body must name a file inside the folder, not \"../../etc/passwd\"");
  EXPECT_EQ(replay_error("- {method: GET, status: 200}\n"), "index.yaml:1:3: the exchange has no target");
  EXPECT_EQ(replay_error("- {method: GET, target: /api/, status: ok}\n"),
            "index.yaml:1:40: status must be an HTTP status 100-599, not \"ok\"");
  EXPECT_EQ(replay_error("- {method: GET, target: api, status: 200}\n"),
            "index.yaml:1:25: target must start with \"/\"");
  EXPECT_EQ(replay_error("- {method: GET, target: /, status: 200, wire: html}\n"),
            "index.yaml:1:47: wire must be xml or json");
  EXPECT_EQ(replay_error("- {method: GET, target: /, status: 200, headers: [a]}\n"),
            "index.yaml:1:50: headers must be a map of names to values");
  EXPECT_EQ(replay_error("exchanges: 1\n"), "index.yaml:1:1: expected a list of exchanges");
  EXPECT_EQ(replay_error("- {method: GET\n"), "index.yaml:2:1: end of map flow not found");
  EXPECT_THROW(emgen::sim::Replayer(fresh_dir("emgen-replay-none")), emgen::sim::RecordError);
}

}  // namespace
