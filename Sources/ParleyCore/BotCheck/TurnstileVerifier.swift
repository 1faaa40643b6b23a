import Foundation
import Vapor

/// Cloudflare Turnstile's server-side check (siteverify). It fails closed: a time-out, a 5xx, or an answer that
/// is not the expected JSON refuses the form. The hostname and action must match what this form expects.
package struct TurnstileVerifier: Sendable {
    package struct Configuration: Sendable, Equatable {
        package var siteKey: String
        package var secret: String
        package var verifyURL: String
        package var hostname: String
        package var timeoutSeconds: Int
    }

    /// Tokens are at most 2048 characters (Cloudflare's documented limit).
    package static let maximumTokenLength = 2048
    /// Cloudflare's documented test secrets: always pass, always fail, already spent. Refused in production.
    package static let testSecrets: Set<String> = [
        "1x0000000000000000000000000000000AA", "2x0000000000000000000000000000000AA",
        "3x0000000000000000000000000000000AA",
    ]

    let configuration: Configuration
    let client: any Client

    package init(configuration: Configuration, client: any Client) {
        self.configuration = configuration
        self.client = client
    }

    struct Answer: Decodable {
        var success: Bool
        var hostname: String?
        var action: String?
        var errorCodes: [String]?
        enum CodingKeys: String, CodingKey {
            case success, hostname, action
            case errorCodes = "error-codes"
        }
    }

    struct Form: Content {
        var secret: String
        var response: String
        var remoteip: String?
        var idempotency_key: String
    }

    package func verify(token: String, action: String, remoteIP: String?, idempotencyKey: String) async throws {
        guard !token.isEmpty else { throw BotCheckError.missing }
        guard token.utf8.count <= Self.maximumTokenLength else { throw BotCheckError.malformed }
        let form = Form(
            secret: configuration.secret, response: token, remoteip: remoteIP, idempotency_key: idempotencyKey)
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: configuration.verifyURL)) { request in
                try request.content.encode(form, as: .urlEncodedForm)
                request.timeout = .seconds(Int64(configuration.timeoutSeconds))
            }
        } catch {
            throw BotCheckError.unavailable
        }
        guard response.status == .ok, let answer = try? response.content.decode(Answer.self, as: .json) else {
            throw BotCheckError.unavailable
        }
        guard answer.success else {
            throw answer.errorCodes?.contains("timeout-or-duplicate") == true
                ? BotCheckError.replayed : BotCheckError.failed
        }
        guard answer.hostname == configuration.hostname, answer.action == action else { throw BotCheckError.failed }
    }
}
