// Native platform services for the CLI: the journal store uses plain files, so this layer only
// names where a native workspace lives by default.
#include <cstdlib>
#include <string>

namespace deskbill {

std::string native_workspace_dir() {
  const char* home = std::getenv("DESKBILL_HOME");
  return home ? home : "./workspace-data";
}

}  // namespace deskbill
