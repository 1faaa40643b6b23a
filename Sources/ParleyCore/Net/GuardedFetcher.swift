import AsyncHTTPClient
import Foundation
import NetGuard
import NIOCore
import NIOHTTP1

/// Fetches a URL on a user's behalf through the `FetchGate`: each hop is checked and connected to exactly the
/// address the gate returned (TLS still verifies the name), redirects are followed by hand and checked again
/// (at most `maxRedirects`), and the time, the body and its decompressed size are capped.
package struct GuardedFetcher: Sendable {
    package struct Limits: Sendable {
        package var maxBytes = 10 << 20
        package var timeout = TimeAmount.seconds(20)
        package var maxRedirects = 5
        /// A compressed body may grow at most this many times while it is decoded (and never past `maxBytes`).
        package var maxDecompressionRatio = 25

        package init() {}
    }

    package struct Fetched: Sendable {
        /// The URL of the answer that was kept, after redirects.
        package var url: String
        package var status: Int
        package var headers: HTTPHeaders
        package var body: ByteBuffer
    }

    package enum Failure: Error, Equatable, CustomStringConvertible {
        case refused(FetchRefusal)
        case tooManyRedirects(Int)
        case redirectWithoutLocation
        case tooLarge(Int)
        case failed(String)

        package var description: String {
            switch self {
            case .refused(let refusal): refusal.description
            case .tooManyRedirects(let limit): "The address redirected more than \(limit) times."
            case .redirectWithoutLocation: "The address answered with a redirect but no Location."
            case .tooLarge(let limit): "The answer is larger than \(limit / (1 << 20)) MiB."
            case .failed(let reason): "The address could not be fetched: \(reason)."
            }
        }
    }

    private let gate: FetchGate
    /// The caps; a caller with its own (a smaller answer, a shorter time) changes a copy.
    package var limits: Limits
    private let group: any EventLoopGroup

    package init(gate: FetchGate, limits: Limits = .init(), group: any EventLoopGroup) {
        self.gate = gate
        self.limits = limits
        self.group = group
    }

    package func get(_ url: String, headers: HTTPHeaders = [:]) async throws(Failure) -> Fetched {
        var current = url
        for _ in 0...limits.maxRedirects {
            let target: FetchTarget
            do { target = try await gate.check(current) } catch { throw .refused(error) }
            let fetched = try await fetch(target, headers: headers)
            guard [301, 302, 303, 307, 308].contains(fetched.status) else { return fetched }
            guard let location = fetched.headers.first(name: "Location"),
                let next = URL(string: location, relativeTo: URL(string: target.url))?.absoluteURL.absoluteString
            else {
                throw .redirectWithoutLocation
            }
            current = next
        }
        throw .tooManyRedirects(limits.maxRedirects)
    }

    /// One request to exactly the checked address, through a client whose resolver knows only that answer.
    private func fetch(_ target: FetchTarget, headers: HTTPHeaders) async throws(Failure) -> Fetched {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.dnsOverride = [target.host: target.address.description]
        configuration.decompression = .enabled(limit: .ratio(limits.maxDecompressionRatio))
        configuration.timeout = .init(connect: .seconds(10), read: limits.timeout)
        let client = HTTPClient(eventLoopGroup: group, configuration: configuration)
        do {
            let fetched = try await send(target, headers: headers, through: client)
            try? await client.shutdown()
            return fetched
        } catch {
            try? await client.shutdown()
            throw error as? Failure ?? .failed(String(describing: error))
        }
    }

    private func send(_ target: FetchTarget, headers: HTTPHeaders, through client: HTTPClient) async throws -> Fetched {
        var request = HTTPClientRequest(url: target.url)
        request.headers = headers
        request.headers.replaceOrAdd(name: "Accept-Encoding", value: "gzip, deflate")
        let response = try await client.execute(request, timeout: limits.timeout)
        do {
            let body = try await response.body.collect(upTo: limits.maxBytes)
            return Fetched(url: target.url, status: Int(response.status.code), headers: response.headers, body: body)
        } catch is NIOTooManyBytesError {
            throw Failure.tooLarge(limits.maxBytes)
        }
    }
}
