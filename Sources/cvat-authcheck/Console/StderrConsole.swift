import Foundation
import Synchronization

/// Standard error, shared by the progress line, log lines and notices so that they never garble each
/// other: a line is written above the progress line (which is cleared and drawn again after it), and
/// the progress line is redrawn in place with a carriage return.
final class StderrConsole: Sendable {
    private struct State {
        /// The progress line on screen, if any.
        var status: String?
    }

    private let state = Mutex(State())
    /// Standard error is a terminal (`\r` redraws work).
    let isTerminal: Bool
    /// Its width: the progress line is kept shorter so that it never wraps.
    let width: Int

    init(isTerminal: Bool, width: Int) {
        self.isTerminal = isTerminal
        self.width = width
    }

    /// Writes `text` and a newline, above the progress line.
    func line(_ text: String) {
        state.withLock { state in
            var output = state.status == nil ? "" : Self.clear
            output += text + "\n"
            if let status = state.status { output += status }
            Self.write(output)
        }
    }

    /// Shows `text` as the progress line (cut to the terminal's width), replacing the previous one.
    func setStatus(_ text: String) {
        let fitted = text.count < width ? text : String(text.prefix(max(1, width - 2))) + "…"
        state.withLock { state in
            guard state.status != fitted else { return }
            state.status = fitted
            Self.write(Self.clear + fitted)
        }
    }

    /// Removes the progress line, leaving the cursor at the start of an empty line.
    func clearStatus() {
        state.withLock { state in
            guard state.status != nil else { return }
            state.status = nil
            Self.write(Self.clear)
        }
    }

    /// Carriage return, then erase to the end of the line.
    static let clear = "\r\u{1B}[K"

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
