#include "commands/command.hpp"

#include <filesystem>
#include <iostream>

#include "import/draft.hpp"
#include "import/xsd.hpp"
#include "output/render.hpp"

namespace emgen::gen::commands {

void SchemaSetOptions::add_schemas(CLI::App* command) {
  command->add_option("--schemas", schemas, "Directory of *.yaml schema files")
      ->required()
      ->check(CLI::ExistingDirectory);
}

void SchemaSetOptions::add_namespace(CLI::App* command) {
  command->add_option("--namespace", cpp_namespace, "C++ namespace of the generated code")->capture_default_str();
}

void SchemaSetOptions::add_imports(CLI::App* command) {
  // Other schema sets this one uses by name (protobuf's import).
  command
      ->add_option("--import", import_arguments,
                   "DIR[=NAMESPACE]: a schema set whose types and enums these schemas use by name, generated in "
                   "NAMESPACE (default veeam::em); repeatable")
      ->check(CLI::Validator(
          [](std::string& value) {
            const std::string directory = value.substr(0, value.rfind('='));
            return std::filesystem::is_directory(directory) ? std::string() : directory + ": not a directory";
          },
          "DIR[=NAMESPACE]"))
      // One directory per --import, so that a TYPE or FILE after it is never taken for a second one.
      ->allow_extra_args(false);
  command->add_flag("--allow-version-mismatch", allow_version_mismatch,
                    "Use an imported set whose api.yaml declares another API version");
}

void SchemaSetOptions::add_diagnostics(CLI::App* command) {
  command
      ->add_option("--diagnostics", diagnostics_format,
                   "How errors are printed on stderr: text (FILE:LINE:COL: path: message, one a line) or json (one "
                   "array of {severity, code, file, line, column, path, message, related})")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

bool SchemaSetOptions::resolve(bool own_namespace_taken, cpp::Options& options,
                               std::vector<pipeline::ImportOption>& imports) const {
  if (!cpp::is_valid_namespace(cpp_namespace)) {
    std::cerr << "emgen: --namespace '" << cpp_namespace << "' is not a C++ namespace such as veeam::em\n";
    return false;
  }
  options = cpp::Options{cpp_namespace, {}};
  for (const std::string& argument : import_arguments) {
    pipeline::ImportOption option = pipeline::parse_import(argument);
    if (!cpp::is_valid_namespace(option.cpp_namespace) ||
        (own_namespace_taken && option.cpp_namespace == cpp_namespace)) {
      std::cerr << "emgen: --import " << argument << ": '" << option.cpp_namespace
                << "' must be a C++ namespace other than --namespace's\n";
      return false;
    }
    options.imported_namespaces[option.directory] = option.cpp_namespace;
    imports.push_back(std::move(option));
  }
  return true;
}

int reporting_errors(const std::function<int()>& work, const std::string& diagnostics_format) {
  try {
    return work();
  } catch (const SchemaErrors& errors) {
    if (diagnostics_format == "json") {
      std::cerr << to_json(errors.diagnostics()) << '\n';
      return kSchemaError;
    }
    for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
    std::cerr << "emgen: " << errors.diagnostics().size() << " error(s); nothing written\n";
    return kSchemaError;
  } catch (const output::TemplateError& e) {
    std::cerr << "emgen: template error: " << e.what() << '\n';
    return kSchemaError;
  } catch (const import::UnknownDraftName& e) {
    std::cerr << "emgen import: " << e.what() << '\n';
    return kUsageError;
  } catch (const import::ImportError& e) {
    std::cerr << e.what() << '\n';
    std::cerr << "emgen: nothing imported\n";
    return kSchemaError;
  } catch (const std::exception& e) {
    std::cerr << "emgen: " << e.what() << '\n';
    return kSchemaError;
  }
}

}  // namespace emgen::gen::commands
