// `gallery token create`: a new API token. Prints it once, on the last line;
// the catalog keeps only its SHA-256.

#include <iostream>
#include <string>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "service/secrets.h"
#include "media/sha256.h"

namespace gallery::cli {

namespace {

struct TokenArgs {
  std::string data = "data";
  std::string role;
  std::string label;
};

void CreateToken(const TokenArgs& args) {
  auto role = media::ParseRole(args.role);
  if (!role || *role == media::Role::kViewer) {
    Fail("token create", media::Status::InvalidArgument("--role must be editor or admin"));
  }
  auto archive = OpenArchiveOrExit(args.data);
  auto made = NewSecret();
  if (!made.ok()) Fail("token create", made.status());
  const std::string secret = *made;
  media::Credential cred;
  cred.secret_sha256 = media::Sha256Hex(secret.data(), secret.size());
  cred.role = *role;
  cred.user = args.label.empty() ? "token" : args.label;
  auto id = archive->catalog().AddCredential(cred);
  if (!id.ok()) Fail("token create", id.status(), kExitSomeFailed);
  std::cout << "created a " << media::RoleName(*role) << " token labelled '" << cred.user
            << "'; keep it, it is not shown again:\n"
            << secret << std::endl;
}

}  // namespace

void AddTokenCommand(CLI::App& app) {
  CLI::App* token = app.add_subcommand("token", "API tokens for scripts");
  token->require_subcommand(1);
  auto args = std::make_shared<TokenArgs>();
  CLI::App* create = token->add_subcommand("create", "Create a token and print it");
  AddDataOption(create, &args->data);
  create->add_option("--role", args->role, "editor or admin")->required();
  create->add_option("--label", args->label, "What the token is for (shown in edit history)");
  create->callback([args] { CreateToken(*args); });
}

}  // namespace gallery::cli
