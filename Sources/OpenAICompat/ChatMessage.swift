import Foundation

/// One message of a chat conversation in the OpenAI chat-completions wire format.
///
/// Encodes as `{"content": "...", "role": "..."}`. When decoding, a `null` or
/// missing `content` (as sent for tool-call-only assistant messages) becomes
/// `""`, and unknown extra fields (`name`, `tool_calls`, `refusal`, …) are ignored.
public struct ChatMessage: Codable, Sendable, Equatable {
    /// The author of a message.
    public enum Role: String, Codable, Sendable {
        /// Instructions that steer the model.
        case system
        /// Text written by the end user.
        case user
        /// Text produced by the model.
        case assistant
    }

    /// Who wrote the message.
    public var role: Role
    /// The plain-text body of the message.
    public var content: String

    /// Creates a message.
    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    /// A `system` message.
    public static func system(_ content: String) -> ChatMessage {
        ChatMessage(role: .system, content: content)
    }

    /// A `user` message.
    public static func user(_ content: String) -> ChatMessage {
        ChatMessage(role: .user, content: content)
    }

    /// An `assistant` message.
    public static func assistant(_ content: String) -> ChatMessage {
        ChatMessage(role: .assistant, content: content)
    }

    private enum CodingKeys: String, CodingKey {
        case role, content
    }

    /// Decodes a message, treating `null` or missing `content` as `""`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        content = try container.decodeIfPresent(String.self, forKey: .content) ?? ""
    }

    /// Encodes `role` and `content`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
    }
}
