extension QRCode {
    /// A standalone SVG image of the symbol: a white background and one black path.
    ///
    /// The view box counts modules, so the image scales cleanly; `width` and `height`
    /// are `moduleSize` pixels per module. It carries no `style` attribute and no script,
    /// so it renders under a strict Content Security Policy.
    ///
    /// - Parameters:
    ///   - moduleSize: pixels per module for the `width` and `height` attributes (at least 1).
    ///   - quietZone: light modules around the symbol; the standard asks for 4.
    ///   - title: accessible name, written as the image's `<title>`.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let moduleSize = max(1, moduleSize), quietZone = max(0, quietZone)
        let extent = size + 2 * quietZone
        var svg =
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(extent) \##(extent)" "##
            + ##"width="\##(extent * moduleSize)" height="\##(extent * moduleSize)" role="img" shape-rendering="crispEdges">"##
        if let title { svg += "<title>\(Self.xmlEscaped(title))</title>" }
        svg += ##"<rect width="\##(extent)" height="\##(extent)" fill="#fff"/>"##
        svg += ##"<path fill="#000" d="\##(svgPathData(quietZone: quietZone))"/></svg>"##
        return svg
    }

    /// The dark modules as SVG path data, in module units, inside a quiet zone of `quietZone` modules on each side
    /// (the symbol is then `size + 2 * quietZone` units wide): one `M x y h… v1 h… z` rectangle for each horizontal
    /// run of dark modules. For a page that draws the code with its own `<svg>` element.
    public func svgPathData(quietZone: Int = 4) -> String {
        let offset = max(0, quietZone)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while isDark(x: x, y: y) { x += 1 }
                path += "M\(start + offset) \(y + offset)h\(x - start)v1h-\(x - start)z"
            }
        }
        return path
    }

    /// Text escaped for XML character data and attribute values; characters XML 1.0
    /// does not allow (most C0 controls, U+FFFE, U+FFFF) are dropped.
    private static func xmlEscaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
