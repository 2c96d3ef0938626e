/// SplitMix64: a small deterministic generator, so every fuzz run is reproducible from its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Text mutations that tend to break parsers: structural characters, deletions, duplicated and
/// swapped lines, truncation, control characters, huge numbers.
enum Mutator {
    static let fragments = [
        ":", "- ", "  ", "\t", "[", "]", "{", "}", "&a", "*a", "!!binary", "'", "\"", "#", "\n", "\u{0}", "\u{FEFF}", "\r",
        "~", "null", "yes", "99999999999999999999", "-1", ">=", "<", "2.", ".48", "||", "%", "@", "\u{1F600}", "é", "\\", "---\n", "...\n",
    ]

    static func mutate(_ text: String, using random: inout SeededRandom) -> String {
        var characters = Array(text)
        var lines = text.components(separatedBy: "\n")
        switch Int.random(in: 0..<7, using: &random) {
        case 0 where !characters.isEmpty:
            let start = Int.random(in: 0..<characters.count, using: &random)
            let end = min(characters.count, start + Int.random(in: 1...20, using: &random))
            characters.removeSubrange(start..<end)
            return String(characters)
        case 1:
            let at = Int.random(in: 0...characters.count, using: &random)
            characters.insert(contentsOf: fragments.randomElement(using: &random)!, at: at)
            return String(characters)
        case 2 where lines.count > 1:
            let index = Int.random(in: 0..<lines.count, using: &random)
            lines.insert(lines[index], at: Int.random(in: 0...lines.count, using: &random))
            return lines.joined(separator: "\n")
        case 3 where lines.count > 1:
            lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random))
            return lines.joined(separator: "\n")
        case 4:
            return String(characters.prefix(Int.random(in: 0...characters.count, using: &random)))
        case 5 where !characters.isEmpty:
            let at = Int.random(in: 0..<characters.count, using: &random)
            characters[at] = Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &random)))
            return String(characters)
        default:
            let index = Int.random(in: 0..<max(1, lines.count), using: &random)
            if lines.indices.contains(index) { lines[index] = String(repeating: " ", count: Int.random(in: 0...6, using: &random)) + lines[index] }
            return lines.joined(separator: "\n")
        }
    }

    /// Applies 1–4 mutations.
    static func mutateSome(_ text: String, using random: inout SeededRandom) -> String {
        var result = text
        for _ in 0..<Int.random(in: 1...4, using: &random) { result = mutate(result, using: &random) }
        return result
    }

    static func randomString(using random: inout SeededRandom, alphabet: [Character], maxLength: Int) -> String {
        String((0..<Int.random(in: 0...maxLength, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }
}
