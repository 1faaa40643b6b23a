import Accounts
import Fluent
import Foundation
import ParleyCore
import Vapor

/// Fills a new demo workspace with one module's sample data (inside its context).
package struct DemoSeeder: Sendable {
    package var seed: @Sendable (TenantDatabase, Date) async throws -> Void

    package init(seed: @escaping @Sendable (TenantDatabase, Date) async throws -> Void) {
        self.seed = seed
    }
}

/// `POST /api/v1/demo`: a throwaway workspace on the small Demo plan, with sample members and a pending
/// invitation (and each later module's sample data), owned by a guest account the visitor is signed in as.
/// The hourly `workspaces.demo-expiry` job erases it all after `PARLEY_DEMO_LIFETIME_HOURS`.
enum DemoWorkspaces {
    static let expiryJobKind = "workspaces.demo-expiry"
    static let samplePeople: [(name: String, role: Role)] = [
        ("Sam Rivera (sample)", .admin), ("Kim Lee (sample)", .member),
    ]

    /// Creates the guest, the workspace and its sample data in one transaction; returns the guest's id.
    static func create(seeders: [DemoSeeder], _ env: WorkspacesEnvironment) async throws -> UUID {
        try await env.db.writeTransaction { tx in
            var inTransaction = env
            inTransaction.db = tx
            let env = inTransaction
            let ownerID = try await GuestAccounts.create(displayName: "Demo visitor", on: tx, now: env.now)
            let context = try await WorkspaceLifecycle.create(
                name: "Demo shop", ownerID: ownerID, isDemo: true, planID: PlanCatalog.demoPlanID, env)
            var created: [UUID] = []
            for person in samplePeople {
                created.append(try await GuestAccounts.create(displayName: person.name, on: tx, now: env.now))
            }
            let people = created
            try await context.run(on: tx) { tenant in
                for (id, person) in zip(people, samplePeople) {
                    try await tenant.create(Membership(userID: id, role: person.role, now: env.now))
                }
                let invitation = Invitation(
                    email: "alex@example.com", role: .member, tokenHash: sha256Hex(env.random.hexToken(byteCount: 32)),
                    invitedBy: ownerID, now: env.now, lifetime: Invitations.lifetime)
                try await tenant.create(invitation)
                for seeder in seeders { try await seeder.seed(tenant, env.now) }
            }
            return ownerID
        }
    }

    /// Erases demo workspaces older than `lifetimeHours`, their data and their guest accounts.
    @discardableResult
    static func expire(lifetimeHours: Int, _ env: WorkspacesEnvironment) async throws -> Int {
        let cutoff = env.now.addingTimeInterval(-TimeInterval(lifetimeHours) * 3600)
        let due = try await NarrowLookups.demoWorkspacesCreatedBefore.run(on: env.db, [cutoff]).map {
            try $0.decode(column: "id", as: UUID.self)
        }
        for id in due {
            let context = TenantContext.system(in: id, plan: .unchecked)
            let people = try await context.run(on: env.db) { tenant in
                try await tenant.query(Membership.self).all().map(\.userID)
            }
            try await WorkspacePurge.purge(id, env)
            try await GuestAccounts.erase(people, on: env.db)
        }
        return due.count
    }
}
