import Foundation

/// Reads typed values from a variable map and collects a problem for each invalid one instead of stopping.
struct SettingReader {
    let variables: [String: String]
    private(set) var problems: [String] = []

    mutating func problem(_ text: String) { problems.append(text) }

    func optional(_ key: String) -> String? {
        guard let value = variables[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func string(_ key: String, default value: String) -> String { optional(key) ?? value }

    /// A secret given directly or, with the `_FILE` suffix, as the path of a file that holds it.
    mutating func secret(_ key: String) -> String? {
        if let direct = optional(key) { return direct }
        guard let path = optional(key + "_FILE") else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            problem("\(key)_FILE: cannot read \(path)")
            return nil
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    mutating func int(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let text = optional(key) else { return value }
        guard let number = Int(text), range.contains(number) else {
            problem("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
            return value
        }
        return number
    }

    mutating func bool(_ key: String, default value: Bool) -> Bool {
        guard let text = optional(key)?.lowercased() else { return value }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problem("\(key) must be true or false (got '\(text)')")
            return value
        }
    }

    mutating func oneOf(_ key: String, default value: String, allowed: [String]) -> String {
        guard let text = optional(key)?.lowercased() else { return value }
        guard allowed.contains(text) else {
            problem("\(key) must be one of \(allowed.joined(separator: ", ")) (got '\(text)')")
            return value
        }
        return text
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, default value: T) -> T
    where T.RawValue == String {
        let text = oneOf(key, default: value.rawValue, allowed: T.allCases.map(\.rawValue))
        return T(rawValue: text) ?? value
    }

    mutating func url(_ key: String, default value: String) -> URL? {
        let text = optional(key) ?? value
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host?.isEmpty == false, url.query == nil, url.fragment == nil
        else {
            problem("\(key) must be an absolute http(s) URL without query or fragment (got '\(text)')")
            return nil
        }
        // Links are built by appending paths, so keep no trailing slash.
        return text.hasSuffix("/") ? URL(string: String(text.dropLast())) : url
    }

    func list(_ key: String) -> [String] {
        (optional(key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    /// Sizes such as `32kb`, `10mb` or a plain number of bytes.
    mutating func byteSize(_ key: String, default value: Int) -> Int {
        guard let text = optional(key)?.lowercased() else { return value }
        let units: [(String, Int)] = [("kb", 1024), ("mb", 1024 * 1024), ("gb", 1024 * 1024 * 1024), ("b", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            // Checked: a size too large for an Int is a problem to report, not a trap at startup.
            if let number = Int(text.dropLast(suffix.count)), number > 0 {
                let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
                if !overflow { return bytes }
            }
        }
        if let number = Int(text), number > 0 { return number }
        problem("\(key) must be a size such as 64kb or 10mb (got '\(text)')")
        return value
    }
}
