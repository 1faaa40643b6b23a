/// The URLs a page may link to or load: relative references (`/sign-in`, `?page=2`, `#main`) and absolute `http:`
/// and `https:` URLs. Anything else (`javascript:`, `data:`, `vbscript:`, a scheme-relative `//host`, control
/// characters a browser would strip to reveal a scheme) is replaced by `#`, a link to nowhere.
enum SafeURL {
    static let refused = "#"

    static func checked(_ url: String) -> String {
        isAllowed(url) ? url : refused
    }

    static func isAllowed(_ url: String) -> Bool {
        let scalars = url.unicodeScalars
        // Browsers drop tabs and newlines anywhere and spaces or controls at the ends before they parse a URL, so
        // `java\tscript:` is `javascript:`. None of these belong in a URL Parley writes.
        guard !scalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }) else { return false }
        // `//host/path` leaves this origin while looking relative.
        if url.hasPrefix("//") { return false }
        // A scheme is whatever precedes the first `:` that comes before any `/`, `?` or `#`.
        guard let colon = url.firstIndex(of: ":") else { return true }
        let beforeColon = url[..<colon]
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        let scheme = beforeColon.lowercased()
        guard scheme == "http" || scheme == "https" else { return false }
        return url[url.index(after: colon)...].hasPrefix("//")
    }
}
