import ParleyCore

extension PlanLimit {
    /// The largest single upload, in MiB (a purpose may allow less).
    package static let uploadMB = PlanLimit(rawValue: "upload_mb")
    /// All of a workspace's stored files together, in MiB.
    package static let storageMB = PlanLimit(rawValue: "storage_mb")
}
