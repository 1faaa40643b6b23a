/// The module grid of one symbol, and which modules belong to function patterns
/// (finder, separator, timing and alignment patterns, format and version information).
struct QRMatrix: Equatable {
    let version: Int
    let size: Int
    /// Row-major, `true` is dark.
    private(set) var modules: [Bool]
    private var isFunction: [Bool]

    /// A grid with the function patterns drawn, the format and version information areas
    /// and the dark module reserved (light for now), and every data module light.
    init(version: Int) {
        self.version = version
        size = QRVersionTable.size(version: version)
        modules = Array(repeating: false, count: size * size)
        isFunction = modules
        drawTimingPatterns()
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinderPattern(centreX: x, centreY: y) }
        drawAlignmentPatterns()
        for bit in 0..<15 { for (x, y) in formatBitPositions(bit) { setFunction(x: x, y: y, dark: false) } }
        setFunction(x: darkModule.x, y: darkModule.y, dark: false)
        if version >= 7 {
            for bit in 0..<18 { for (x, y) in versionBitPositions(bit) { setFunction(x: x, y: y, dark: false) } }
        }
    }

    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// Flips every data module for which `condition(x, y)` holds.
    mutating func invertDataModules(where condition: (_ x: Int, _ y: Int) -> Bool) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && condition(x, y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// Places the codewords, most significant bit first, in two-module-wide columns from
    /// the right edge, alternately upwards and downwards, skipping the vertical timing
    /// pattern and every function module (ISO/IEC 18004, 7.7.3). Modules left over
    /// (remainder bits) stay light.
    mutating func place(_ codewords: [UInt8]) {
        var bitIndex = 0
        let bitCount = codewords.count * 8
        var upward = true
        var right = size - 1
        while right > 0 {
            if right == 6 { right = 5 }  // the column of the vertical timing pattern
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] && bitIndex < bitCount {
                    let byte = codewords[bitIndex / 8]
                    modules[y * size + x] = (byte >> UInt8(7 - bitIndex % 8)) & 1 == 1
                    bitIndex += 1
                }
            }
            upward.toggle()
            right -= 2
        }
    }

    private mutating func drawTimingPatterns() {
        for i in 0..<size {
            setFunction(x: 6, y: i, dark: i % 2 == 0)
            setFunction(x: i, y: 6, dark: i % 2 == 0)
        }
    }

    /// The 7×7 finder pattern and its light separator, clipped at the symbol's edge.
    private mutating func drawFinderPattern(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern at every pairing of the version's centre coordinates,
    /// except the three that would overlap finder patterns.
    private mutating func drawAlignmentPatterns() {
        let centres = QRVersionTable.alignmentPatternCentres(version: version)
        guard let first = centres.first, let last = centres.last else { return }
        for centreY in centres {
            for centreX in centres {
                if (centreX == first && centreY == first) || (centreX == first && centreY == last)
                    || (centreX == last && centreY == first)
                {
                    continue
                }
                for dy in -2...2 {
                    for dx in -2...2 {
                        setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
    }
}
