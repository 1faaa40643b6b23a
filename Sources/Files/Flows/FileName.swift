import Foundation

/// A user's file name made safe to show and to put in a `Content-Disposition` header. It is never used as a path.
enum FileName {
    static let maxLength = 200

    /// Keeps the last path component; drops control, format (bidirectional overrides, zero-width) and quote
    /// characters; trims dots and spaces; shortens long names keeping the extension. Empty becomes `file`.
    static func sanitized(_ raw: String?) -> String {
        let lastComponent = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars where isAllowed(scalar) { scalars.append(scalar) }
        var name = String(scalars).trimmingCharacters(
            in: CharacterSet(charactersIn: " .").union(.whitespacesAndNewlines))
        if name.count > maxLength {
            let ext = (name as NSString).pathExtension
            let keep = ext.isEmpty || ext.count > 10 ? "" : "." + ext
            name = String(name.prefix(maxLength - keep.count)) + keep
        }
        return name.isEmpty ? "file" : name
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: return false
        default: return !["\"", "\\", "/", ":", "*", "?", "<", ">", "|"].contains(Character(scalar))
        }
    }

    /// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266, RFC 8187).
    static func contentDisposition(_ disposition: DownloadDisposition, name: String) -> String {
        let ascii = String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "%" ? Character($0) : "_" })
        let allowed = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "\(disposition.rawValue); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
