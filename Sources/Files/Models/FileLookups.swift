import ParleyCore

/// The files module's narrow lookups: the only queries that read files across workspaces (see `NarrowLookup`).
enum FileLookups {
    /// The workspace a file belongs to, if that workspace is live: what serving a signed download link needs
    /// before it binds to the workspace.
    static let fileWorkspace = NarrowLookup(
        name: "parley_file_workspace", parameterTypes: ["uuid"],
        returns: "TABLE (workspace_id uuid)",
        body: """
            SELECT f.workspace_id AS workspace_id
            FROM files f
            JOIN workspaces w ON w.id = f.workspace_id
            WHERE f.id = $1 AND w.deleted_at IS NULL
            """)

    /// Workspaces holding files whose data keys are wrapped by another master key than `$1`: the work
    /// `parley keys rotate-master` has left. Only ids leave; the re-wrapping runs inside each workspace's context.
    static let workspacesWithFilesNotUnderKey = NarrowLookup(
        name: "parley_workspaces_with_files_not_under_key", parameterTypes: ["text"],
        returns: "TABLE (workspace_id uuid)",
        body: """
            SELECT DISTINCT f.workspace_id AS workspace_id
            FROM files f
            WHERE f.key_id <> $1
            """)

    /// How many files each master key protects: what `parley keys status` and the end of a rotation report.
    static let fileCountsByKey = NarrowLookup(
        name: "parley_file_counts_by_key", parameterTypes: [],
        returns: "TABLE (key_id text, files bigint)",
        body: """
            SELECT f.key_id AS key_id, count(*) AS files
            FROM files f
            GROUP BY f.key_id
            """)
}
