package dev.syncdict.shell.bench;

/** What a run measured against: the server, where it is, its process (-1 when unknown) and the load's shape. */
record Setup(String server, String address, long serverPid, Shape shape, long keys, int valueSize, int watchers) {}
