/// The values at which the writer switches to ZIP64 structures.
///
/// The standard limits are the largest values the classic 32-bit and 16-bit fields can
/// hold (the all-ones value is reserved as the "see ZIP64" marker). Tests pass lower
/// limits to exercise the ZIP64 path with small archives.
struct ZipLimits: Sendable {
    /// A size or offset at or above this is stored in a ZIP64 field.
    var sizeOrOffset: UInt64
    /// An entry count at or above this needs the ZIP64 end records.
    var entryCount: UInt64

    static let standard = ZipLimits(sizeOrOffset: 0xFFFF_FFFF, entryCount: 0xFFFF)

    init(sizeOrOffset: UInt64, entryCount: UInt64) {
        precondition(sizeOrOffset <= 0xFFFF_FFFF && entryCount <= 0xFFFF, "limits above the classic field widths")
        self.sizeOrOffset = sizeOrOffset
        self.entryCount = entryCount
    }

    func needsZip64(_ sizeOrOffset: UInt64) -> Bool { sizeOrOffset >= self.sizeOrOffset }
    func needsZip64(entryCount count: Int) -> Bool { UInt64(count) >= entryCount }
}
