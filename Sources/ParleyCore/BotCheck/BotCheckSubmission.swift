import Vapor

/// The bot check's answer as a form sends it: a Turnstile token, or a proof-of-work nonce and solution.
package struct BotCheckSubmission: Content, Sendable {
    package var turnstileToken: String?
    package var powNonce: String?
    package var powSolution: String?

    package init(turnstileToken: String? = nil, powNonce: String? = nil, powSolution: String? = nil) {
        self.turnstileToken = turnstileToken
        self.powNonce = powNonce
        self.powSolution = powSolution
    }

    enum CodingKeys: String, CodingKey {
        case turnstileToken = "turnstile_token"
        case powNonce = "pow_nonce"
        case powSolution = "pow_solution"
    }
}

/// What the browser needs to answer: which check, and its parameters.
package struct BotCheckChallenge: Content, Equatable {
    package var kind: String
    package var siteKey: String?
    package var nonce: String?
    package var difficulty: Int?
    package var expiresAt: Date?

    enum CodingKeys: String, CodingKey {
        case kind, nonce, difficulty
        case siteKey = "site_key"
        case expiresAt = "expires_at"
    }
}
