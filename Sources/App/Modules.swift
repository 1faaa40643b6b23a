import Fluent
import ParleyCore

/// Every feature module, in layer order (DESIGN.md). Their migrations run in this order, and each module's
/// list is frozen history: append, never edit or reorder.
let modules: [any ParleyModule.Type] = [
    CoreModule.self,  // 0001–0003: jobs, audit log, mail outbox
]

/// The ordered migration list of the whole application.
var allMigrations: [any Migration] { modules.flatMap { $0.migrations } }
