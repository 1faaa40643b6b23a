/// What a `Range` request header asks of an object of `size` bytes (RFC 9110 §14).
///
/// Parley serves one range at most. A header with several ranges, or one it cannot parse, is ignored and the
/// whole file is sent (which the RFC allows), so a request for thousands of tiny ranges costs no more than one
/// download. A single range that starts past the end is unsatisfiable (416).
enum ByteRange: Equatable {
    case whole
    case partial(Range<Int>)
    case unsatisfiable

    /// Digits beyond this are absurd for any stored file; such a range starts past the end.
    private static let maxDigits = 18

    static func parse(_ header: String?, size: Int) -> ByteRange {
        guard let header, header.hasPrefix("bytes="), header.utf8.count <= 200 else { return .whole }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = String(spec[..<dash]), last = String(spec[spec.index(after: dash)...])
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit), !(first.isEmpty && last.isEmpty) else {
            return .whole
        }
        if first.isEmpty {
            // The last N bytes; a suffix longer than the file is the whole file.
            let count = number(last) ?? Int.max
            guard count > 0 else { return .unsatisfiable }
            return size == 0 ? .unsatisfiable : .partial(max(0, size - count)..<size)
        }
        guard let start = number(first), start < size else { return .unsatisfiable }
        let end = last.isEmpty ? size - 1 : min(number(last) ?? (size - 1), size - 1)
        guard end >= start else { return .whole }
        return .partial(start..<(end + 1))
    }

    /// A non-negative number, or nil when it has too many digits to be meaningful.
    private static func number(_ digits: String) -> Int? {
        let trimmed = digits.drop { $0 == "0" }
        guard trimmed.count <= maxDigits else { return nil }
        return Int(trimmed.isEmpty ? "0" : String(trimmed))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
