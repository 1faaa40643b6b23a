import AIGateway
import Accounts
import Files
import Fluent
import ParleyCore
import Waitlist
import Workspaces

/// Every feature module, in layer order (DESIGN.md). Their migrations run in this order, and each module's
/// list is frozen history: append, never edit or reorder.
var modules: [any ParleyModule.Type] {
    [
        CoreModule.self,      // 0001–0005: jobs, audit log, mail outbox, rate limits, spent bot-check nonces
        WaitlistModule.self,  // 0006: waitlist entries
        AccountsModule.self,  // 0007–0010: users and tokens, sessions, signing keys, external identities
        WorkspacesModule.self,  // 0011–0016: workspaces, memberships, invitations, plans, API keys, audit isolation and retention, account deletion, demos
        FilesModule.self,     // 0017: encrypted files
        AIGatewayModule.self,  // 0018: metered AI calls, daily budgets
    ]
}

/// The ordered migration list of the whole application: every module's list, then the migrations lower modules
/// added after higher ones had landed theirs, so the numbers stay in order. Frozen history too: append only.
var allMigrations: [any Migration] {
    modules.flatMap { $0.migrations } + AccountsModule.laterMigrations  // 0019
}
