package dev.syncdict.shell.bench;

/** How the load is shaped: connections, requests in flight on each, and the threads that drive them. */
record Shape(int clients, int pipeline, int threads) {}
