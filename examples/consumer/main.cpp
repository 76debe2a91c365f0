// task-monitor: reads a Task payload with the bindings generated from this project's own schema.
#include <fstream>
#include <iostream>
#include <sstream>

#include "acme/em_tasks/task.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: task-monitor TASK.xml\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const auto task = acme::em_tasks::Task::from_xml(text.str(), emgen::ReadMode::strict);
    const bool succeeded = task.result && task.result->success;
    std::cout << task.task_id << ": " << task.operation << " is " << task.state << ", "
              << (succeeded ? "succeeded" : "did not succeed") << "\n";
    return 0;
  } catch (const emgen::ParseError& e) {
    std::cerr << argv[1] << (e.line() > 0 ? ":" : ": ") << e.what() << "\n";
    return 1;
  }
}
