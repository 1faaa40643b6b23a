import ParleyCore

/// What a plan grants a workspace's team: seats, and the two features the core checks.
extension PlanLimit {
    /// Members and pending invitations together.
    package static let seats = PlanLimit(rawValue: "seats")
}

extension PlanFeature {
    /// API keys, and calls made with them.
    package static let apiAccess = PlanFeature(rawValue: "api_access")
    /// Acting in the workspace after signing in through an external provider (OpenID Connect, GitHub).
    package static let externalSignIn = PlanFeature(rawValue: "external_sign_in")
}
