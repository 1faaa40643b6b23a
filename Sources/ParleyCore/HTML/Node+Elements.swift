/// Elements. Each takes its attributes and content as one list, in any order: `.p(.class("hint"), "Text")`.
/// There is no `<style>` and no inline `<script>`: the Content-Security-Policy allows neither.
extension Node {
    /// `<!doctype html>` and the `<html>` element.
    package static func document(_ children: Node...) -> Node {
        .group([Node(.trusted("<!doctype html>\n")), element("html", children)])
    }

    package static func head(_ children: Node...) -> Node { element("head", children) }
    package static func body(_ children: Node...) -> Node { element("body", children) }
    package static func title(_ text: String) -> Node { element("title", [.text(text)]) }
    package static func meta(_ attributes: Node...) -> Node { void("meta", attributes) }
    package static func link(_ attributes: Node...) -> Node { void("link", attributes) }

    /// A script loaded from `src`; scripts have no inline content.
    package static func script(src: String, defer deferred: Bool = true, async isAsync: Bool = false) -> Node {
        element("script", [.src(src), deferred ? .defer() : .empty, isAsync ? .async() : .empty])
    }

    // Sections.
    package static func header(_ children: Node...) -> Node { element("header", children) }
    package static func main(_ children: Node...) -> Node { element("main", children) }
    package static func footer(_ children: Node...) -> Node { element("footer", children) }
    package static func nav(_ children: Node...) -> Node { element("nav", children) }
    package static func section(_ children: Node...) -> Node { element("section", children) }
    package static func div(_ children: Node...) -> Node { element("div", children) }
    package static func h1(_ children: Node...) -> Node { element("h1", children) }
    package static func h2(_ children: Node...) -> Node { element("h2", children) }
    package static func ol(_ children: Node...) -> Node { element("ol", children) }

    // Text.
    package static func p(_ children: Node...) -> Node { element("p", children) }
    package static func a(_ children: Node...) -> Node { element("a", children) }
    package static func strong(_ children: Node...) -> Node { element("strong", children) }
    package static func em(_ children: Node...) -> Node { element("em", children) }
    package static func small(_ children: Node...) -> Node { element("small", children) }
    package static func span(_ children: Node...) -> Node { element("span", children) }
    package static func code(_ children: Node...) -> Node { element("code", children) }
    package static func time(_ children: Node...) -> Node { element("time", children) }
    package static func img(_ attributes: Node...) -> Node { void("img", attributes) }
    package static func ul(_ children: Node...) -> Node { element("ul", children) }
    package static func li(_ children: Node...) -> Node { element("li", children) }
    package static func noscript(_ children: Node...) -> Node { element("noscript", children) }
    package static func dl(_ children: Node...) -> Node { element("dl", children) }
    package static func dt(_ children: Node...) -> Node { element("dt", children) }
    package static func dd(_ children: Node...) -> Node { element("dd", children) }
    /// How much of a limit is used, drawn as a bar (`<meter>`). The figure itself stays in the text next to it.
    package static func usageMeter(used: Int, allowed: Int, label: String) -> Node {
        element(
            "meter",
            [
                .attribute("min", "0"), .attribute("max", String(Swift.max(1, allowed))),
                .attribute("value", String(Swift.min(used, Swift.max(1, allowed)))), .attribute("aria-label", label),
            ])
    }

    // Forms.
    package static func form(_ children: Node...) -> Node { element("form", children) }
    package static func fieldset(_ children: Node...) -> Node { element("fieldset", children) }
    package static func legend(_ children: Node...) -> Node { element("legend", children) }
    package static func label(_ children: Node...) -> Node { element("label", children) }
    package static func input(_ attributes: Node...) -> Node { void("input", attributes) }
    package static func button(_ children: Node...) -> Node { element("button", children) }
    package static func select(_ children: Node...) -> Node { element("select", children) }
    package static func option(_ children: Node...) -> Node { element("option", children) }
    package static func progress(_ children: Node...) -> Node { element("progress", children) }

    // Inline SVG drawings (a QR code): the shapes' geometry is computed by Parley's own code.
    package static func svg(_ children: Node...) -> Node { element("svg", children) }
    package static func rect(_ attributes: Node...) -> Node { element("rect", attributes) }
    package static func path(_ attributes: Node...) -> Node { element("path", attributes) }

    // Tables.
    package static func table(_ children: Node...) -> Node { element("table", children) }
    package static func thead(_ children: Node...) -> Node { element("thead", children) }
    package static func tbody(_ children: Node...) -> Node { element("tbody", children) }
    package static func tr(_ children: Node...) -> Node { element("tr", children) }
    package static func th(_ children: Node...) -> Node { element("th", children) }
    package static func td(_ children: Node...) -> Node { element("td", children) }
}

extension Node {
    /// A list of nodes, e.g. one table row per item: `.group(sessions.map(row))`.
    package static func group(_ nodes: Node...) -> Node { .group(nodes) }

    /// `node` when `condition` holds, else nothing.
    package static func when(_ condition: Bool, _ node: @autoclosure () -> Node) -> Node { condition ? node() : .empty }
}
