package dev.syncdict.daemon.wal;

/** When the log's appends reach the disk, as Redis's {@code appendfsync}. */
public enum FsyncPolicy {
    /** Before any reply of the group leaves: one fsync per group (group commit). */
    ALWAYS("always"),
    /** Once a second, on a thread of its own: a power loss costs at most about a second. */
    EVERYSEC("everysec"),
    /** When the operating system decides. */
    NO("no");

    private final String optionName;

    FsyncPolicy(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    @Override
    public String toString() {
        return optionName;
    }
}
