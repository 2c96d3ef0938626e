import Foundation

/// Turns element 0 of a manifest's `command` (or `prepare`) into the path of an executable file.
public enum ExecutableLookup {
    /// Finds `program` on `PATH` (from `environment`) or, when it contains a `/`, relative to `directory`.
    ///
    /// - Returns: the path of an executable file, or `nil`.
    public static func resolve(_ program: String, directory: String, environment: [String: String]) -> String? {
        let manager = FileManager.default
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : (directory as NSString).appendingPathComponent(program)
            return manager.isExecutableFile(atPath: path) ? path : nil
        }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let path = (String(folder) as NSString).appendingPathComponent(program)
            if manager.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
