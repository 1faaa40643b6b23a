import ParleyCore

/// The actions on a workspace's stored files.
extension Permission {
    package static let readFiles = Permission(
        "files.read", minimumRole: .member, apiKeyScope: .init(area: .files, access: .read))
    package static let uploadFiles = Permission(
        "files.upload", minimumRole: .member, apiKeyScope: .init(area: .files, access: .write))
    package static let deleteFiles = Permission(
        "files.delete", minimumRole: .admin, apiKeyScope: .init(area: .files, access: .write))

    static let files: [Permission] = [.readFiles, .uploadFiles, .deleteFiles]
}

extension APIKeyScope.Area {
    package static let files = Self("files")
}
