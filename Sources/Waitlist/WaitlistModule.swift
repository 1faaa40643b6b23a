import Fluent
import ParleyCore
import Vapor

/// The public beta waitlist: page, join API with bot check, double opt-in, export and invitations.
package enum WaitlistModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateWaitlistEntries(),  // 0006 waitlist entries
        ]
    }

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        WaitlistController.register(routes)
        app.asyncCommands.use(WaitlistCommand(), as: "waitlist")
    }
}
