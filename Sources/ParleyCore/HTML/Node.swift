/// A piece of an HTML document: an element, text, an attribute of the element it sits in, or a group of nodes.
///
/// Pages are built from these values and rendered once, at the end, by `render()`. Text and attribute values are
/// escaped while rendering, so no caller can forget to: `.p("Hello \(name)")` is safe whatever `name` holds.
/// Markup that must not be escaped goes in only through `Unsafe.trustedMarkup`.
///
///     .form(.method("post"), .action("/sign-in"),
///           .label(.for("email"), "Email"),
///           .input(.id("email"), .name("email"), .type("email")))
package struct Node: Sendable, ExpressibleByStringInterpolation {
    enum Kind: Sendable {
        case element(name: String, children: [Node])
        case void(name: String, children: [Node])
        case attribute(name: String, value: String?)
        case text(String)
        case trusted(String)
        case group([Node])
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// A string literal is text, escaped like any other.
    package init(stringLiteral value: String) { kind = .text(value) }

    /// Text, escaped when rendered.
    package static func text(_ text: String) -> Node { Node(.text(text)) }

    /// Several nodes side by side, with no element around them.
    package static func group(_ nodes: [Node]) -> Node { Node(.group(nodes)) }

    /// Nothing: for an optional part of a page that is absent.
    package static let empty = Node(.group([]))

    /// An element with children (attributes and content, in any order; attributes render in the order given).
    /// The name is fixed by the element functions in `Node+Elements.swift`, never taken from data.
    static func element(_ name: String, _ children: [Node]) -> Node { Node(.element(name: name, children: children)) }

    /// An element without content or end tag (`<input>`, `<meta>`), which takes attributes only.
    static func void(_ name: String, _ attributes: [Node]) -> Node { Node(.void(name: name, children: attributes)) }
}

extension Node {
    /// The document as HTML, in one pass.
    package func render() -> String {
        var out = ""
        out.reserveCapacity(4096)
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch kind {
        case .text(let text):
            HTMLEscaping.appendText(text, to: &out)
        case .trusted(let markup):
            out += markup
        case .group(let nodes):
            for node in nodes { node.render(into: &out) }
        case .attribute:
            // An attribute belongs to the element it sits in; outside one it has nothing to describe.
            break
        case .element(let name, let children):
            renderStartTag(name, children, into: &out)
            for child in children { child.render(into: &out) }
            out += "</" + name + ">"
        case .void(let name, let children):
            renderStartTag(name, children, into: &out)
        }
    }

    private func renderStartTag(_ name: String, _ children: [Node], into out: inout String) {
        out += "<" + name
        for child in children { child.renderAttributes(into: &out) }
        out += ">"
    }

    /// The attributes among an element's children, including those inside groups.
    private func renderAttributes(into out: inout String) {
        switch kind {
        case .attribute(let name, let value):
            out += " " + name
            if let value {
                out += "=\""
                HTMLEscaping.appendAttributeValue(value, to: &out)
                out += "\""
            }
        case .group(let nodes):
            for node in nodes { node.renderAttributes(into: &out) }
        default:
            break
        }
    }
}
