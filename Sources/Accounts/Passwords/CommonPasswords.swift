/// The 10,000 most common passwords, in rank order (`Resources/common-passwords.txt`): the first 10,000 of the
/// "passwords" frequency list that ships with zxcvbn 4.5.0 (PyPI `zxcvbn`, zxcvbn/frequency_lists.py, MIT
/// licence), all lower-case ASCII. The list is compiled into the binary, so nothing is read at run time.
enum CommonPasswords {
    /// Whether `lowercased` is on the list.
    static func contains(_ lowercased: String) -> Bool { set.contains(lowercased) }

    private static let set: Set<String> = Set(
        String(decoding: PackageResources.common_passwords_txt, as: UTF8.self).split(separator: "\n").map(String.init))
}
