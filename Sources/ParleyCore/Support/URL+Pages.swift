import Foundation

extension URL {
    /// The absolute address of this instance's page at `path` (which starts with `/`), for a public URL with or
    /// without a trailing slash.
    package func page(_ path: String) -> String {
        let base = absoluteString.hasSuffix("/") ? String(absoluteString.dropLast()) : absoluteString
        return base + path
    }

    /// A mailed link to a page, its token after `#` so that no server log ever records it.
    package func page(_ path: String, token: String) -> String {
        page(path) + "#token=" + token
    }
}
