package dev.syncdict.protocol;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where syncdict keeps its files, following the XDG base directories so that instances can be
 * isolated by setting XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME and XDG_RUNTIME_DIR.
 */
public final class Locations {

    private final Path config;
    private final Path data;
    private final Path state;
    private final Path runtime;

    private Locations(Path config, Path data, Path state, Path runtime) {
        this.config = config;
        this.data = data;
        this.state = state;
        this.runtime = runtime;
    }

    /** The locations for this environment (pass System.getenv()). */
    public static Locations of(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Path state = base(env, "XDG_STATE_HOME", home.resolve(".local/state"));
        String runtime = env.get("XDG_RUNTIME_DIR");
        return new Locations(
                base(env, "XDG_CONFIG_HOME", home.resolve(".config")),
                base(env, "XDG_DATA_HOME", home.resolve(".local/share")),
                state,
                runtime == null || runtime.isEmpty() ? state : Path.of(runtime).resolve("syncdict"));
    }

    private static Path base(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        // The XDG spec says a relative path is invalid and must be ignored.
        return (value == null || !value.startsWith("/") ? fallback : Path.of(value)).resolve("syncdict");
    }

    /** The token shared by the daemon and the same user's clients. */
    public Path tokenFile() {
        return config.resolve("token");
    }

    /** The daemon's data folder: its write-ahead log and snapshots. */
    public Path dataDir() {
        return data;
    }

    /** The shell's command history. */
    public Path historyFile() {
        return state.resolve("history");
    }

    /** The log of a daemon started in the background. */
    public Path logFile() {
        return state.resolve("syncdictd.log");
    }

    /** The pid of a daemon started in the background. */
    public Path pidFile() {
        return state.resolve("syncdictd.pid");
    }

    /** Held while a shell starts a daemon, so that two shells started together start one daemon. */
    public Path autostartLock() {
        return runtime.resolve("autostart.lock");
    }
}
