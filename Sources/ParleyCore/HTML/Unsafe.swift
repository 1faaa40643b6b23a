/// The one way to put markup into a page without escaping.
///
/// Allowed only for a fixed snippet written in Parley's own source that the builder cannot express: the argument
/// is a `StaticString`, so no request data, database value or setting can ever reach it. Every use must be
/// reviewed as if it were a new element type; prefer adding an element to `Node+Elements.swift`.
/// Find every use with `grep -rn "Unsafe.trustedMarkup" Sources`.
package enum Unsafe {
    package static func trustedMarkup(_ markup: StaticString) -> Node {
        Node(.trusted(markup.description))
    }
}
