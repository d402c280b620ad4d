package dev.syncdict.daemon.store;

import java.util.List;

/** What one write request or one tx changed, all under one revision, in the order it changed it. */
public record Commit(long revision, List<Change> changes) {}
