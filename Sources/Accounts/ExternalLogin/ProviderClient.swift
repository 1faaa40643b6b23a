import Foundation
import JWTKit
import NIOConcurrencyHelpers
import ParleyCore
import Vapor

/// The parts of an OpenID Provider's discovery document Parley uses.
struct OIDCConfiguration: Codable, Sendable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String
    var userinfoEndpoint: String?
    var tokenEndpointAuthMethodsSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case userinfoEndpoint = "userinfo_endpoint"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
    }
}

/// The token endpoint's answer.
struct ProviderTokens: Decodable, Sendable {
    var accessToken: String
    var idToken: String?
    var tokenType: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", idToken = "id_token", tokenType = "token_type"
    }
}

/// GitHub answers a refused exchange with `200 {"error": …}`.
private struct TokenEndpointError: Decodable { var error: String }

/// Talks to sign-in providers over HTTPS: discovery and key sets (cached an hour; keys refetched at most once
/// a minute when a token names an unknown one; both fetched through the fetch gate, since a discovery document
/// names the addresses that follow), the code exchange, and GitHub's user API. Every call has a time limit, and
/// the provider's answers are size-capped.
final class ProviderClient: Sendable {
    static let timeout: Int64 = 10
    static let maxBody = 1 << 20
    static let cacheLifetime: TimeInterval = 3600

    private struct Cached<Value: Sendable>: Sendable { var value: Value; var fetchedAt: Date }
    private let configurations = NIOLockedValueBox<[String: Cached<OIDCConfiguration>]>([:])
    private let keySets = NIOLockedValueBox<[String: Cached<[JWK]>]>([:])
    private let fetcher: GuardedFetcher

    init(fetcher: GuardedFetcher) {
        var fetcher = fetcher
        fetcher.limits.maxBytes = Self.maxBody
        fetcher.limits.timeout = .seconds(Self.timeout)
        self.fetcher = fetcher
    }

    /// The discovery document of `issuer`, whose own `issuer` must match exactly (OpenID Discovery §4.3).
    func configuration(issuer: URL, now: Date) async throws -> OIDCConfiguration {
        let key = issuer.absoluteString
        if let cached = configurations.withLockedValue({ $0[key] }),
            now.timeIntervalSince(cached.fetchedAt) < Self.cacheLifetime
        {
            return cached.value
        }
        let configuration: OIDCConfiguration = try await fetchJSON(
            issuer.absoluteString + "/.well-known/openid-configuration")
        guard configuration.issuer == key else { throw ExternalLoginError.providerUnavailable }
        configurations.withLockedValue { $0[key] = Cached(value: configuration, fetchedAt: now) }
        return configuration
    }

    /// The provider's signing keys; keys that cannot be read (unknown types) are skipped.
    func keys(_ configuration: OIDCConfiguration, now: Date, refresh: Bool = false) async throws -> [JWK] {
        let key = configuration.jwksURI
        if let cached = keySets.withLockedValue({ $0[key] }) {
            let age = now.timeIntervalSince(cached.fetchedAt)
            if age < Self.cacheLifetime && (!refresh || age < 60) { return cached.value }
        }
        struct LenientKeySet: Decodable {
            struct Skipped: Decodable { init(from decoder: any Decoder) throws {} }
            enum CodingKeys: String, CodingKey { case keys }
            var keys: [JWK] = []
            init(from decoder: any Decoder) throws {
                var list = try decoder.container(keyedBy: CodingKeys.self).nestedUnkeyedContainer(forKey: .keys)
                while !list.isAtEnd {
                    if let key = try? list.decode(JWK.self) {
                        keys.append(key)
                    } else {
                        _ = try list.decode(Skipped.self)
                    }
                }
            }
        }
        let set: LenientKeySet = try await fetchJSON(configuration.jwksURI)
        let keys = set.keys.filter { $0.privateExponent == nil }
        keySets.withLockedValue { $0[key] = Cached(value: keys, fetchedAt: now) }
        return keys
    }

    /// Exchanges an authorization code, authenticating with the client secret (HTTP Basic unless the provider
    /// only lists `client_secret_post`).
    func exchange(
        code: String, verifier: String, redirectURI: String, tokenEndpoint: String, clientID: String,
        clientSecret: String,
        postCredentials: Bool, client: any Client
    ) async throws -> ProviderTokens {
        var form = [
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI, "code_verifier": verifier,
        ]
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if postCredentials {
            form["client_id"] = clientID
            form["client_secret"] = clientSecret
        } else {
            headers.basicAuthorization = BasicAuthorization(
                username: Self.formEncode(clientID), password: Self.formEncode(clientSecret))
            form["client_id"] = clientID
        }
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: tokenEndpoint), headers: headers) { request in
                try request.content.encode(form, as: .urlEncodedForm)
                request.timeout = .seconds(Self.timeout)
            }
        } catch {
            throw ExternalLoginError.providerUnavailable
        }
        guard response.status == .ok else {
            throw response.status.code >= 500
                ? ExternalLoginError.providerUnavailable : ExternalLoginError.providerDenied
        }
        if let refusal: TokenEndpointError = try? decode(response), !refusal.error.isEmpty {
            throw ExternalLoginError.providerDenied
        }
        return try decode(response)
    }

    /// A GET through the fetch gate returning JSON.
    private func fetchJSON<T: Decodable>(_ url: String) async throws -> T {
        let fetched: GuardedFetcher.Fetched
        do {
            fetched = try await fetcher.get(url, headers: ["Accept": "application/json", "User-Agent": "Parley"])
        } catch {
            throw ExternalLoginError.providerUnavailable
        }
        guard fetched.status == 200, let value = try? JSONDecoder().decode(T.self, from: Data(buffer: fetched.body))
        else {
            throw ExternalLoginError.providerUnavailable
        }
        return value
    }

    /// A GET returning JSON, optionally with a bearer token.
    func getJSON<T: Decodable>(_ url: String, bearer: String? = nil, client: any Client) async throws -> T {
        var headers: HTTPHeaders = ["Accept": "application/json", "User-Agent": "Parley"]
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        let response: ClientResponse
        do {
            response = try await client.get(URI(string: url), headers: headers) { $0.timeout = .seconds(Self.timeout) }
        } catch {
            throw ExternalLoginError.providerUnavailable
        }
        guard response.status == .ok else { throw ExternalLoginError.providerUnavailable }
        return try decode(response)
    }

    private func decode<T: Decodable>(_ response: ClientResponse) throws -> T {
        guard let body = response.body, body.readableBytes <= Self.maxBody,
            let value = try? JSONDecoder().decode(T.self, from: Data(buffer: body))
        else { throw ExternalLoginError.providerUnavailable }
        return value
    }

    /// RFC 6749 §2.3.1: client credentials in Basic auth are form-encoded first.
    private static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._*")))
            ?? text
    }
}
