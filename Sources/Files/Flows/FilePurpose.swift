import FileInspection
import Foundation

/// Why a file is uploaded, which decides what it may be: its types, its largest size (before the plan's own cap)
/// and whether a PDF may carry active content. A purpose never accepts HTML or SVG, so no stored file can run
/// script in a browser.
enum FilePurpose: String, Sendable, CaseIterable, Codable {
    /// Documents the assistant answers from.
    case knowledge
    /// Logos and pictures for the widget and proposals.
    case image
    /// A drawn or uploaded signature.
    case signature
    /// Files attached to a proposal.
    case attachment

    var allowedTypes: Set<DetectedType> {
        switch self {
        case .knowledge: [.pdf, .docx, .text]
        case .image: [.png, .jpeg, .gif, .webp]
        case .signature: [.png, .jpeg]
        case .attachment: [.pdf, .docx, .xlsx, .pptx, .png, .jpeg, .text]
        }
    }

    /// The purpose's own cap, in MiB; the plan's `upload_mb` may lower it.
    var maxMB: Int {
        switch self {
        case .knowledge, .attachment: 100
        case .image: 10
        case .signature: 2
        }
    }

    /// Documents are opened by people and indexed by Parley: no script, launch or embedded-file actions.
    var forbidsPDFActiveContent: Bool { true }

    /// Office documents may embed one more document (a spreadsheet in a Word file); nothing deeper.
    var archiveLimits: ArchiveLimits { ArchiveLimits(maxDepth: 2) }

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
