import ParleyCore

/// The plans the code names. The plans themselves are data: migrations seed them (0011, 0020), modules add their
/// features and limits in their own migrations, operators change them in the `plans` table, and
/// `parley workspaces set-plan` moves a workspace between them.
enum PlanCatalog {
    /// The plan of a new workspace.
    static let defaultPlanID = "free"
    /// Anonymous demo workspaces (migration 0020).
    static let demoPlanID = "demo"
    /// The plan with everything, for the benchmark workspace.
    static let businessPlanID = "business"
}
