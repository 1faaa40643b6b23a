import FileInspection
import ParleyCore
import Vapor

/// Refusals of upload and download requests.
enum FilesError: AppError {
    case unknownPurpose(String)
    case contentTypeMissing
    case tooLarge(limitBytes: Int)
    case refused(InspectionError)
    case linkInvalid
    case inlineNotAllowed

    var status: HTTPResponseStatus {
        switch self {
        case .unknownPurpose, .inlineNotAllowed: .badRequest
        case .contentTypeMissing: .unsupportedMediaType
        case .tooLarge: .payloadTooLarge
        case .linkInvalid: .forbidden
        case .refused(let why):
            switch why {
            case .tooLarge: .payloadTooLarge
            case .typeNotAllowed, .typeMismatch: .unsupportedMediaType
            default: .unprocessableEntity
            }
        }
    }

    var code: String {
        switch self {
        case .unknownPurpose: "unknown_purpose"
        case .contentTypeMissing: "content_type_missing"
        case .tooLarge: "file_too_large"
        case .linkInvalid: "invalid_or_expired_link"
        case .inlineNotAllowed: "inline_not_allowed"
        case .refused(let why):
            switch why {
            case .tooLarge: "file_too_large"
            case .typeNotAllowed: "file_type_not_allowed"
            case .typeMismatch: "file_type_mismatch"
            default: "file_refused"
            }
        }
    }

    var reason: String {
        switch self {
        case .unknownPurpose(let name):
            "There is no upload purpose '\(name.prefix(40))'; use one of \(FilePurpose.names)."
        case .contentTypeMissing: "Declare the file's type in the Content-Type header (for example application/pdf)."
        case .tooLarge(let limit):
            "The file is larger than the \(limit / (1024 * 1024)) MiB this kind of upload allows."
        case .refused(let why): "The file was refused: \(why.description)"
        case .linkInvalid: "This download link is invalid or has expired; ask for a new one."
        case .inlineNotAllowed: "Only images and PDFs can be shown inline; download other files as attachments."
        }
    }
}
