import Fluent
import Foundation

/// One person on the public beta waitlist. The email is stored lowercased and is unique: joining again merges.
final class WaitlistEntry: Model, @unchecked Sendable {
    static let schema = "waitlist_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @OptionalField(key: "company") var company: String?
    @Field(key: "consented_at") var consentedAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "confirm_token_hash") var confirmTokenHash: String?
    @OptionalField(key: "confirm_expires_at") var confirmExpiresAt: Date?
    @OptionalField(key: "confirmation_sent_at") var confirmationSentAt: Date?
    @OptionalField(key: "invited_at") var invitedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
