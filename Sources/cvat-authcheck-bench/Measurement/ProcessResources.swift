import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process's resource use: peak and current resident memory from `/proc/self/status` (Linux) and
/// CPU time from `getrusage`.
struct ProcessResources: Hashable, Sendable, Codable {
    /// User + system CPU seconds used so far.
    var cpuSeconds: Double
    /// Peak resident set size in bytes (`VmHWM`; `ru_maxrss` where there is no /proc).
    var peakRSS: Int
    /// Current resident set size in bytes (`VmRSS`), 0 when unknown.
    var currentRSS: Int

    static func sample() -> ProcessResources {
        var usage = rusage()
        #if canImport(Glibc)
        _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        _ = getrusage(RUSAGE_SELF, &usage)
        #endif
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let fields = parseStatus(status)
        #if os(Linux)
        let maxRSS = Int(usage.ru_maxrss) * 1024
        #else
        let maxRSS = Int(usage.ru_maxrss)
        #endif
        return ProcessResources(cpuSeconds: cpu, peakRSS: fields["VmHWM"] ?? maxRSS, currentRSS: fields["VmRSS"] ?? 0)
    }

    /// The `kB` fields of a `/proc/<pid>/status` text, in bytes (`VmHWM:   12345 kB` → 12641280).
    static func parseStatus(_ text: String) -> [String: Int] {
        var fields: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let value = parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard value.count == 2, value[1] == "kB", let kilobytes = Int(value[0]) else { continue }
            fields[String(parts[0])] = kilobytes * 1024
        }
        return fields
    }
}
