import FileInspection
import Foundation
import NIOCore
import ParleyCore

/// Checks an upload as its bytes stream past on their way to the encrypted store: size, type detected from the
/// bytes, the purpose's allowlist, hostile content (`FileInspection`), and finally that the detected type matches
/// the one the client declared. Any refusal stops the store before anything is kept.
final class UploadInspector: PlaintextInspector, @unchecked Sendable {
    // Touched only by the one task that drains the upload.
    private var inspector: FileInspector
    private let declaredType: String
    private(set) var detectedType: DetectedType?

    init(purpose: FilePurpose, maxBytes: Int, declaredType: String) {
        inspector = FileInspector(
            policy: InspectionPolicy(
                allowedTypes: purpose.allowedTypes, maxBytes: maxBytes,
                forbidPDFActiveContent: purpose.forbidsPDFActiveContent, archive: purpose.archiveLimits))
        self.declaredType = declaredType
    }

    func update(_ chunk: ByteBuffer) throws {
        try inspector.update(chunk.readableBytesView)
    }

    func finish() throws {
        let report = try inspector.finish()
        try report.requireDeclaredType(String(declaredType.prefix(200)))
        detectedType = report.detectedType
    }
}
