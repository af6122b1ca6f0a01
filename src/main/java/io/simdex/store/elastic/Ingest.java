package io.simdex.store.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.store.PartialWriteException;
import io.simdex.store.StoredPaper;
import io.simdex.store.WriteResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One import through the client's {@link BulkIngester}: unchanged papers are skipped, the rest are sent in bulk
 * requests of up to {@value #OPERATIONS} (two in flight), and every item the cluster refuses, or every item of a
 * request that failed whole, is collected with its reason and reported together once the rest are stored.
 */
final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    static final int OPERATIONS = 500;
    /** Bytes per bulk request outside a bulk load: the ingester's own default. */
    static final long BYTES = 5L << 20;
    /** Operations per bulk request during a bulk load: about 8 MB of 384-d documents. */
    static final int BULK_LOAD_OPERATIONS = 2_000;
    /** Bytes per bulk request during a bulk load. */
    static final long BULK_LOAD_BYTES = 16L << 20;

    private final ElasticsearchClient client;
    private final String index;
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    Ingest(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    List<WriteResult> run(List<ElasticStore.Write> writes, ElasticStore store) {
        var last = new LinkedHashMap<String, ElasticStore.Write>();
        writes.forEach(w -> last.put(w.paper().id(), w));
        Map<String, ElasticStore.Current> current = store.getAll(List.copyOf(last.keySet()));
        var results = new LinkedHashMap<String, WriteResult>();
        var listener = new BulkListener<String>() {
            @Override
            public void beforeBulk(long executionId, BulkRequest request, List<String> ids) {
            }

            @Override
            public void afterBulk(long executionId, BulkRequest request, List<String> ids, BulkResponse response) {
                for (BulkResponseItem item : response.items()) {
                    if (item.error() != null) {
                        failures.put(item.id(), item.error().type() + ": " + item.error().reason());
                    }
                }
            }

            @Override
            public void afterBulk(long executionId, BulkRequest request, List<String> ids, Throwable failure) {
                for (String id : ids) {
                    failures.put(id, "the bulk request failed: " + failure);
                }
            }
        };
        try (BulkIngester<String> ingester = BulkIngester.<String>of(b -> b.client(client)
                .maxOperations(store.bulkLoading() ? BULK_LOAD_OPERATIONS : OPERATIONS)
                .maxSize(store.bulkLoading() ? BULK_LOAD_BYTES : BYTES)
                .maxConcurrentRequests(2).listener(listener))) {
            for (ElasticStore.Write write : last.values()) {
                String id = write.paper().id();
                WriteResult planned = store.planned(write, Optional.ofNullable(current.get(id)));
                results.put(id, planned);
                if (planned.outcome() != WriteResult.Outcome.UNCHANGED) {
                    StoredPaper next = planned.stored();
                    ObjectNode doc = PaperDocuments.document(next, write.embedding(), write.terms());
                    ingester.add(op -> op.index(i -> i.index(index).id(id).document(doc)), id);
                }
            }
        }
        if (!store.bulkLoading()) {
            store.refresh();
        }
        if (!failures.isEmpty()) {
            failures.forEach((id, reason) -> LOG.error("paper '{}' was not stored: {}", id, reason));
            var ordered = new LinkedHashMap<String, String>();
            last.keySet().stream().filter(failures::containsKey).forEach(id -> ordered.put(id, failures.get(id)));
            throw new PartialWriteException(last.size() - ordered.size(), ordered);
        }
        var ordered = new ArrayList<WriteResult>(writes.size());
        for (ElasticStore.Write write : writes) {
            ordered.add(results.get(write.paper().id()));
        }
        return ordered;
    }
}
