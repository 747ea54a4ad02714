// `gallery user add NAME --role editor|admin`: a person who logs in to the
// web gallery to upload and edit. The password is read from standard input
// (never from the command line, where other users could see it); the
// catalog keeps only its argon2id hash.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "http/session_password.h"

namespace gallery::cli {

namespace {

struct UserArgs {
  std::string data = "data";
  std::string name;
  std::string role;
  bool password_stdin = false;
};

// The first line of standard input without its line end. On a terminal it
// prompts on stderr and does not echo what is typed.
std::string ReadPassword() {
  bool tty = isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << "password: " << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void AddUser(const UserArgs& args) {
  auto role = media::ParseRole(args.role);
  if (!role || *role == media::Role::kViewer) {
    Fail("user add", media::Status::InvalidArgument("--role must be editor or admin"));
  }
  std::string password = ReadPassword();
  if (password.size() < http::kMinPasswordLength) {
    Fail("user add", media::Status::InvalidArgument("the password (read from standard input) must have at least " +
                                                     std::to_string(http::kMinPasswordLength) + " characters"));
  }
  auto hash = http::HashPassword(password);
  if (!hash.ok()) Fail("user add", hash.status(), kExitSomeFailed);
  auto archive = OpenArchiveOrExit(args.data);
  media::User user;
  user.name = args.name;
  user.role = *role;
  user.password_hash = *hash;
  media::Status added = archive->catalog().AddUser(user);
  if (!added.ok()) Fail("user add " + args.name, added, kExitSomeFailed);
  std::cout << "added " << media::RoleName(*role) << " '" << args.name << "'" << std::endl;
}

}  // namespace

void AddUserCommand(CLI::App& app) {
  CLI::App* user = app.add_subcommand("user", "People who log in to the web gallery");
  user->require_subcommand(1);
  auto args = std::make_shared<UserArgs>();
  CLI::App* add = user->add_subcommand("add", "Add a user; the password is read from standard input");
  AddDataOption(add, &args->data);
  add->add_option("name", args->name, "The name to log in with")->required();
  add->add_option("--role", args->role, "editor or admin")->required();
  add->add_flag("--password-stdin", args->password_stdin,
                "Read the password from standard input (the only way; the flag documents it)");
  add->callback([args] { AddUser(*args); });
}

}  // namespace gallery::cli
