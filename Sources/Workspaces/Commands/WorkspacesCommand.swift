import Fluent
import Foundation
import ParleyCore
import Vapor

/// `parley workspaces set-plan --workspace ID-OR-SLUG --plan PLAN`: moves a workspace to another plan.
struct WorkspacesCommand: AsyncCommandGroup {
    var help: String { "Manage workspaces." }
    var commands: [String: any AnyAsyncCommand] { ["set-plan": SetPlan(), "bench-rls": RLSBench()] }
}

struct SetPlan: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "workspace", help: "The workspace's id or slug.")
        var workspace: String?
        @Option(name: "plan", help: "The plan's id, e.g. free, pro or business.")
        var plan: String?
    }

    var help: String { "Set a workspace's plan (its features and limits)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let reference = signature.workspace, let planID = signature.plan else {
            throw CommandFailure("Give --workspace ID-OR-SLUG and --plan PLAN.")
        }
        let app = context.application
        try await app.prepareStorage()
        let env = try WorkspacesEnvironment(app, db: app.db, logger: app.logger)
        do {
            let plan = try await WorkspacePlans.set(reference, planID: planID, env)
            context.console.print("Workspace \(reference) is now on the \(plan.name) plan.")
        } catch let error as any AppError {
            throw CommandFailure(error.reason)
        }
    }
}
