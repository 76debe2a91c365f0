// The generated client header declares the types its methods return but does not define them: a translation
// unit that includes it gets only the schemas it includes itself (here task.hpp), so that adding a schema does
// not recompile every user of the client. Checked at compile time; the test only has to build.

#include "veeam/em/client.hpp"
#include "veeam/em/task.hpp"

namespace {

template <class T>
concept complete = requires {
  sizeof(T);
};

static_assert(complete<veeam::em::Task>, "task.hpp defines Task");
static_assert(!complete<veeam::em::BackupJobSession>, "client.hpp only declares BackupJobSession");
static_assert(!complete<veeam::em::EntityReferences>, "client.hpp only declares EntityReferences");

}  // namespace

int main() { return 0; }
