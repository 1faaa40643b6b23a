/// Chooses a set of non-overlapping matches from the candidates of all detectors.
///
/// Rules, in order:
/// 0. Escapes (literal copies of placeholders handed out earlier) are kept as they are.
/// 1. Known values are resolved among themselves first: earliest start wins, then the
///    longest match.
/// 2. Pattern candidates are resolved tier by tier (e-mail/card/IBAN before phone), each
///    tier earliest-then-longest, skipping candidates that overlap an accepted pattern.
/// 3. A pattern candidate that overlaps a known value is dropped, unless it strictly
///    contains every known value it touches. In that case the pattern wins, so that a
///    known first name inside an e-mail address does not leave the rest of the address
///    in clear text. A known value covering exactly the same text as a pattern keeps its
///    known label.
enum MatchResolver {
    /// Resolves the candidates into matches sorted by position.
    /// - Parameters:
    ///   - escapes: Literal placeholder tokens to re-encode; never overlapping.
    ///   - known: Candidates from ``KnownValueMatcher``.
    ///   - patternTiers: Pattern candidates grouped by tier, strongest tier first.
    ///   - textLength: The number of characters in the scanned text.
    static func resolve(
        escapes: [PIIMatch] = [],
        known: [PIIMatch],
        patternTiers: [[PIIMatch]],
        textLength: Int
    ) -> [PIIMatch] {
        var knownOwner = [Int](repeating: -1, count: textLength)
        var acceptedKnown: [PIIMatch] = []
        for candidate in escapes + known.sorted(by: PIIMatch.earliestThenLongest)
        where candidate.range.allSatisfy({ knownOwner[$0] < 0 }) {
            for offset in candidate.range { knownOwner[offset] = acceptedKnown.count }
            acceptedKnown.append(candidate)
        }

        var taken = [Bool](repeating: false, count: textLength)
        var superseded = Set<Int>()
        var acceptedPatterns: [PIIMatch] = []
        for tier in patternTiers {
            for candidate in tier.sorted(by: PIIMatch.earliestThenLongest)
            where !candidate.range.contains(where: { taken[$0] }) {
                var touched: [Int] = []
                for offset in candidate.range {
                    let owner = knownOwner[offset]
                    if owner >= 0, touched.last != owner { touched.append(owner) }
                }
                guard touched.allSatisfy({ candidate.strictlyContains(acceptedKnown[$0]) }) else {
                    continue
                }
                for offset in candidate.range { taken[offset] = true }
                superseded.formUnion(touched)
                acceptedPatterns.append(candidate)
            }
        }

        let keptKnown = acceptedKnown.indices
            .filter { !superseded.contains($0) }
            .map { acceptedKnown[$0] }
        return (keptKnown + acceptedPatterns).sorted(by: PIIMatch.earliestThenLongest)
    }
}
