/// An action on workspace data, declared by the module that owns the data (`ParleyModule.permissions`), with the
/// one rule that decides who may take it.
///
/// A user may take an action when their role is at least the action's `minimumRole`. An API key may take it when
/// the action is open to keys and the key holds the action's scope. Handlers ask `TenantContext.authorize`, never
/// compare roles themselves. The roles matrix in docs/WORKSPACES.md is printed from every module's permissions,
/// and a test walks all of it.
package struct Permission: Sendable, Hashable, CustomStringConvertible {
    /// `area.action`, e.g. `files.upload`: how errors, logs and the matrix name it.
    package let rawValue: String
    /// The least role that may take the action.
    package let minimumRole: Role
    /// The API-key scope that grants the action, or nil when only a signed-in person may take it.
    package let apiKeyScope: APIKeyScope?

    package init(_ rawValue: String, minimumRole: Role, apiKeyScope: APIKeyScope? = nil) {
        self.rawValue = rawValue
        self.minimumRole = minimumRole
        self.apiKeyScope = apiKeyScope
    }

    package func allows(_ role: Role) -> Bool { role >= minimumRole }

    package var description: String { rawValue }

    package static func == (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue == rhs.rawValue }
    package func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension [Permission] {
    /// The scopes a key can be given: read and write of every area some permission names.
    package var grantableScopes: [APIKeyScope] {
        var areas: [APIKeyScope.Area] = []
        for area in compactMap(\.apiKeyScope?.area) where !areas.contains(area) { areas.append(area) }
        return areas.flatMap { area in APIKeyScope.Access.allCases.map { APIKeyScope(area: area, access: $0) } }
    }
}

/// What an API key may do: read or write one area of the workspace. Written `area:read` or `area:write`; write
/// implies read. Areas are named by the modules that declare permissions in them; which scopes a key may be given
/// is `[Permission].grantableScopes`.
package struct APIKeyScope: Sendable, Hashable, Codable, CustomStringConvertible {
    package struct Area: Sendable, Hashable {
        package let rawValue: String
        package init(_ rawValue: String) { self.rawValue = rawValue }
    }
    package enum Access: String, Sendable, CaseIterable, Codable { case read, write }

    package var area: Area
    package var access: Access

    package init(area: Area, access: Access) {
        self.area = area
        self.access = access
    }

    package init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "_") }),
            let access = Access(rawValue: String(parts[1]))
        else { return nil }
        self.init(area: Area(String(parts[0])), access: access)
    }

    package var description: String { "\(area.rawValue):\(access.rawValue)" }

    /// Whether a key holding `self` may use something that needs `required`.
    package func covers(_ required: APIKeyScope) -> Bool {
        area == required.area && (access == .write || required.access == .read)
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let scope = APIKeyScope(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text.prefix(40))' is not a scope such as members:read"))
        }
        self = scope
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
