import AsyncHTTPClient
import Fluent
import NIOPosix
import Foundation
import ParleyCore
import SMTPClient
import Vapor
import Workspaces

/// The AI gateway: providers, metering, budgets, redaction and the unavailable state callers fall back from.
package enum AIGatewayModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateAITables()  // 0018 metered calls, daily budget counters, Owners' caps
        ]
    }

    package static let dependencies: [any ParleyModule.Type] = [CoreModule.self, WorkspacesModule.self]
    package static let permissions = Permission.ai
    package static let tenantTables = [
        TenantTable("ai_calls", export: .file("ai_calls.json"), purge: .cascades),
        TenantTable(
            "ai_budget_days",
            export: .excluded(because: "running counters the metered calls in ai_calls.json add up to"),
            purge: .cascades),
        TenantTable(
            "ai_budget_caps", export: .excluded(because: "an Owner's setting, shown by the AI budget page and API"),
            purge: .cascades),
    ]

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        let settings = app.settings
        let chain = ProviderChain(settings: settings.ai, http: providerClient(app), clock: app.clock)
        let notifier = BudgetNotifier(
            mailFrom: try EmailAddress(parsing: settings.mailFrom), publicURL: settings.publicURL)
        let gateway = AIGateway(
            settings: settings.ai, chain: chain, clock: app.clock, logger: Logger(label: "parley.ai"),
            notifier: notifier)
        app.aiGateway = gateway
        app.lifecycle.use(BudgetLeaseReturn(leases: gateway.leases))
        AIController.register(routes)
        app.overviewPanels.append(AISpendPanel.panel(available: gateway.isAvailable))
        AIPageController.register(app, routes)
        AIOpenAPI.describe(app.openAPI)
        app.workspaceExporters.append(AIUsageExport.exporter)
        app.asyncCommands.use(AICommand(), as: "ai")
    }
}

/// The HTTP client for providers: its own pool, sized for many concurrent streams (a shared client allows only
/// a few connections per host), shut down with the application.
private func providerClient(_ app: Application) -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
    let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    app.lifecycle.use(ProviderClientShutdown(client: client))
    return client
}

private struct ProviderClientShutdown: LifecycleHandler {
    let client: HTTPClient
    func shutdownAsync(_ application: Application) async {
        try? await client.shutdown()
    }
}

/// Gives the unused parts of this process's budget leases back before the database goes away.
private struct BudgetLeaseReturn: LifecycleHandler {
    let leases: BudgetLeases
    func shutdownAsync(_ application: Application) async {
        await leases.returnAll()
    }
}

extension Application {
    private struct AIGatewayKey: StorageKey { typealias Value = AIGateway }

    /// The gateway every feature calls models through; set when the module registers.
    package var aiGateway: AIGateway? {
        get { storage[AIGatewayKey.self] }
        set { storage[AIGatewayKey.self] = newValue }
    }
}

/// `parley ai bench`.
struct AICommand: AsyncCommandGroup {
    var help: String { "The AI gateway." }
    var commands: [String: any AnyAsyncCommand] { ["bench": AIBenchCommand()] }
}
