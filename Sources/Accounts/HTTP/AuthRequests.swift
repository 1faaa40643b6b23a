import ParleyCore
import SMTPClient
import Vapor

/// The bodies of `/api/v1/auth/…`, each with its checks; every problem names its field.
enum AuthRequests {
    struct SignUp: Content {
        var email: String
        var password: String
        var displayName: String?
        /// The bot check's answer; the page's script fills `bot_check[…]` fields, API clients send an object.
        var botCheck: BotCheckSubmission?

        enum CodingKeys: String, CodingKey {
            case email, password, displayName = "display_name", botCheck = "bot_check"
        }

        /// Decodes the form and refuses it unless its bot check passes (before any account work).
        static func checked(_ request: Request) async throws -> SignUp {
            let form = try request.content.decode(SignUp.self)
            try await request.application.botCheck().verify(form.botCheck, action: "sign-up", request: request)
            return form
        }

        func validated() throws -> Registration.SignUp {
            let email = try AuthRequests.email(email)
            let name = (displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard name.count <= 100, !MessageWriter.containsLineBreak(name) else {
                throw CoreError.invalidField(
                    name: "display_name", reason: "must be at most 100 characters on one line.")
            }
            return .init(
                email: email, password: password,
                displayName: name.isEmpty ? String(email.split(separator: "@")[0]) : name)
        }
    }

    struct SignIn: Content {
        var email: String
        var password: String
        /// An external identity waiting to be linked to this account (or the link cookie).
        var linkToken: String?
        enum CodingKeys: String, CodingKey { case email, password, linkToken = "link_token" }

        /// The address as accounts store it. A malformed one is kept as typed, so it fails like any unknown
        /// address rather than with a different answer.
        var normalizedEmail: String { (try? AuthRequests.email(email)) ?? email.lowercased() }
    }

    struct SecondFactor: Content {
        /// From the sign-in answer, or the challenge cookie after an external sign-in.
        var challenge: String?
        var code: String?
        var recoveryCode: String?
        var linkToken: String?

        enum CodingKeys: String, CodingKey {
            case challenge, code, recoveryCode = "recovery_code", linkToken = "link_token"
        }
    }

    struct Token: Content { var token: String }
    struct Email: Content { var email: String }
    struct Code: Content { var code: String }
    /// A verification link's token and the password chosen at the sign-up that sent it.
    struct VerifyEmail: Content { var token: String; var password: String? }
    struct CodeAndPassword: Content {
        var code: String
        var currentPassword: String?
        enum CodingKeys: String, CodingKey { case code, currentPassword = "current_password" }
    }
    struct Refresh: Content {
        var refreshToken: String?
        enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
    }

    struct ResetPassword: Content {
        var token: String
        var password: String
    }

    struct ChangePassword: Content {
        var currentPassword: String
        var newPassword: String
        enum CodingKeys: String, CodingKey { case currentPassword = "current_password", newPassword = "new_password" }
    }

    /// The fresh authentication of a sensitive change (`Reauthentication`).
    struct CurrentPassword: Content {
        var currentPassword: String?
        enum CodingKeys: String, CodingKey { case currentPassword = "current_password" }
    }
    typealias DeleteAccount = CurrentPassword

    struct ChangeEmail: Content {
        var newEmail: String
        var currentPassword: String?
        enum CodingKeys: String, CodingKey { case newEmail = "new_email", currentPassword = "current_password" }
    }

    struct Setup: Content {
        var token: String
        var email: String
        var password: String
        var displayName: String?
        enum CodingKeys: String, CodingKey { case token, email, password, displayName = "display_name" }

        var signUp: SignUp { SignUp(email: email, password: password, displayName: displayName) }
    }

    /// A lowercased, syntactically valid address.
    static func email(_ text: String, field: String = "email") throws -> String {
        try EmailInput.normalized(text, field: field)
    }
}

/// What `/api/v1/auth/…` answers.
enum AuthResponses {
    struct Accepted: Content { var status = "accepted"; var message: String }

    struct SecondFactorRequired: Content {
        var status = "second_factor_required"
        var challenge: String
        var expiresAt: Date
        enum CodingKeys: String, CodingKey { case status, challenge, expiresAt = "expires_at" }
    }

    /// A sign-in whose tokens went into cookies.
    struct CookieSession: Content {
        var status = "signed_in"
        var sessionID: UUID
        var accessTokenExpiresAt: Date
        var csrfToken: String
        enum CodingKeys: String, CodingKey {
            case status, sessionID = "session_id", accessTokenExpiresAt = "access_token_expires_at", csrfToken =
                "csrf_token"
        }
    }

    struct Me: Content {
        var id: UUID
        var email: String
        var displayName: String
        var emailVerified: Bool
        var twoFactorEnabled: Bool
        var isOwner: Bool
        enum CodingKeys: String, CodingKey {
            case id, email, displayName = "display_name", emailVerified = "email_verified", twoFactorEnabled =
                "two_factor_enabled", isOwner = "is_owner"
        }

        init(_ user: User) throws {
            id = try user.requireID()
            email = user.email
            displayName = user.displayName
            emailVerified = user.emailVerifiedAt != nil
            twoFactorEnabled = user.hasTwoFactor
            isOwner = user.isOwner
        }
    }

    struct Session: Content {
        var id: UUID
        var current: Bool
        var device: String?
        var ip: String?
        var method: String
        var createdAt: Date
        var lastUsedAt: Date
        enum CodingKeys: String, CodingKey {
            case id, current, device, ip, method, createdAt = "created_at", lastUsedAt = "last_used_at"
        }
    }

    struct Sessions: Content { var sessions: [Session] }

    struct Enrollment: Content {
        var secret: String
        var otpauthURI: String
        var qrSVG: String
        enum CodingKeys: String, CodingKey { case secret, otpauthURI = "otpauth_uri", qrSVG = "qr_svg" }
    }

    struct RecoveryCodes: Content {
        var recoveryCodes: [String]
        enum CodingKeys: String, CodingKey { case recoveryCodes = "recovery_codes" }
    }
}
