package dev.gatehouse.provider;

import dev.gatehouse.core.Provider;
/** A stored provider of one kind: its kind's settings around the shared {@link Provider} row. */
public interface ProviderRecord {
    Provider provider();
}
