package dev.syncdict.daemon.store;

/** The in-memory dictionary keeps the store contract. */
class InMemoryStoreTest extends StoreContract {

    @Override
    Store newStore() {
        return new TreeStore(new Dictionary(true));
    }
}
