import ParleyCore
import Vapor

/// The OpenAPI description of `/api/v1/auth/…`.
enum AuthOpenAPI {
    static func describe(_ document: OpenAPIDocument) {
        let string: JSONValue = ["type": "string"], email: JSONValue = ["type": "string", "format": "email"]
        let password: JSONValue = ["type": "string", "minLength": 12, "maxLength": 128]
        let time: JSONValue = ["type": "string", "format": "date-time"],
            uuid: JSONValue = ["type": "string", "format": "uuid"]
        let schemas: [String: JSONValue] = [
            "SignUp": OpenAPI.object(
                [
                    "email": email, "password": password, "display_name": string,
                    "bot_check": ["type": "object", "description": "pow_nonce and pow_solution, or turnstile_token"],
                ],
                required: ["email", "password", "bot_check"]),
            "SignIn": OpenAPI.object(
                ["email": email, "password": string, "link_token": string], required: ["email", "password"]),
            "SecondFactor": OpenAPI.object([
                "challenge": string, "code": string, "recovery_code": string, "link_token": string,
            ]),
            "Token": OpenAPI.object(["token": string], required: ["token"]),
            "Email": OpenAPI.object(["email": email], required: ["email"]),
            "Code": OpenAPI.object(["code": string], required: ["code"]),
            "VerifyEmail": OpenAPI.object(["token": string, "password": string], required: ["token"]),
            "CodeAndPassword": OpenAPI.object(["code": string, "current_password": string], required: ["code"]),
            "Refresh": OpenAPI.object(["refresh_token": string]),
            "ResetPassword": OpenAPI.object(["token": string, "password": password], required: ["token", "password"]),
            "ChangePassword": OpenAPI.object(
                ["current_password": string, "new_password": password], required: ["current_password", "new_password"]),
            "DeleteAccount": OpenAPI.object(["current_password": string]),
            "CurrentPassword": OpenAPI.object(["current_password": string]),
            "ChangeEmail": OpenAPI.object(["new_email": email, "current_password": string], required: ["new_email"]),
            "Setup": OpenAPI.object(
                ["token": string, "email": email, "password": password, "display_name": string],
                required: ["token", "email", "password"]),
            "Accepted": OpenAPI.object(["status": string, "message": string], required: ["status", "message"]),
            "TokenPair": OpenAPI.object(
                [
                    "access_token": string, "access_token_expires_at": time,
                    "refresh_token": ["type": ["string", "null"]],
                    "refresh_token_expires_at": ["type": ["string", "null"], "format": "date-time"], "session_id": uuid,
                    "token_type": ["const": "Bearer"],
                ],
                required: ["access_token", "access_token_expires_at", "session_id", "token_type"]),
            "SecondFactorRequired": OpenAPI.object(
                ["status": ["const": "second_factor_required"], "challenge": string, "expires_at": time],
                required: ["status", "challenge", "expires_at"]),
            "CookieSession": OpenAPI.object(
                [
                    "status": ["const": "signed_in"], "session_id": uuid, "access_token_expires_at": time,
                    "csrf_token": string,
                ],
                required: ["status", "session_id", "access_token_expires_at", "csrf_token"]),
            "SignInResult": [
                "oneOf": [OpenAPI.ref("TokenPair"), OpenAPI.ref("SecondFactorRequired"), OpenAPI.ref("CookieSession")]
            ],
            "Me": OpenAPI.object(
                [
                    "id": uuid, "email": email, "display_name": string, "email_verified": ["type": "boolean"],
                    "two_factor_enabled": ["type": "boolean"], "is_owner": ["type": "boolean"],
                ],
                required: ["id", "email", "display_name", "email_verified", "two_factor_enabled", "is_owner"]),
            "Session": OpenAPI.object(
                [
                    "id": uuid, "current": ["type": "boolean"], "device": ["type": ["string", "null"]],
                    "ip": ["type": ["string", "null"]],
                    "method": string, "created_at": time, "last_used_at": time,
                ],
                required: ["id", "current", "method", "created_at", "last_used_at"]),
            "Sessions": OpenAPI.object(
                ["sessions": ["type": "array", "items": OpenAPI.ref("Session")]], required: ["sessions"]),
            "Enrollment": OpenAPI.object(
                ["secret": string, "otpauth_uri": string, "qr_svg": string],
                required: ["secret", "otpauth_uri", "qr_svg"]),
            "RecoveryCodes": OpenAPI.object(
                ["recovery_codes": ["type": "array", "items": string]], required: ["recovery_codes"]),
        ]
        for (name, schema) in schemas { document.addSchema(name, schema) }

        let base = "/api/v1/auth/"
        let operations: [(HTTPMethod, String, JSONValue)] = [
            (
                .POST, "sign-up",
                OpenAPI.operation(
                    "signUp", tag: "auth", summary: "Create an account; a verification link is mailed.", body: "SignUp",
                    responses: [202: ("Accepted whether or not the address has an account", "Accepted")])
            ),
            (
                .POST, "verify-email",
                OpenAPI.operation(
                    "verifyEmail", tag: "auth",
                    summary: "Open an email verification link, with the password chosen at that sign-up.",
                    body: "VerifyEmail", responses: [200: ("Verified", "Accepted")])
            ),
            (
                .POST, "verify-email/resend",
                OpenAPI.operation(
                    "resendVerification", tag: "auth", summary: "Mail a new verification link.", body: "Email",
                    responses: [202: ("Accepted for any address", "Accepted")])
            ),
            (
                .POST, "sign-in",
                OpenAPI.operation(
                    "signIn", tag: "auth",
                    summary:
                        "Sign in with email and password. Send `X-Parley-Session: cookie` to receive cookies instead of tokens.",
                    body: "SignIn",
                    responses: [200: ("Tokens, a second-factor challenge, or a cookie session", "SignInResult")])
            ),
            (
                .POST, "sign-in/second-factor",
                OpenAPI.operation(
                    "signInSecondFactor", tag: "auth", summary: "Complete a sign-in with a TOTP or recovery code.",
                    body: "SecondFactor", responses: [200: ("Tokens or a cookie session", "SignInResult")])
            ),
            (
                .POST, "refresh",
                OpenAPI.operation(
                    "refresh", tag: "auth", summary: "Rotate a refresh token (from the body or the cookie).",
                    body: "Refresh", responses: [200: ("New tokens", "SignInResult")])
            ),
            (
                .POST, "password/forgot",
                OpenAPI.operation(
                    "forgotPassword", tag: "auth", summary: "Mail a password reset link.", body: "Email",
                    responses: [202: ("Accepted for any address", "Accepted")])
            ),
            (
                .POST, "password/reset",
                OpenAPI.operation(
                    "resetPassword", tag: "auth", summary: "Set a new password from a reset link; every session ends.",
                    body: "ResetPassword", responses: [200: ("Password changed", "Accepted")])
            ),
            (
                .POST, "email/confirm",
                OpenAPI.operation(
                    "confirmEmail", tag: "auth", summary: "Confirm a new address from its link.", body: "Token",
                    responses: [200: ("Address changed", "Accepted")])
            ),
            (
                .POST, "setup",
                OpenAPI.operation(
                    "setup", tag: "auth", summary: "Create the first owner with the one-time setup link.",
                    body: "Setup", responses: [200: ("The owner, signed in", "SignInResult")])
            ),
            (
                .GET, "me",
                OpenAPI.operation(
                    "me", tag: "auth", summary: "The signed-in user.", authenticated: true,
                    responses: [200: ("The user", "Me")])
            ),
            (
                .POST, "sign-out",
                OpenAPI.operation(
                    "signOut", tag: "auth", summary: "End this session.", authenticated: true,
                    responses: [204: ("Signed out", nil)])
            ),
            (
                .POST, "sign-out-everywhere",
                OpenAPI.operation(
                    "signOutEverywhere", tag: "auth", summary: "End every session of the user.", authenticated: true,
                    responses: [204: ("Signed out everywhere", nil)])
            ),
            (
                .GET, "sessions",
                OpenAPI.operation(
                    "listSessions", tag: "auth", summary: "Active sessions with device, IP and last use.",
                    authenticated: true, responses: [200: ("Sessions", "Sessions")])
            ),
            (
                .DELETE, "sessions/:id",
                OpenAPI.operation(
                    "revokeSession", tag: "auth", summary: "Revoke one of the user's sessions.", authenticated: true,
                    responses: [204: ("Revoked", nil)], parameters: [OpenAPI.uuidPathParameter("id")])
            ),
            (
                .POST, "password/change",
                OpenAPI.operation(
                    "changePassword", tag: "auth", summary: "Change the password; other sessions end.",
                    body: "ChangePassword", authenticated: true, responses: [200: ("Changed", "Accepted")])
            ),
            (
                .POST, "email/change",
                OpenAPI.operation(
                    "changeEmail", tag: "auth", summary: "Mail a confirmation link to a new address.",
                    body: "ChangeEmail", authenticated: true, responses: [202: ("Link sent", "Accepted")])
            ),
            (
                .DELETE, "account",
                OpenAPI.operation(
                    "deleteAccount", tag: "auth", summary: "Delete your account: unusable at once, purged later.",
                    body: "DeleteAccount", authenticated: true, responses: [204: ("Deleted", nil)])
            ),
            (
                .POST, "totp/enroll",
                OpenAPI.operation(
                    "enrollTOTP", tag: "auth",
                    summary:
                        "Start TOTP enrollment (current password, or a sign-in within 10 minutes for an account without one).",
                    body: "CurrentPassword", authenticated: true,
                    responses: [200: ("Secret, URI and QR code", "Enrollment")])
            ),
            (
                .POST, "totp/confirm",
                OpenAPI.operation(
                    "confirmTOTP", tag: "auth", summary: "Turn TOTP on with a first code.", body: "Code",
                    authenticated: true, responses: [200: ("Recovery codes, shown once", "RecoveryCodes")])
            ),
            (
                .POST, "totp/disable",
                OpenAPI.operation(
                    "disableTOTP", tag: "auth", summary: "Turn TOTP off with a fresh code and the current password.",
                    body: "CodeAndPassword", authenticated: true, responses: [204: ("Off", nil)])
            ),
            (
                .POST, "totp/recovery-codes",
                OpenAPI.operation(
                    "replaceRecoveryCodes", tag: "auth", summary: "Replace the recovery codes.", body: "Code",
                    authenticated: true, responses: [200: ("New recovery codes", "RecoveryCodes")])
            ),
        ]
        for (method, path, operation) in operations { document.add(method, base + path, operation) }
    }
}
