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

  /// Makes the entities that Hrefs (with the Name beside each) from elsewhere name, so that they answer: the
  /// Catalog's sessions link to jobs, servers and restore points.
  void adopt(const std::vector<std::pair<std::string, std::string>>& hrefs);

  /// nullopt when no endpoint of the schema set has the request's path; throws HttpFailure for a request an
  /// endpoint refuses (400 for a body that does not read as its type, 404 for an unknown id, 405 for a method).
  std::optional<EngineAnswer> answer(const EngineRequest& request);

  /// GET /query (the query string after `?`): the entities of type= that pass filter=, sorted (sortAsc or
  /// sortDesc) and cut into pages (pageSize, 100 by default; page), as references or format=Entities. supplied
  /// holds the entities of types another part of the simulator keeps (the Catalog's sessions), by type name; the
  /// others are the data set's. Throws HttpFailure 400 with the column of a filter or parameter at fault.
  EngineAnswer query(std::string_view query_string, const std::map<std::string, std::vector<dynamic::Value>>& supplied);

  /// Every entity of type (`BackupJobSession`) in the data set, as XML: the examples', and those made for the Hrefs
  /// that name one. Empty when the schema set has no entity type of that name.
  std::vector<std::string> entities_xml(std::string_view type) const;
  /// The entities of type become these (XML, read as read() does): the Catalog keeps the sessions, and the engine
  /// answers the paths the Catalog does not take (`/backupSessions/{ID}/taskSessions/{TaskID}`) from the same ones.
  void replace_entities(std::string_view type, const std::vector<std::string>& xml);

  /// Reads an entity of the schema set from XML (leniently: a session's Result "None", which EM sends and its
  /// tables do not list, is kept).
  dynamic::Value read(std::string_view type, std::string_view xml) const;

  std::string write_xml(const EngineAnswer& answer) const;
  std::string write_json(const EngineAnswer& answer, JsonStyle style) const;

  /// The path of the endpoint written `endpoint_path` in the schema set (`/repositories/{ID}`) with each
  /// parameter the id of an entity of the data set: `/repositories/0b5e...` (a parameter that names no entity,
  /// as a mount's, gets a made-up id); empty when the set has no such endpoint.
  std::string sample_path(std::string_view endpoint_path) const;

  JobHooks& jobs();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emgen::sim::detail
