import Fluent
import Foundation

/// An Ed25519 key that signs access tokens. The newest unretired key signs; a retired key still verifies until
/// the last token it signed has expired. The private half is sealed with the master key.
final class SigningKey: Model, @unchecked Sendable {
    static let schema = "signing_keys"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "algorithm") var algorithm: String
    @Field(key: "private_key_sealed") var privateKeySealed: String
    @Field(key: "public_key") var publicKey: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "retired_at") var retiredAt: Date?

    init() {}
}
