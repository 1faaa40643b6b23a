/// A CIDR block of the IANA special-purpose registries (REFERENCE §4), with its name for error messages.
struct AddressBlock: Sendable {
    let prefix: [UInt8]
    let length: Int
    let name: String

    /// `"10.0.0.0/8"` or `"fc00::/7"`; the tables are literals, so a malformed one is a programming error.
    init(_ cidr: String, _ name: String) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let length = Int(parts[1]) else {
            preconditionFailure("malformed block \(cidr)")
        }
        self.prefix = address.bytes
        self.length = length
        self.name = name
    }

    func contains(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == prefix.count else { return false }
        var remaining = length
        for index in prefix.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != prefix[index] & mask { return false }
            remaining -= bits
        }
        return true
    }
}
