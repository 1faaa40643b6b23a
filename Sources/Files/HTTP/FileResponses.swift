import Foundation
import ParleyCore
import Vapor

/// What the file endpoints answer. The storage record (blob key, wrapped key) never leaves the server.
enum FileResponses {
    struct File: Content {
        var id: UUID
        var name: String
        var purpose: String
        var contentType: String
        var size: Int64
        var sha256: String
        var uploadedBy: String
        var createdAt: Date

        init(_ file: StoredFile) throws {
            id = try file.requireID()
            name = file.displayName
            purpose = file.purpose
            contentType = file.contentType
            size = file.size
            sha256 = file.sha256
            uploadedBy = file.uploadedBy
            createdAt = file.createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, name, purpose, size, sha256
            case contentType = "content_type"
            case uploadedBy = "uploaded_by"
            case createdAt = "created_at"
        }
    }

    struct Files: Content {
        var files: [File]
    }

    struct Link: Content {
        var url: String
        var expiresAt: Date
        enum CodingKeys: String, CodingKey {
            case url
            case expiresAt = "expires_at"
        }
    }
}

/// What the file endpoints accept.
enum FileRequests {
    struct CreateLink: Content {
        var disposition: DownloadDisposition?
    }

    static func id(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get("id", as: UUID.self) else { throw TenancyError.notFound("file") }
        return id
    }

    /// `?limit=`: 1 to `FileLibrary.maxPage`, 50 when absent.
    static func limit(_ text: String?) throws -> Int {
        guard let text else { return 50 }
        guard let value = Int(text), (1...FileLibrary.maxPage).contains(value) else {
            throw CoreError.invalidField(
                name: "limit", reason: "must be a whole number from 1 to \(FileLibrary.maxPage)")
        }
        return value
    }

    static func purpose(_ text: String?) throws -> FilePurpose? {
        guard let text else { return nil }
        guard let purpose = FilePurpose(rawValue: text) else { throw FilesError.unknownPurpose(text) }
        return purpose
    }
}
