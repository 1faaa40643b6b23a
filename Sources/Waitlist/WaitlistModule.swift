import Fluent
import ParleyCore
import Vapor

/// The public beta waitlist: page, join API with bot check, double opt-in, export and invitations.
package enum WaitlistModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateWaitlistEntries()  // 0006 waitlist entries
        ]
    }

    package static let dependencies: [any ParleyModule.Type] = [CoreModule.self]
    package static let tenantTables: [TenantTable] = []

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        WaitlistController.register(routes)
        app.openAPI.addSchema(
            "JoinWaitlist",
            OpenAPI.object(
                [
                    "email": ["type": "string", "format": "email"], "name": ["type": "string", "maxLength": 100],
                    "company": ["type": "string", "maxLength": 100], "consent": ["const": true],
                    "bot_check": ["type": "object", "description": "pow_nonce and pow_solution, or turnstile_token"],
                ],
                required: ["email", "name", "consent", "bot_check"]))
        app.openAPI.addSchema(
            "WaitlistAccepted",
            OpenAPI.object(
                ["status": ["type": "string"], "message": ["type": "string"]], required: ["status", "message"]))
        app.openAPI.add(
            .POST, "/api/v1/waitlist",
            OpenAPI.operation(
                "joinWaitlist", tag: "waitlist", summary: "Join the beta waitlist; a confirmation link is mailed.",
                body: "JoinWaitlist", responses: [202: ("Accepted", "WaitlistAccepted")]))
        app.asyncCommands.use(WaitlistCommand(), as: "waitlist")
    }
}
