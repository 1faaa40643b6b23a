import NetGuard
import Vapor

extension Application {
    /// The fetcher every outbound request made on a user's behalf goes through (sign-in discovery and keys today;
    /// crawling and webhooks later), with the operator's allowlist.
    package var fetcher: GuardedFetcher {
        GuardedFetcher(gate: FetchGate(configuration: .init(allowlist: settings.fetchAllow)), group: eventLoopGroup)
    }
}
