/// Measuring and wrapping console text that may hold ANSI colour sequences (`ESC [ … m`), which take
/// no room on the screen.
enum VisibleText {
    /// The columns `text` takes on a terminal: its characters, colour sequences not counted.
    static func width(_ text: String) -> Int { plain(text).count }

    /// `text` without colour sequences.
    static func plain(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for character in text {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `line` broken into lines of at most `width` columns (no limit when `nil`): at runs of spaces
    /// where possible (the run is dropped at a break, kept inside a line), inside a word only when the
    /// word alone is too long. The first line keeps its own indentation; the others start with
    /// `hangingIndent` spaces. Nothing is ever dropped but the spaces at a break.
    static func wrap(_ line: String, width: Int?, hangingIndent: Int = 0) -> [String] {
        guard let width, Self.width(line) > width else { return [line] }
        let indent = String(repeating: " ", count: max(0, min(hangingIndent, width - 10)))
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        var atLineStart = true
        for (offset, (spaces, word)) in segments(line).enumerated() {
            if offset == 0 {
                current = spaces
                currentWidth = spaces.count
            } else if currentWidth + spaces.count + Self.width(word) <= width {
                current += spaces
                currentWidth += spaces.count
            } else {
                lines.append(current)
                current = indent
                currentWidth = indent.count
                atLineStart = true
            }
            var rest = Substring(word)
            var restWidth = Self.width(word)
            while currentWidth + restWidth > width, atLineStart {
                let (head, tail) = split(rest, visible: max(1, width - currentWidth))
                lines.append(current + head)
                current = indent
                currentWidth = indent.count
                rest = tail
                restWidth = Self.width(String(tail))
            }
            current += rest
            currentWidth += restWidth
            atLineStart = false
        }
        lines.append(current)
        return lines
    }

    /// Runs of spaces and the word after each (the first run is the line's indentation).
    private static func segments(_ line: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var spaces = ""
        var word = ""
        for character in line {
            if character == " " {
                if !word.isEmpty {
                    result.append((spaces, word))
                    spaces = ""
                    word = ""
                }
                spaces.append(character)
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.append((spaces, word)) }
        return result
    }

    /// At most the first `visible` columns of `text` and the rest, never cutting a colour sequence: after
    /// the last `-`, `/`, `_`, `.` or `,` in reach when that keeps at least half the room, else exactly there.
    private static func split(_ text: Substring, visible: Int) -> (String, Substring) {
        var count = 0
        var inEscape = false
        var index = text.startIndex
        var lastBreak: (index: Substring.Index, count: Int)?
        while index < text.endIndex {
            let character = text[index]
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                if count == visible { break }
                count += 1
                if "-/_.,".contains(character) { lastBreak = (text.index(after: index), count) }
            }
            index = text.index(after: index)
        }
        if index < text.endIndex, let lastBreak, lastBreak.count * 2 >= visible { index = lastBreak.index }
        return (String(text[..<index]), text[index...])
    }
}
