package dev.syncdict.shell.bench;

/**
 * One kind of request the load generator sends. Counters live under their own key prefix, as in
 * redis-benchmark, so that {@code -t set,incr} never adds to a string that {@code set} wrote.
 */
enum Operation {
    GET("key:"),
    SET("key:"),
    INCR("counter:");

    private final String keyPrefix;

    Operation(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    String keyPrefix() {
        return keyPrefix;
    }
}
