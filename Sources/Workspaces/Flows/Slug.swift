import Foundation
import ParleyCore

/// A workspace's URL slug: 3 to 48 lowercase letters, digits and inner hyphens, not a reserved word.
enum Slug {
    static let reserved: Set<String> = [
        "api", "app", "admin", "www", "assets", "auth", "demo", "docs", "help", "mail",
        "parley", "setup", "sign-in", "sign-up", "static", "status", "support", "account",
    ]

    /// Nil when `text` is a valid slug; otherwise why not.
    static func problem(_ text: String) -> String? {
        guard (3...48).contains(text.count) else { return "must be 3 to 48 characters." }
        guard text.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            return "may hold only lowercase letters a–z, digits and hyphens."
        }
        guard text.first != "-", text.last != "-", !text.contains("--") else {
            return "must not start or end with a hyphen, or repeat one."
        }
        guard !reserved.contains(text) else { return "is reserved." }
        return nil
    }

    /// A slug made from a name, with a 40-bit random suffix so workspaces of the same name (every demo is a
    /// "Demo shop") do not collide: a trillion possibilities per name.
    static func make(from name: String, random: RandomSource) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var base = ""
        for character in folded {
            if ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                base.append(character)
            } else if base.last != "-", !base.isEmpty {
                base.append("-")
            }
        }
        base = String(base.prefix(36))
        while base.hasSuffix("-") { base.removeLast() }
        return (base.isEmpty ? "workspace" : base) + "-" + random.hexToken(byteCount: 5)
    }
}
