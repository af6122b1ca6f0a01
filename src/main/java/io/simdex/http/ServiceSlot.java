package io.simdex.http;

import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.PaperCollection;
import io.simdex.map.MapService;
import io.simdex.search.SearchService;

import java.util.Objects;

/**
 * The services the routes answer with, set once they are loaded: a server can listen (and say it is alive)
 * before its collection and model are ready, and answers 503 until then.
 */
final class ServiceSlot {

    /** What the routes use; {@code collection} is null for a read-only API. */
    record Services(SearchService search, DuplicateService duplicates, PaperCollection collection, MapService map) {
        Services {
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(duplicates, "duplicates");
            Objects.requireNonNull(map, "map");
        }

        /** The services with a map of the papers {@code search} answers from, recomputed as the collection changes. */
        Services(SearchService search, DuplicateService duplicates, PaperCollection collection) {
            this(search, duplicates, collection, collection == null ? MapService.fixed(search.indexed())
                    : new MapService(collection.indexed(), collection::changes));
        }
    }

    /** Raised by a route while the services are loading; answered with 503 and Retry-After. */
    static final class NotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReady() {
            super("simdex is starting: it is loading the collection and the model; retry in a few seconds (GET"
                    + " /readyz answers 200 once it is ready)", null, false, false);
        }
    }

    private volatile Services services;

    /** A slot filled from the start. */
    static ServiceSlot of(Services services) {
        var slot = new ServiceSlot();
        slot.fill(services);
        return slot;
    }

    void fill(Services loaded) {
        this.services = Objects.requireNonNull(loaded, "services");
    }

    boolean ready() {
        return services != null;
    }

    /** @throws NotReady while the services are loading */
    Services get() {
        Services loaded = services;
        if (loaded == null) {
            throw new NotReady();
        }
        return loaded;
    }
}
