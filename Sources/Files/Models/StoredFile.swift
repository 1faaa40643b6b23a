import Fluent
import Foundation
import ParleyCore

/// A file a workspace uploaded: what it is (detected type, size, SHA-256, purpose), who uploaded it, and how its
/// encrypted object is found and opened (blob key, wrapped data key, key id, nonce prefix). The name is for
/// display only; nothing on disk or in S3 is named after it.
final class StoredFile: TenantModel, @unchecked Sendable {
    static let schema = "files"
    static var workspaceIDField: KeyPath<StoredFile, FieldProperty<StoredFile, UUID>> { \.$workspaceID }

    @ID(key: .id) var id: UUID?
    @Field(key: "workspace_id") var workspaceID: UUID
    @Field(key: "purpose") var purpose: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    /// `user:<id>` or `api_key:<id>`.
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "blob_key") var blobKey: String
    @Field(key: "key_id") var keyID: String
    @Field(key: "wrapped_key") var wrappedKey: String
    @Field(key: "nonce_prefix") var noncePrefix: String
    @Field(key: "segment_size") var segmentSize: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(
        id: UUID, purpose: FilePurpose, name: String, contentType: String, uploadedBy: AuditActor, sealed: SealedObject,
        now: Date
    ) {
        self.id = id
        self.purpose = purpose.rawValue
        displayName = name
        self.contentType = contentType
        size = Int64(sealed.size)
        sha256 = sealed.sha256
        self.uploadedBy = "\(uploadedBy.kind):\(uploadedBy.id ?? "")"
        blobKey = sealed.blobKey.value
        keyID = sealed.wrappedKey.keyID
        wrappedKey = sealed.wrappedKey.sealed
        noncePrefix = Data(sealed.noncePrefix).base64EncodedString()
        segmentSize = sealed.segmentSize
        createdAt = now
    }

    /// How the blob store finds and opens this file's object.
    var sealedObject: SealedObject {
        get throws {
            guard let key = BlobKey(blobKey), let prefix = Data(base64Encoded: noncePrefix) else {
                throw BlobStoreError.corrupt("file \(id?.uuidString ?? "?") has a malformed storage record")
            }
            return SealedObject(
                blobKey: key, wrappedKey: WrappedDataKey(keyID: keyID, sealed: wrappedKey),
                noncePrefix: [UInt8](prefix),
                segmentSize: segmentSize, size: Int(size), sha256: sha256)
        }
    }

    /// The context its ciphertext and data key are bound to.
    var blobContext: String { EncryptedBlobStore.context(workspaceID: workspaceID, fileID: id ?? UUID()) }
}
