/// Why the gate refused a URL: each names what was wrong, for a 4xx the user can act on.
public enum FetchRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedURL(String)
    case scheme(String)
    case credentialsInURL
    case port(Int)
    case blockedName(String)
    case unresolvable(String)
    case address(host: String, address: IPAddress, reason: String)

    public var description: String {
        switch self {
        case .malformedURL(let reason): "The address is not a plain web address: \(reason)."
        case .scheme(let scheme): "Only http and https addresses can be fetched, not \(scheme)."
        case .credentialsInURL: "The address may not carry a user name or password."
        case .port(let port): "Port \(port) is not open to fetching; use 80 or 443."
        case .blockedName(let host): "\(host) names an internal service and cannot be fetched."
        case .unresolvable(let host): "\(host) could not be found."
        case .address(let host, let address, let reason):
            "\(host) leads to \(address), which is not on the public internet (\(reason))."
        }
    }
}
