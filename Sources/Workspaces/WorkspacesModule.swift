import Accounts
import Fluent
import Foundation
import ParleyCore
import Vapor

/// Workspaces, roles, invitations, plans and API keys, and the tenant context every workspace query runs in.
package enum WorkspacesModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateWorkspaces(),     // 0011 plans, workspaces, memberships, invitations
            CreateAPIKeys(),        // 0012 workspace API keys
            IsolateAuditEvents(),   // 0013 row-level security on the audit log
            CreateAuditRetention(), // 0014 the audit retention cutoff
            AddAccountDeletion(),   // 0015 users.deleted_at (the accounts table; its own list is closed)
            CreateDemoLookup(),     // 0016 the lookup of expired demo workspaces
        ]
    }

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        app.accountActivationHandlers.append { account, db, now in
            var env = try WorkspacesEnvironment(app, db: db, logger: app.logger)
            env.now = now
            try await WorkspaceLifecycle.createFirst(for: ActivatedAccountInfo(id: account.id, displayName: account.displayName), env)
        }
        app.accountDeletionHandlers.append { userID, db, now in
            var env = try WorkspacesEnvironment(app, db: db, logger: app.logger)
            env.now = now
            try await AccountLeaving.leaveAll(userID, env)
        }
        app.usageMeters.append(WorkspaceUsage.seats)
        app.workspaceExporters += WorkspaceExport.exporters
        let graceDays = app.settings.retention.workspacePurgeDays
        app.jobs.register(WorkspacePurge.jobKind, JobDefinition { context in
            var env = try WorkspacesEnvironment(app, db: context.db, logger: app.logger)
            env.now = context.now
            try await WorkspacePurge.run(graceDays: graceDays, env)
        })
        app.jobs.schedule(JobSchedule(name: "purge-workspaces", kind: WorkspacePurge.jobKind, cadence: .daily(hour: 3, minute: 45)))
        let retentionDays = app.settings.retention.auditRetentionDays
        app.jobs.register(AuditRetention.jobKind, JobDefinition { context in
            var env = try WorkspacesEnvironment(app, db: context.db, logger: app.logger)
            env.now = context.now
            try await AuditRetention.run(retentionDays: retentionDays, env)
        })
        app.jobs.schedule(JobSchedule(name: "audit-retention", kind: AuditRetention.jobKind, cadence: .daily(hour: 4, minute: 0)))
        WorkspaceController.register(routes)
        MembersController.register(routes)
        APIKeysController.register(routes)
        AuditController.register(routes)
        InvitationPageController.register(routes)
        DemoController.register(routes)
        let demoHours = app.settings.retention.demoLifetimeHours
        app.jobs.register(DemoWorkspaces.expiryJobKind, JobDefinition { context in
            var env = try WorkspacesEnvironment(app, db: context.db, logger: app.logger)
            env.now = context.now
            try await DemoWorkspaces.expire(lifetimeHours: demoHours, env)
        })
        app.jobs.schedule(JobSchedule(name: "expire-demo-workspaces", kind: DemoWorkspaces.expiryJobKind, cadence: .every(seconds: 3600)))
        WorkspacesOpenAPI.describe(app.openAPI)
        app.asyncCommands.use(WorkspacesCommand(), as: "workspaces")
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
