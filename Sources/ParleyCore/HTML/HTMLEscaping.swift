/// The escaping the page builder applies while rendering. Internal to ParleyCore on purpose: page code builds
/// `Node`s and never escapes by hand. (The mail templates in this module use it for their own HTML, whose inline
/// styles mail clients need and pages may not have.)
enum HTMLEscaping {
    /// Text content: `&`, `<` and `>` (quotes too, so the same text is safe in any context).
    static func appendText(_ text: String, to out: inout String) {
        appendEscaped(text, to: &out)
    }

    /// A double-quoted attribute value.
    static func appendAttributeValue(_ value: String, to out: inout String) {
        appendEscaped(value, to: &out)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        appendEscaped(text, to: &out)
        return out
    }

    private static func appendEscaped(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // NUL is a parse error in HTML; it never belongs in a page.
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
