/// A member's role in a workspace. Each role can do everything the one below it can (Owner ⊃ Admin ⊃ Member).
package enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case member, admin, owner

    private var rank: Int {
        switch self {
        case .member: 0
        case .admin: 1
        case .owner: 2
        }
    }

    package static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    package var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
