import ParleyCore

/// The permission table as the Markdown table docs/WORKSPACES.md shows (a test keeps the two equal).
enum RolesMatrix {
    static func markdown(_ permissions: [Permission]) -> String {
        var lines = ["| Action | Owner | Admin | Member | API key scope |", "|---|---|---|---|---|"]
        for permission in permissions {
            let cells = [Role.owner, .admin, .member].map { permission.allows($0) ? "yes" : "—" }
            lines.append(
                "| `\(permission.rawValue)` | " + cells.joined(separator: " | ") + " | "
                    + (permission.apiKeyScope.map { "`\($0)`" } ?? "—") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
