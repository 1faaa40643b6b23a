import Foundation
import NIOHTTP1

/// Why one request to one provider failed, and whether trying again could help.
struct ProviderFailure: Error, CustomStringConvertible {
    enum Kind: Equatable {
        case status(Int)
        case transport
        case malformed
        case brokenStream
    }

    var kind: Kind
    var detail: String
    /// From `Retry-After`, in seconds.
    var retryAfter: TimeInterval?

    /// 429, 5xx and connection failures are worth retrying; a refused or malformed request is not.
    var isRetryable: Bool {
        switch kind {
        case .status(let code): code == 429 || code == 408 || (500...599).contains(code)
        case .transport: true
        case .malformed, .brokenStream: false
        }
    }

    var description: String {
        switch kind {
        case .status(let code): "HTTP \(code)\(detail.isEmpty ? "" : ": \(detail)")"
        case .transport: "connection failed: \(detail)"
        case .malformed: "malformed answer: \(detail)"
        case .brokenStream: "the stream broke: \(detail)"
        }
    }

    /// `Retry-After` as delay seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ headers: HTTPHeaders, now: Date) -> TimeInterval? {
        guard let value = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Int(value), seconds >= 0 { return TimeInterval(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }
}
