/// Attributes. Each has a fixed name; values are always quoted and escaped. There is deliberately no `style` and no
/// `on…` event handler attribute: the Content-Security-Policy refuses inline style and script anyway.
extension Node {
    static func attribute(_ name: String, _ value: String?) -> Node { Node(.attribute(name: name, value: value)) }

    package static func id(_ value: String) -> Node { attribute("id", value) }
    package static func `class`(_ value: String) -> Node { attribute("class", value) }
    package static func lang(_ value: String) -> Node { attribute("lang", value) }
    package static func hidden() -> Node { attribute("hidden", nil) }

    // Links and resources: only relative URLs and http(s) (see `SafeURL`).
    package static func href(_ url: String) -> Node { attribute("href", SafeURL.checked(url)) }
    package static func src(_ url: String) -> Node { attribute("src", SafeURL.checked(url)) }
    package static func action(_ url: String) -> Node { attribute("action", SafeURL.checked(url)) }
    package static func rel(_ value: String) -> Node { attribute("rel", value) }
    package static func alt(_ value: String) -> Node { attribute("alt", value) }
    package static func width(_ value: Int) -> Node { attribute("width", String(value)) }
    package static func height(_ value: Int) -> Node { attribute("height", String(value)) }
    package static func `defer`() -> Node { attribute("defer", nil) }
    package static func async() -> Node { attribute("async", nil) }
    package static func charset(_ value: String) -> Node { attribute("charset", value) }
    package static func name(_ value: String) -> Node { attribute("name", value) }
    package static func content(_ value: String) -> Node { attribute("content", value) }
    package static func datetime(_ value: String) -> Node { attribute("datetime", value) }

    // Forms.
    package static func method(_ value: String) -> Node { attribute("method", value) }
    package static func type(_ value: String) -> Node { attribute("type", value) }
    package static func value(_ value: String) -> Node { attribute("value", value) }
    package static func `for`(_ id: String) -> Node { attribute("for", id) }
    package static func autocomplete(_ value: String) -> Node { attribute("autocomplete", value) }
    package static func inputmode(_ value: String) -> Node { attribute("inputmode", value) }
    package static func pattern(_ value: String) -> Node { attribute("pattern", value) }
    package static func maxlength(_ value: Int) -> Node { attribute("maxlength", String(value)) }
    package static func minlength(_ value: Int) -> Node { attribute("minlength", String(value)) }
    package static func required() -> Node { attribute("required", nil) }
    package static func checked() -> Node { attribute("checked", nil) }
    package static func readonly() -> Node { attribute("readonly", nil) }
    package static func min(_ value: Int) -> Node { attribute("min", String(value)) }
    package static func max(_ value: Int) -> Node { attribute("max", String(value)) }
    package static func selected() -> Node { attribute("selected", nil) }
    package static func novalidate() -> Node { attribute("novalidate", nil) }

    // SVG.
    package static func viewBox(width: Int, height: Int) -> Node { attribute("viewBox", "0 0 \(width) \(height)") }
    package static func fill(_ color: String) -> Node { attribute("fill", color) }
    /// Path data (`M0 0h1v1h-1z`): only the letters, digits, signs and spaces of SVG path commands.
    package static func d(_ pathData: String) -> Node {
        attribute("d", pathData.allSatisfy { "MmHhVvZzLl0123456789 -.,".contains($0) } ? pathData : "")
    }

    // Tables and accessibility.
    package static func scope(_ value: String) -> Node { attribute("scope", value) }
    package static func role(_ value: String) -> Node { attribute("role", value) }
    package static func tabindex(_ value: Int) -> Node { attribute("tabindex", String(value)) }

    /// `aria-NAME`, e.g. `.aria("describedby", "email-error")`. The name must be lowercase letters.
    package static func aria(_ name: String, _ value: String) -> Node { attribute("aria-" + checkedName(name), value) }

    /// `data-NAME`, read by Parley's own scripts. The name must be lowercase letters, digits and `-`.
    package static func data(_ name: String, _ value: String) -> Node { attribute("data-" + checkedName(name), value) }

    /// Attribute names come from code, never from data; a malformed one is a programming error.
    private static func checkedName(_ name: String) -> String {
        precondition(
            !name.isEmpty
                && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" },
            "attribute name \(name) is not lowercase letters, digits and '-'")
        return name
    }
}
