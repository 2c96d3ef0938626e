/// The version of cvat-authcheck, written into every report and the HTTP User-Agent.
public enum ToolVersion {
    public static let current = "0.1.0"
}
