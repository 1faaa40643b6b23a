import Accounts
import Fluent
import Foundation
import ParleyCore
import Vapor

/// Workspaces, roles, invitations, plans and API keys, and the tenant context every workspace query runs in.
package enum WorkspacesModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateWorkspaces(),  // 0011 plans, workspaces, memberships, invitations
            CreateAPIKeys(),  // 0012 workspace API keys
            IsolateAuditEvents(),  // 0013 row-level security on the audit log
            CreateAuditRetention(),  // 0014 the audit retention cutoff
            CreateDemoLookup(),  // 0016 the lookup of expired demo workspaces
            AddDemoPlan(),  // 0020 the demo plan, for demo workspaces
            CreateOwnedWorkspacesLookup(),  // 0021 the count behind the per-person workspace limit
        ]
    }

    package static let dependencies: [any ParleyModule.Type] = [CoreModule.self, AccountsModule.self]
    package static let permissions = Permission.workspaces
    package static let tenantTables = [
        TenantTable("workspaces", column: "id", export: .file("workspace.json"), purge: .deleted),
        TenantTable("memberships", export: .file("members.json"), purge: .deleted),
        TenantTable("invitations", export: .file("invitations.json"), purge: .deleted),
        TenantTable("api_keys", export: .file("api_keys.json"), purge: .deleted),
    ]

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        app.accountActivationHandlers.append { account, db, now in
            try await WorkspaceLifecycle.createFirst(
                for: account, try WorkspacesEnvironment(app, db: db, logger: app.logger, now: now))
        }
        app.accountDeletionHandlers.append { userID, db, now in
            try await AccountLeaving.leaveAll(
                userID, try WorkspacesEnvironment(app, db: db, logger: app.logger, now: now))
        }
        app.knownAPIKeys = KnownAPIKeys()
        app.usageMeters.append(WorkspaceUsage.seats)
        app.workspaceExporters += WorkspaceExport.exporters

        WorkspaceController.register(routes)
        MembersController.register(routes)
        APIKeysController.register(routes)
        AuditController.register(routes)
        InvitationPageController.register(routes)
        DemoController.register(routes)
        DashboardController.register(app, routes)
        WorkspacesOpenAPI.describe(app.openAPI, scopes: app.permissions.grantableScopes)

        let retention = app.settings.retention
        registerJob(WorkspacePurge.jobKind, schedule: "purge-workspaces", .daily(hour: 3, minute: 45), in: app) { env in
            try await WorkspacePurge.run(graceDays: retention.workspacePurgeDays, env)
        }
        registerJob(AuditRetention.jobKind, schedule: "audit-retention", .daily(hour: 4, minute: 0), in: app) { env in
            try await AuditRetention.run(retentionDays: retention.auditRetentionDays, env)
        }
        registerJob(DemoWorkspaces.expiryJobKind, schedule: "expire-demo-workspaces", .every(seconds: 3600), in: app) {
            env in
            try await DemoWorkspaces.expire(lifetimeHours: retention.demoLifetimeHours, env)
        }
        app.asyncCommands.use(WorkspacesCommand(), as: "workspaces")
    }

    /// A recurring job of this module, run with an environment on the job's database and clock.
    private static func registerJob(
        _ kind: String, schedule name: String, _ cadence: JobSchedule.Cadence, in app: Application,
        _ work: @escaping @Sendable (WorkspacesEnvironment) async throws -> Void
    ) {
        app.jobs.register(
            kind,
            JobDefinition { context in
                try await work(try WorkspacesEnvironment(app, db: context.db, logger: app.logger, now: context.now))
            })
        app.jobs.schedule(JobSchedule(name: name, kind: kind, cadence: cadence))
    }
}

extension Application {
    private struct UsageMetersKey: StorageKey { typealias Value = [UsageMeter] }

    /// The counters `GET /api/v1/workspace/usage` reports, appended by the modules that own the counted data.
    package var usageMeters: [UsageMeter] {
        get { storage[UsageMetersKey.self] ?? [] }
        set { storage[UsageMetersKey.self] = newValue }
    }
}
