import Fluent
import Foundation
import ParleyCore
import Vapor

/// Sign-in with an external provider: the authorization code flow with PKCE (S256), a one-time `state` bound to
/// the browser by a cookie, and an OIDC `nonce`. Identities are keyed by provider and subject. A verified address
/// that already has a Parley account is linked only after the user signs in to that account.
enum ExternalLogin {
    static let attemptLifetime: TimeInterval = 600

    /// Who the provider says signed in.
    struct Identity: Sendable {
        var subject: String
        var email: String?
        var emailVerified: Bool
        var name: String?
    }

    struct Start: Sendable {
        var authorizationURL: String
        /// Goes into the browser-binding cookie.
        var browserSecret: String
    }

    enum Outcome: Sendable {
        case signedIn(TokenPair, returnTo: String)
        case secondFactorRequired(challenge: String, returnTo: String)
        /// The address has an account: the user must sign in to it to link this identity.
        case linkRequired(linkToken: String, email: String)
        /// A new account whose address the provider did not verify: a link was mailed.
        case verificationSent
    }

    static func redirectURI(_ provider: Settings.ExternalProvider, publicURL: URL) -> String {
        publicURL.page("/auth/external/\(provider.id)/callback")
    }

    /// Only paths of this site, never another origin (`//host`, `/\host`, schemes).
    static func safeReturnPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
            candidate.count <= 512,
            !candidate.contains(where: { $0.isWhitespace || $0 == "\\" })
        else { return "/app" }
        return candidate
    }

    static func begin(
        _ provider: Settings.ExternalProvider, returnTo: String?, _ env: AccountsEnvironment,
        client: any Client, providers: ProviderClient
    ) async throws -> Start {
        let state = env.random.hexToken(byteCount: 32), nonce = env.random.hexToken(byteCount: 16)
        let verifier = PKCE.makeVerifier(env.random), browser = env.random.hexToken(byteCount: 32)
        let attempt = ExternalLoginAttempt()
        attempt.id = UUID()
        attempt.provider = provider.id
        attempt.stateHash = sha256Hex(state)
        attempt.browserHash = sha256Hex(browser)
        attempt.nonce = nonce
        attempt.codeVerifierSealed = try env.masterKey.seal(
            Data(verifier.utf8), purpose: "pkce-verifier", context: attempt.stateHash)
        attempt.returnTo = safeReturnPath(returnTo)
        attempt.createdAt = env.now
        attempt.expiresAt = env.now + attemptLifetime
        try await attempt.create(on: env.db)

        var query: [(String, String)] = [
            ("response_type", "code"), ("client_id", provider.clientID),
            ("redirect_uri", redirectURI(provider, publicURL: env.publicURL)), ("state", state),
            ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256"),
        ]
        let endpoint: String
        switch provider.kind {
        case .openIDConnect(let issuer):
            endpoint = try await providers.configuration(issuer: issuer, now: env.now).authorizationEndpoint
            query += [("scope", "openid email profile"), ("nonce", nonce)]
        case .gitHub(let webURL, _):
            endpoint = webURL.absoluteString + "/login/oauth/authorize"
            query += [("scope", "read:user user:email"), ("allow_signup", "false")]
        }
        guard var components = URLComponents(string: endpoint) else { throw ExternalLoginError.providerUnavailable }
        let existing = components.queryItems ?? []
        components.queryItems = existing + query.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = components.string else { throw ExternalLoginError.providerUnavailable }
        return Start(authorizationURL: url, browserSecret: browser)
    }

    /// The callback: checks the state against the browser, exchanges the code, verifies who signed in.
    static func complete(
        _ provider: Settings.ExternalProvider, code: String?, state: String?, providerError: String?,
        browserSecret: String?,
        _ env: AccountsEnvironment, client: any Client, providers: ProviderClient
    ) async throws -> Outcome {
        guard let state, state.utf8.count == 64, let browserSecret,
            let attempt = try await ExternalLoginAttempt.query(on: env.db).filter(\.$stateHash == sha256Hex(state))
                .first(),
            attempt.provider == provider.id, attempt.usedAt == nil, attempt.expiresAt > env.now,
            constantTimeEquals(attempt.browserHash, sha256Hex(browserSecret)),
            try await spend(attempt, env)
        else { throw ExternalLoginError.invalidState }
        guard providerError == nil, let code, !code.isEmpty, code.utf8.count <= 2048 else {
            throw ExternalLoginError.providerDenied
        }
        let verifier = String(
            decoding: try env.masterKey.open(
                attempt.codeVerifierSealed, purpose: "pkce-verifier", context: attempt.stateHash), as: UTF8.self)
        let identity = try await identify(
            provider, code: code, verifier: verifier, nonce: attempt.nonce, env, client: client, providers: providers)
        return try await resolve(identity, provider: provider, attempt: attempt, env)
    }

    private static func identify(
        _ provider: Settings.ExternalProvider, code: String, verifier: String, nonce: String,
        _ env: AccountsEnvironment,
        client: any Client, providers: ProviderClient
    ) async throws -> Identity {
        let redirect = redirectURI(provider, publicURL: env.publicURL)
        switch provider.kind {
        case .openIDConnect(let issuer):
            let configuration = try await providers.configuration(issuer: issuer, now: env.now)
            let postOnly =
                configuration.tokenEndpointAuthMethodsSupported.map {
                    !$0.contains("client_secret_basic") && $0.contains("client_secret_post")
                } ?? false
            let tokens = try await providers.exchange(
                code: code, verifier: verifier, redirectURI: redirect, tokenEndpoint: configuration.tokenEndpoint,
                clientID: provider.clientID, clientSecret: provider.clientSecret, postCredentials: postOnly,
                client: client)
            guard let idToken = tokens.idToken else {
                throw ExternalLoginError.invalidIDToken("the provider sent none")
            }
            var keys = try await providers.keys(configuration, now: env.now)
            if let kid = try? JWS.header(of: idToken).kid, !keys.contains(where: { $0.keyIdentifier?.string == kid }) {
                keys = try await providers.keys(configuration, now: env.now, refresh: true)
            }
            let claims = try await IDTokenVerifier.verify(
                idToken, keys: keys, issuer: configuration.issuer, clientID: provider.clientID, nonce: nonce,
                now: env.now)
            return Identity(
                subject: claims.sub, email: claims.email?.lowercased(),
                emailVerified: claims.emailVerified?.value ?? false, name: claims.name)
        case .gitHub(let webURL, let apiURL):
            let tokens = try await providers.exchange(
                code: code, verifier: verifier, redirectURI: redirect,
                tokenEndpoint: webURL.absoluteString + "/login/oauth/access_token",
                clientID: provider.clientID, clientSecret: provider.clientSecret, postCredentials: true, client: client)
            struct GitHubUser: Decodable { var id: Int64; var login: String; var name: String? }
            struct GitHubEmail: Decodable { var email: String; var primary: Bool; var verified: Bool }
            let user: GitHubUser = try await providers.getJSON(
                apiURL.absoluteString + "/user", bearer: tokens.accessToken, client: client)
            let emails: [GitHubEmail] = try await providers.getJSON(
                apiURL.absoluteString + "/user/emails", bearer: tokens.accessToken, client: client)
            let primary = emails.first { $0.primary && $0.verified } ?? emails.first { $0.verified }
            return Identity(
                subject: String(user.id), email: primary?.email.lowercased(), emailVerified: primary != nil,
                name: user.name ?? user.login)
        }
    }

    private static func resolve(
        _ identity: Identity, provider: Settings.ExternalProvider, attempt: ExternalLoginAttempt,
        _ env: AccountsEnvironment
    ) async throws -> Outcome {
        if let known = try await ExternalIdentity.query(on: env.db).filter(\.$provider == provider.id).filter(
            \.$subject == identity.subject
        )
        .with(\.$user).first() {
            known.lastUsedAt = env.now
            if let email = identity.email { known.email = email }
            try await known.save(on: env.db)
            return try await signIn(known.user, provider: provider, returnTo: attempt.returnTo, env)
        }
        // An address the provider did not verify neither creates an account nor links to one: whoever holds such an
        // identity could otherwise keep it on the account after the address's owner proves it.
        guard let email = identity.email, identity.emailVerified, (try? AuthRequests.email(email)) != nil else {
            throw ExternalLoginError.noVerifiedEmail
        }
        if let existing = try await User.query(on: env.db).filter(\.$email == email).first() {
            // Never link on an address alone: it must be confirmed by signing in.
            let linkToken = env.random.hexToken(byteCount: 32)
            attempt.linkUserID = try existing.requireID()
            attempt.linkSubject = identity.subject
            attempt.linkEmail = email
            attempt.linkTokenHash = sha256Hex(linkToken)
            attempt.expiresAt = env.now + attemptLifetime
            try await attempt.save(on: env.db)
            return .linkRequired(linkToken: linkToken, email: email)
        }
        let user = try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            let user = User(
                email: email,
                displayName: String((identity.name ?? String(email.split(separator: "@")[0])).prefix(100)),
                passwordHash: nil, now: env.now)
            user.emailVerifiedAt = env.now
            try await user.create(on: tx)
            try await env.activated(user)
            try await addIdentity(
                userID: try user.requireID(), provider: provider.id, subject: identity.subject, email: email, env)
            try await env.record(
                env.client.audit(
                    "auth.signed_up", actor: .init(kind: "user", id: try user.requireID().uuidString),
                    target: ("user", try user.requireID().uuidString), metadata: ["provider": provider.id]))
            return user
        }
        return try await signIn(user, provider: provider, returnTo: attempt.returnTo, env)
    }

    private static func signIn(
        _ user: User, provider: Settings.ExternalProvider, returnTo: String, _ env: AccountsEnvironment
    ) async throws -> Outcome {
        guard user.emailVerifiedAt != nil else {
            try await Registration.sendVerification(to: user, env)
            return .verificationSent
        }
        if user.hasTwoFactor {
            let challenge = try await UserTokens.issue(
                userID: try user.requireID(), purpose: .secondFactor, lifetime: SignIn.secondFactorLifetime,
                firstFactor: provider.id, env)
            return .secondFactorRequired(challenge: challenge, returnTo: returnTo)
        }
        return .signedIn(try await SignIn.succeed(user, method: provider.id, env), returnTo: returnTo)
    }

    /// Links the identity waiting under `linkToken` to `userID`, who has just signed in to the matching account.
    @discardableResult
    static func confirmLink(_ linkToken: String, userID: UUID, _ env: AccountsEnvironment) async throws -> Bool {
        guard linkToken.utf8.count == 64,
            let attempt = try await ExternalLoginAttempt.query(on: env.db).filter(
                \.$linkTokenHash == sha256Hex(linkToken)
            ).first(),
            attempt.linkUserID == userID, attempt.expiresAt > env.now, let subject = attempt.linkSubject
        else { return false }
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            attempt.linkTokenHash = nil
            try await attempt.save(on: tx)
            try await addIdentity(
                userID: userID, provider: attempt.provider, subject: subject, email: attempt.linkEmail, env)
            try await env.record(
                env.client.audit(
                    "auth.identity.linked", actor: .init(kind: "user", id: userID.uuidString),
                    target: ("user", userID.uuidString), metadata: ["provider": attempt.provider]))
        }
        return true
    }

    /// Links the identity waiting under `linkToken` to whoever the new session `pair` belongs to.
    static func confirmLink(_ linkToken: String, afterSignIn pair: TokenPair, _ env: AccountsEnvironment) async throws {
        guard let session = try await AuthSession.find(pair.sessionID, on: env.db) else { return }
        try await confirmLink(linkToken, userID: session.$user.id, env)
    }

    private static func addIdentity(
        userID: UUID, provider: String, subject: String, email: String?, _ env: AccountsEnvironment
    ) async throws {
        let identity = ExternalIdentity()
        identity.id = UUID()
        identity.$user.id = userID
        identity.provider = provider
        identity.subject = subject
        identity.email = email
        identity.createdAt = env.now
        identity.lastUsedAt = env.now
        try await identity.create(on: env.db)
    }

    /// Marks the attempt used, atomically: a replayed `state` finds it spent.
    private static func spend(_ attempt: ExternalLoginAttempt, _ env: AccountsEnvironment) async throws -> Bool {
        guard
            try await env.db.claimOnce(
                ExternalLoginAttempt.schema, id: try attempt.requireID(), column: "used_at", now: env.now)
        else { return false }
        attempt.usedAt = env.now
        return true
    }
}
