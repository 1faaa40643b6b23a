/// Data masks (ISO/IEC 18004, 7.8.2) and the penalty rules that choose one (7.8.3).
extension QRMatrix {
    static let maskPatterns = 0...7

    /// Whether mask `mask` inverts the module in row `y`, column `x`.
    static func maskInverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (y + x) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (y + x) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: (y * x) % 2 + (y * x) % 3 == 0
        case 6: ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }

    mutating func applyMask(_ mask: Int) {
        invertDataModules { x, y in Self.maskInverts(mask, x: x, y: y) }
    }

    /// The mask with the lowest penalty (the lowest numbered one on a tie). Each mask is
    /// scored before the format and version information are written, as they depend on
    /// the mask; their areas and the dark module count as light.
    func bestMask() -> Int {
        let scores = Self.maskPatterns.map { mask in
            var candidate = self
            candidate.applyMask(mask)
            return candidate.penalty()
        }
        return scores.indices.min { scores[$0] < scores[$1] }!
    }

    /// The sum of the four penalty scores N1–N4 over rows and columns.
    func penalty() -> Int {
        var score = 0
        for i in 0..<size {
            let row = (0..<size).map { self[$0, i] }
            let column = (0..<size).map { self[i, $0] }
            score += Self.runPenalty(row) + Self.finderLikePenalty(row)
            score += Self.runPenalty(column) + Self.finderLikePenalty(column)
        }
        return score + Self.blockPenalty(modules, size: size)
            + Self.balancePenalty(darkModules: modules.count { $0 }, totalModules: modules.count)
    }

    /// N1: 3 points for each run of 5 same-coloured modules, plus 1 per extra module.
    static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0, run = 0
        for (index, dark) in line.enumerated() {
            run = index > 0 && line[index - 1] == dark ? run + 1 : 1
            let runEnds = index == line.count - 1 || line[index + 1] != dark
            if runEnds && run >= 5 { score += 3 + run - 5 }
        }
        return score
    }

    /// N3: 40 points for each dark-light-dark-dark-dark-light-dark (1:1:3:1:1) pattern with
    /// four light modules before or after it; beyond the edge counts as light. Every
    /// occurrence counts, also two that share an end module.
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let pattern = [true, false, true, true, true, false, true]
        guard line.count >= pattern.count else { return 0 }
        func isLight(_ range: Range<Int>) -> Bool {
            range.allSatisfy { !line.indices.contains($0) || !line[$0] }
        }
        var score = 0
        for start in 0...(line.count - pattern.count)
        where line[start..<start + pattern.count].elementsEqual(pattern) {
            if isLight(start - 4..<start) || isLight(start + 7..<start + 11) { score += 40 }
        }
        return score
    }

    /// N2: 3 points for each 2×2 block of one colour (overlapping blocks all count), in a
    /// row-major square grid.
    static func blockPenalty(_ modules: [Bool], size: Int) -> Int {
        var score = 0
        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let colour = modules[y * size + x]
                if modules[y * size + x + 1] == colour && modules[(y + 1) * size + x] == colour
                    && modules[(y + 1) * size + x + 1] == colour
                {
                    score += 3
                }
            }
        }
        return score
    }

    /// N4: 10 points for each full 5 % step the dark proportion lies away from 50 %.
    static func balancePenalty(darkModules: Int, totalModules: Int) -> Int {
        10 * (abs(darkModules * 20 - totalModules * 10) / totalModules)
    }
}
