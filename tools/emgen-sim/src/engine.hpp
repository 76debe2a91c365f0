#pragma once
// The simulator's schema-driven engine: every `endpoints:` entry of a schema set (and of the sets it imports)
// answered from a data set made of the set's example payloads and of generated values, through emgen::dynamic.
// No HTTP here: the Simulator hands it requests its own handlers do not take.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"
#include "clock.hpp"
#include "dynamic/value.hpp"
#include "emgen/sim/simulator.hpp"
#include "pipeline.hpp"

namespace emgen::sim::detail {

namespace ir = gen::ir;

struct EngineRequest {
  /// GET, POST, PUT or DELETE (HEAD as GET).
  std::string method;
  /// The path after `/api`, split at `/`, percent-decoded.
  std::vector<std::string> segments;
  const Params* params = nullptr;
  std::string_view body;
  std::string_view content_type;
};

/// A document of the schema set to send, or none (204).
struct EngineAnswer {
  int status = 200;
  /// The document's type; null for no body.
  const ir::Type* type = nullptr;
  dynamic::Value value;
  /// The endpoint answers with a Task (202): the Simulator runs it, and on_finish when it finishes.
  bool task = false;
  std::string operation;
  std::string message;
  std::function<void()> on_finish;
};

/// What an action on a job does to the rest of the simulator (the backup sessions are the Catalog's).
struct JobHooks {
  std::function<void(const std::string& job_id, const std::string& job_name)> start;
  std::function<void(const std::string& job_id)> stop;
};

class Engine {
 public:
  /// Loads and resolves options.schemas (or data_dir's parent) with options.imports; throws std::runtime_error
  /// naming every problem of the schema set.
  Engine(const Options& options, const Clock& clock);
  ~Engine();

  /// Makes the data set with Hrefs under base (`https://127.0.0.1:PORT/api`). Throws std::runtime_error when an
  /// example payload does not read strictly as its type.
  void build(const std::string& base);

  /// nullopt when no endpoint of the schema set has the request's path; throws HttpFailure for a request an
  /// endpoint refuses (400 for a body that does not read as its type, 404 for an unknown id, 405 for a method).
  std::optional<EngineAnswer> answer(const EngineRequest& request);

  std::string write_xml(const EngineAnswer& answer) const;
  std::string write_json(const EngineAnswer& answer, JsonStyle style) const;

  /// Every endpoint of the schema set and its imports, for tests that call each of them.
  std::vector<const ir::Endpoint*> endpoints() const;
  /// The id of one record of the entity an endpoint's path parameters name, for tests (empty when none).
  std::string sample_id(const ir::Endpoint& endpoint, std::size_t parameter) const;

  JobHooks& jobs();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emgen::sim::detail
