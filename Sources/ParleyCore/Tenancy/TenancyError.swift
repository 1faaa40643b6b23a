import Vapor

/// Refusals of tenant requests. Anything of another workspace is simply not found.
package enum TenancyError: AppError, Equatable {
    case notFound(String)
    case forbidden(Permission, Role?)
    case scopeMissing(Permission)
    case twoFactorRequired
    case noWorkspace
    case featureNotInPlan(PlanFeature, plan: String)
    case planLimitReached(PlanLimit, limit: Int, plan: String)

    package var status: HTTPResponseStatus {
        switch self {
        case .notFound, .noWorkspace: .notFound
        case .forbidden, .scopeMissing, .twoFactorRequired: .forbidden
        case .featureNotInPlan, .planLimitReached: .paymentRequired
        }
    }

    package var code: String {
        switch self {
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .scopeMissing: "scope_missing"
        case .twoFactorRequired: "two_factor_required"
        case .noWorkspace: "workspace_not_found"
        case .featureNotInPlan: "plan_feature_missing"
        case .planLimitReached: "plan_limit_reached"
        }
    }

    package var reason: String {
        switch self {
        case .notFound(let what): "No such \(what) in this workspace."
        case .forbidden(let permission, let role):
            "Your role (\(role?.title ?? "none")) may not take the action \(permission.rawValue); it needs \(permission.minimumRole.title) or above."
        case .scopeMissing(let permission):
            if let scope = permission.apiKeyScope {
                "This API key lacks the scope \(scope) needed for \(permission.rawValue)."
            } else {
                "API keys may not take the action \(permission.rawValue); sign in as a person."
            }
        case .twoFactorRequired:
            "This workspace requires two-factor authentication: enrol at /account (POST /api/v1/auth/totp/enroll) first."
        case .noWorkspace: "No such workspace, or you are not a member of it."
        case .featureNotInPlan(let feature, let plan): "The \(plan) plan does not include \(feature.rawValue)."
        case .planLimitReached(let limit, let value, let plan):
            "The \(plan) plan's limit of \(value) \(limit.rawValue) is reached."
        }
    }
}
