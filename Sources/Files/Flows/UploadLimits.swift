import FileInspection
import Foundation
import ParleyCore

/// The most bytes one upload may hold, and which rule sets it: the purpose, the plan's `upload_mb`, or what is
/// left of the plan's `storage_mb`. A refusal names the rule that bit.
struct UploadLimits: Sendable {
    enum Rule: Sendable { case purpose, planUpload, planStorage }

    let maxBytes: Int
    let rule: Rule
    let plan: Plan

    init(purpose: FilePurpose, plan: Plan, storedBytes: Int) {
        let mib = 1024 * 1024
        let candidates: [(Int, Rule)] = [
            (purpose.maxMB * mib, .purpose),
            (plan.limit(.uploadMB) * mib, .planUpload),
            (max(0, plan.limit(.storageMB) * mib - storedBytes), .planStorage),
        ]
        (maxBytes, rule) = candidates.min { $0.0 < $1.0 }!
        self.plan = plan
    }

    /// The error for an upload of more than `maxBytes`.
    var exceeded: any Error {
        switch rule {
        case .purpose: FilesError.tooLarge(limitBytes: maxBytes)
        case .planUpload: TenancyError.planLimitReached(.uploadMB, limit: plan.limit(.uploadMB), plan: plan.name)
        case .planStorage: TenancyError.planLimitReached(.storageMB, limit: plan.limit(.storageMB), plan: plan.name)
        }
    }
}
