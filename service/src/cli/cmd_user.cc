// `gallery user list|add|set-role|disable|enable|passwd`: the people who log
// in to the web gallery, as viewers, editors or admins. A password is read
// from standard input (`--password-stdin`, or typed at a prompt that does
// not echo): never from the command line, where other users could see it.
// The catalog keeps only its argon2id hash. Disabling a user and a new
// password end the user's sessions at once.
#include <termios.h>
#include <unistd.h>

#include <iomanip>
#include <iostream>
#include <string>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "service/password.h"

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

// The password from standard input, hashed; exits with the reason when it
// is too short or cannot be hashed.
std::string ReadPasswordHash(const std::string& what) {
  std::string password = ReadPassword();
  if (password.size() < kMinPasswordLength) {
    Fail(what, media::Status::InvalidArgument("the password (read from standard input) must have at least " +
                                              std::to_string(kMinPasswordLength) + " characters"));
  }
  auto hash = HashPassword(password);
  if (!hash.ok()) Fail(what, hash.status(), kExitSomeFailed);
  return *hash;
}

media::Role RoleOrExit(const std::string& what, const std::string& text) {
  auto role = media::ParseRole(text);
  if (!role) Fail(what, media::Status::InvalidArgument("--role must be viewer, editor or admin"));
  return *role;
}

void AddUser(const UserArgs& args) {
  const std::string what = "user add " + args.name;
  media::User user;
  user.name = args.name;
  user.role = RoleOrExit(what, args.role);
  user.password_hash = ReadPasswordHash(what);
  auto archive = OpenArchiveOrExit(args.data);
  media::Status added = archive->catalog().AddUser(user);
  if (!added.ok()) Fail(what, added, kExitSomeFailed);
  std::cout << "added " << media::RoleName(user.role) << " '" << args.name << "'" << std::endl;
}

void ListUsers(const UserArgs& args) {
  auto archive = OpenArchiveOrExit(args.data);
  auto users = archive->catalog().ListUsers();
  if (!users.ok()) Fail("user list", users.status(), kExitSomeFailed);
  std::cout << std::left << std::setw(24) << "NAME" << std::setw(8) << "ROLE" << std::setw(10) << "STATE"
            << "CREATED\n";
  for (const media::User& u : *users) {
    std::cout << std::setw(24) << u.name << std::setw(8) << media::RoleName(u.role) << std::setw(10)
              << (u.disabled ? "disabled" : "enabled") << (u.created_at.empty() ? "-" : u.created_at) << "\n";
  }
  std::cout << std::flush;
}

// Applies `change` to the user named in `args`, then says `done`.
void ChangeUser(const UserArgs& args, const std::string& verb, const media::UserChange& change,
                const std::string& done) {
  auto archive = OpenArchiveOrExit(args.data);
  media::Status s = archive->catalog().UpdateUser(args.name, change);
  if (!s.ok()) {
    Fail("user " + verb + " " + args.name, s,
         s.code() == media::Status::Code::kNotFound ? kExitUsage : kExitSomeFailed);
  }
  std::cout << done << std::endl;
}

CLI::App* NamedCommand(CLI::App* user, const char* name, const char* help, UserArgs* args) {
  CLI::App* cmd = user->add_subcommand(name, help);
  AddDataOption(cmd, &args->data);
  cmd->add_option("name", args->name, "The user's login name")->required();
  return cmd;
}

void AddPasswordFlag(CLI::App* cmd, UserArgs* args) {
  cmd->add_flag("--password-stdin", args->password_stdin,
                "Read the password from the first line of standard input (without the flag it is "
                "read the same way, with a prompt on a terminal; never from the command line)");
}

}  // namespace

void AddUserCommand(CLI::App& app) {
  CLI::App* user = AddCommandGroup(app, "user", "People who log in to the web gallery");
  auto args = std::make_shared<UserArgs>();

  AddDataCommand(user, "list", "List users: name, role, enabled or disabled, created", args, ListUsers);

  CLI::App* add = NamedCommand(user, "add", "Add a user; the password is read from standard input", args.get());
  add->add_option("--role", args->role, "viewer, editor or admin")->required();
  AddPasswordFlag(add, args.get());
  add->callback([args] { AddUser(*args); });

  CLI::App* set_role = NamedCommand(user, "set-role", "Give a user another role (sessions follow at once)",
                                    args.get());
  set_role->add_option("--role", args->role, "viewer, editor or admin")->required();
  set_role->callback([args] {
    media::UserChange change;
    change.role = RoleOrExit("user set-role " + args->name, args->role);
    ChangeUser(*args, "set-role", change,
               "'" + args->name + "' is now " + media::RoleName(*change.role));
  });

  CLI::App* disable = NamedCommand(user, "disable", "Stop a user from logging in; ends their sessions",
                                   args.get());
  disable->callback([args] {
    media::UserChange change;
    change.disabled = true;
    ChangeUser(*args, "disable", change, "disabled '" + args->name + "'; their sessions are ended");
  });

  CLI::App* enable = NamedCommand(user, "enable", "Let a disabled user log in again", args.get());
  enable->callback([args] {
    media::UserChange change;
    change.disabled = false;
    ChangeUser(*args, "enable", change, "enabled '" + args->name + "'");
  });

  CLI::App* passwd = NamedCommand(user, "passwd",
                                  "Give a user a new password (from standard input); ends their sessions",
                                  args.get());
  AddPasswordFlag(passwd, args.get());
  passwd->callback([args] {
    // Refuse an unknown name before asking for a password.
    auto archive = OpenArchiveOrExit(args->data);
    auto known = archive->catalog().GetUser(args->name);
    if (!known.ok()) Fail("user passwd " + args->name, known.status());
    archive.reset();
    media::UserChange change;
    change.password_hash = ReadPasswordHash("user passwd " + args->name);
    ChangeUser(*args, "passwd", change, "new password for '" + args->name + "'; their sessions are ended");
  });
}

}  // namespace gallery::cli
