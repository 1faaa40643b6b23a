import Accounts
import Foundation
import ParleyCore
import Vapor

/// `POST /api/v1/demo`: a public form (bot check, strict tier) that signs the visitor in to a fresh demo workspace.
enum DemoController {
    static func register(_ routes: any RoutesBuilder) {
        routes.tiered(.auth).post("api", "v1", "demo", use: create)
    }

    struct CreateDemo: Content {
        var botCheck: BotCheckSubmission?
        enum CodingKeys: String, CodingKey { case botCheck = "bot_check" }
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CreateDemo.self)
        try await request.application.botCheck().verify(form.botCheck, action: "demo", request: request)
        let guestID = try await DemoWorkspaces.create(
            seeders: request.application.demoSeeders, try WorkspacesEnvironment(request))
        return try await GuestAccounts.signIn(guestID, request)
    }
}

extension Application {
    private struct DemoSeedersKey: StorageKey { typealias Value = [DemoSeeder] }

    /// Sample data for demo workspaces; each module that holds workspace data appends its own.
    package var demoSeeders: [DemoSeeder] {
        get { storage[DemoSeedersKey.self] ?? [] }
        set { storage[DemoSeedersKey.self] = newValue }
    }
}
