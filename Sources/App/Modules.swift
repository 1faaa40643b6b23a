import AIGateway
import Accounts
import Files
import Fluent
import ParleyCore
import Waitlist
import Workspaces

/// Every feature module, in layer order (DESIGN.md): each after the modules it names as dependencies, which
/// `configure` checks. Each module's migrations are frozen history: append, never edit or rename; each name starts
/// with the next free four-digit number.
var modules: [any ParleyModule.Type] {
    [
        // 0001–0005, 0022: jobs, audit log, mail outbox, rate limits, spent bot-check nonces, event outbox
        CoreModule.self,
        WaitlistModule.self,  // 0006: waitlist entries
        // 0007–0010, 0015, 0019: users and tokens, sessions, signing keys, external identities, account deletion,
        // sign-in hardening
        AccountsModule.self,
        // 0011–0014, 0016, 0020–0021: workspaces, memberships, invitations, plans, API keys, audit isolation and
        // retention, demos
        WorkspacesModule.self,
        FilesModule.self,  // 0017: encrypted files
        AIGatewayModule.self,  // 0018: metered AI calls, daily budgets
    ]
}

/// The migration list of the whole application, ordered by each migration's frozen name, so a module can add a
/// migration in its own folder at any time and a fresh database still runs them in the order they were written.
var allMigrations: [any Migration] { modules.flatMap { $0.migrations }.sorted { $0.name < $1.name } }
