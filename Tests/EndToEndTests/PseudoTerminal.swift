import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `cvat-authcheck` binary as it runs in a terminal window: standard output and
/// standard error on pseudo-terminals of a set size (each its own, so the two stay apart), or either
/// one on a pipe. What the terminal received is returned with its line endings as written (`\r\n` by
/// the terminal's line discipline, `\r` redraws kept).
enum PseudoTerminal {
    struct Result {
        var status: Int32
        /// Standard output as received, colour sequences and carriage returns included.
        var stdout: String
        var stderr: String

        /// The lines of standard output, `\r\n` turned into `\n`.
        var stdoutLines: [String] { stdout.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n") }
        var all: String { stdout + "\n" + stderr }
    }

    /// Where one stream of the child goes.
    enum Stream {
        /// A pseudo-terminal with this window size (`0` columns: a terminal that reports no width).
        case terminal(columns: Int)
        /// A pipe.
        case pipe
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments`, `stdin` from /dev/null; the environment is the test's, without the variables
    /// that change the console (`NO_COLOR`, `COLUMNS`, `CLICOLOR*`) or hold credentials, with
    /// `TERM=xterm-256color`, then `environment`.
    static func run(
        _ arguments: [String], stdout: Stream, stderr: Stream, environment: [String: String] = [:], directory: URL
    ) throws -> Result {
        let process = Process()
        process.executableURL = CLIProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for key in ["CVAT_USER", "CVAT_PASSWORD", "CVAT_ACCESS_TOKEN", "NO_COLOR", "COLUMNS", "LINES", "CLICOLOR", "CLICOLOR_FORCE"] {
            env[key] = nil
        }
        env["TERM"] = "xterm-256color"
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")

        var readers: [Int32] = []
        var childEnds: [Int32] = []
        for (stream, assign) in [
            (stdout, { (handle: FileHandle) in process.standardOutput = handle }),
            (stderr, { (handle: FileHandle) in process.standardError = handle }),
        ] {
            switch stream {
            case .terminal(let columns):
                let (master, slave) = try openTerminal(columns: columns)
                readers.append(master)
                childEnds.append(slave)
                assign(FileHandle(fileDescriptor: slave, closeOnDealloc: false))
            case .pipe:
                var ends: [Int32] = [0, 0]
                guard pipe(&ends) == 0 else { throw Failure(description: "pipe failed") }
                readers.append(ends[0])
                childEnds.append(ends[1])
                assign(FileHandle(fileDescriptor: ends[1], closeOnDealloc: false))
            }
        }
        defer { for descriptor in readers { close(descriptor) } }
        do {
            try process.run()
        } catch {
            for descriptor in childEnds { close(descriptor) }
            throw error
        }
        // Only the child holds the other ends now: reading stops when it exits (EOF on a pipe, EIO on a terminal).
        for descriptor in childEnds { close(descriptor) }
        let collected = readToEnd(readers)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: collected[0], as: UTF8.self),
            stderr: String(decoding: collected[1], as: UTF8.self))
    }

    /// A new pseudo-terminal pair whose window is `columns` wide and 40 rows high.
    static func openTerminal(columns: Int) throws -> (master: Int32, slave: Int32) {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure(description: "openpty failed (errno \(errno))") }
        return (master, slave)
    }

    /// What one reader thread collects; only that thread writes it, the caller reads it after the wait.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

    /// Everything readable from each descriptor until it ends, read at once so that neither side blocks.
    private static func readToEnd(_ descriptors: [Int32]) -> [Data] {
        let group = DispatchGroup()
        let boxes = descriptors.map { _ in Collected() }
        for (descriptor, box) in zip(descriptors, boxes) {
            group.enter()
            DispatchQueue.global().async {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = read(descriptor, &buffer, buffer.count)
                    if count > 0 {
                        box.data.append(contentsOf: buffer[0..<count])
                    } else if count < 0 && errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                group.leave()
            }
        }
        group.wait()
        return boxes.map(\.data)
    }
}
