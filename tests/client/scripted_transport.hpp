#pragma once
// A Transport that answers each request with the next scripted response and keeps what was sent, for tests of
// the generated client that need no server.

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "emgen/http.hpp"

namespace client_test {

class ScriptedTransport : public emgen::Transport {
 public:
  emgen::Response send(const emgen::Request& request) override {
    sent.push_back(request);
    if (replies.empty()) throw emgen::TransportError(emgen::TransportError::Cause::other, "nothing scripted");
    emgen::Response response = std::move(replies.front());
    replies.pop_front();
    return response;
  }
  void reply(int status, std::string body = {}, emgen::Headers headers = {}) {
    emgen::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    replies.push_back(std::move(response));
  }
  void logon(std::string body) { reply(201, std::move(body), {{"X-RestSvcSessionId", "token"}}); }

  std::vector<emgen::Request> sent;
  std::deque<emgen::Response> replies;
};

}  // namespace client_test
