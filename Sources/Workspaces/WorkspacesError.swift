import ParleyCore
import Vapor

/// Refusals of workspace, member, invitation and API-key requests.
enum WorkspacesError: AppError {
    case slugTaken
    case lastOwner
    case alreadyMember
    case invitationInvalid
    case invitationForAnotherAddress
    case invalidAPIKey
    case unknownPlan(String)
    case enrolTwoFactorFirst
    case lastOwnerOf(String)
    case workspaceLimit(Int)
    case invitationLimit(String)

    var status: HTTPResponseStatus {
        switch self {
        case .slugTaken, .lastOwner, .alreadyMember, .enrolTwoFactorFirst, .lastOwnerOf: .conflict
        case .invitationInvalid: .badRequest
        case .invitationForAnotherAddress: .forbidden
        case .invalidAPIKey: .unauthorized
        case .unknownPlan: .badRequest
        case .workspaceLimit: .forbidden
        case .invitationLimit: .tooManyRequests
        }
    }

    var code: String {
        switch self {
        case .slugTaken: "slug_taken"
        case .lastOwner: "last_owner"
        case .alreadyMember: "already_member"
        case .invitationInvalid: "invalid_or_expired_invitation"
        case .invitationForAnotherAddress: "invitation_for_another_address"
        case .invalidAPIKey: "invalid_api_key"
        case .unknownPlan: "unknown_plan"
        case .enrolTwoFactorFirst: "enrol_two_factor_first"
        case .lastOwnerOf: "last_owner"
        case .workspaceLimit: "workspace_limit"
        case .invitationLimit: "invitation_limit"
        }
    }

    var reason: String {
        switch self {
        case .slugTaken: "Another workspace already uses this slug."
        case .lastOwner: "A workspace must keep at least one Owner: make someone else Owner first."
        case .alreadyMember: "You are already a member of this workspace."
        case .invitationInvalid: "This invitation is invalid, expired, revoked or already used."
        case .invitationForAnotherAddress:
            "This invitation was sent to another email address: sign in with that address to accept it."
        case .invalidAPIKey: "The API key is invalid, expired or revoked."
        case .unknownPlan(let id): "There is no plan '\(id.prefix(40))'."
        case .lastOwnerOf(let name):
            "You are the last Owner of \(name), which has other members: make one of them Owner (or remove them) first."
        case .invitationLimit(let reason): reason
        case .workspaceLimit(let limit):
            "You already own \(limit) workspaces (deleted ones count until they are purged): delete one, or ask the operator to raise PARLEY_WORKSPACES_PER_ACCOUNT."
        case .enrolTwoFactorFirst:
            "Turn on two-factor authentication for your own account before requiring it of every member."
        }
    }
}
