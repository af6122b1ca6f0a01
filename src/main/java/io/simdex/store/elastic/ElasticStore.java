package io.simdex.store.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.KnnSearch;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.SearchType;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.TermvectorsResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.termvectors.Term;
import co.elastic.clients.elasticsearch.core.termvectors.TermVector;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.corpus.MetadataPredicate;
import io.simdex.corpus.Paper;
import io.simdex.store.PartialWriteException;
import io.simdex.store.StoreException;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.StoredPaper;
import io.simdex.store.VersionConflictException;
import io.simdex.store.WriteResult;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The collection in an Elasticsearch index: the papers with their versions, one vector each ({@code dense_vector},
 * dot product over unit vectors), their English terms for BM25, and their metadata as filterable fields. The only
 * class of simdex that talks to the cluster (with its helpers in this package).
 *
 * <p>Every write waits for a refresh ({@code refresh=wait_for}), so the next read sees it. Versions are simdex's
 * own (1 on create, one more per change), kept in the document and checked against it with
 * {@code if_seq_no}/{@code if_primary_term}, so two writers never both win. A failure to reach the cluster is a
 * {@link StoreException} naming it; the cluster coming back needs nothing from simdex.
 */
public final class ElasticStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticStore.class);
    /** _meta keys: the model the vectors come from, and the layout of the documents. */
    static final String META_MODEL = "simdex.model";
    static final String META_DIMENSION = "simdex.dimension";
    static final String META_FORMAT = "simdex.format";
    private static final String FORMAT = "1";
    private static final String FACT_PREFIX = "fact.";
    /** The most hits Elasticsearch returns from one search (its {@code index.max_result_window}). */
    public static final int MAX_HITS = 10_000;
    private static final int SCAN_PAGE = 1_000;
    private static final int WRITE_ATTEMPTS = 5;
    private static final long MERGE_POLL_MILLIS = 2_000;

    private final ElasticsearchClient client;
    private final ElasticOptions options;
    private final String model;
    private final int dimension;
    private final String index;
    private volatile boolean bulkLoading;

    private ElasticStore(ElasticsearchClient client, ElasticOptions options, String model, int dimension) {
        this.client = client;
        this.options = options;
        this.model = model;
        this.dimension = dimension;
        this.index = options.index();
    }

    /**
     * Connects, and creates the index (mapping, shards, replicas, the model in its {@code _meta}) when it does not
     * exist yet.
     *
     * @param model     the identity of the model whose vectors the index holds
     * @param dimension the model's vector dimension
     * @throws StoreException if the cluster cannot be reached, or the index was made for another model or by
     *                        something other than simdex
     */
    public static ElasticStore open(ElasticOptions options, String model, int dimension) {
        ElasticsearchClient client = Connection.client(options);
        var store = new ElasticStore(client, options, model, dimension);
        try {
            store.prepare();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Checks that the cluster answers, before the caller spends time on anything else (loading the model), and reads
     * which model the index's vectors come from: the identity in its {@code _meta}, or empty when the index does not
     * exist yet (or was not made by simdex, which {@link #open} then refuses).
     *
     * @throws StoreException naming the address and the reason when the cluster does not answer
     */
    public static Optional<String> modelOf(ElasticOptions options) {
        ElasticsearchClient client = Connection.client(options);
        var store = new ElasticStore(client, options, "", 0);
        try {
            health(client, options);
            boolean exists = store.call("check the index", () -> client.indices().exists(e -> e.index(
                    options.index()))).value();
            return exists ? Optional.ofNullable(store.meta().get(META_MODEL)) : Optional.empty();
        } finally {
            store.close();
        }
    }

    private static void health(ElasticsearchClient client, ElasticOptions options) {
        try {
            client.cluster().health(h -> h.timeout(t -> t.time("5s")));
        } catch (IOException | ElasticsearchException e) {
            throw new StoreException(unreachable(options, e), e);
        }
    }

    /** Why the cluster did not answer, and which setting to fix: the address, the sign-in or the certificate. */
    static String unreachable(ElasticOptions options, Exception e) {
        if (e instanceof ElasticsearchException es && es.status() == 401) {
            String signIn = options.apiKey().isPresent() ? "the key in elasticsearch.api-key"
                    : options.username().isPresent() ? "elasticsearch.username and elasticsearch.password"
                    : "no credentials";
            return "Elasticsearch at " + options.url() + " refused the sign-in with " + signIn + " (" + reason(e)
                    + "); set elasticsearch.api-key, or elasticsearch.username and elasticsearch.password, to"
                    + " credentials the cluster accepts";
        }
        if (untrustedCertificate(e)) {
            String trusted = options.caCertificate().map(path -> "the certificate in elasticsearch.ca-certificate ("
                    + path + ")").orElse("the JVM's trust store");
            return "Elasticsearch at " + options.url() + " presented a TLS certificate that " + trusted
                    + " does not vouch for (" + reason(e) + "); set elasticsearch.ca-certificate to the PEM"
                    + " certificate of the CA that signed the cluster's (or to the cluster's own)";
        }
        return "cannot reach Elasticsearch at " + options.url() + " (" + reason(e)
                + "); start the cluster or fix elasticsearch.url";
    }

    private void prepare() {
        health(client, options);
        boolean exists = call("check the index", () -> client.indices().exists(e -> e.index(index)))
                .value();
        if (!exists) {
            var meta = new LinkedHashMap<String, String>();
            meta.put(META_MODEL, model);
            meta.put(META_DIMENSION, String.valueOf(dimension));
            meta.put(META_FORMAT, FORMAT);
            String body = PaperDocuments.indexBody(dimension, options, meta);
            call("create the index", () -> client.indices().create(c -> c.index(index)
                    .withJson(new StringReader(body))));
            LOG.info("created Elasticsearch index {} at {} ({} shard(s), {} replica(s), vectors {})", index,
                    options.url(), options.shards(), options.replicas(), options.vectors().label());
            return;
        }
        Map<String, String> meta = meta();
        if (!FORMAT.equals(meta.get(META_FORMAT))) {
            throw new StoreException("Elasticsearch index " + index + " at " + options.url() + " was not made by"
                    + " simdex; choose another elasticsearch.index");
        }
        if (!model.equals(meta.get(META_MODEL))) {
            throw new StoreException("Elasticsearch index " + index + " holds vectors of model "
                    + meta.get(META_MODEL) + ", not of " + model + "; set elasticsearch.index to a new index for"
                    + " this model (vectors of two models cannot be compared)");
        }
    }

    /** The index's {@code _meta}: the model, the format, and the facts set with {@link #setFact}. */
    private Map<String, String> meta() {
        var mapping = call("read the index mapping", () -> client.indices().getMapping(g -> g.index(index)));
        var found = mapping.result().get(index);
        Map<String, JsonData> raw = found == null ? Map.of() : found.mappings().meta();
        var meta = new HashMap<String, String>();
        raw.forEach((key, value) -> meta.put(key, value.to(String.class)));
        return meta;
    }

    /** The settings this store was opened with. */
    public ElasticOptions options() {
        return options;
    }

    /** "index NAME at URL", for logs. */
    public String describe() {
        return "Elasticsearch index " + index + " at " + options.url();
    }

    /** Whether kNN answers are exact ({@code flat}) rather than approximate. */
    public boolean exact() {
        return options.vectors().exact();
    }

    /** Whether the cluster answers now and the index is there; never throws. */
    public boolean reachable() {
        try {
            return client.indices().exists(e -> e.index(index)).value();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** How many papers the index holds. */
    public long count() {
        return call("count the papers", () -> client.count(c -> c.index(index))).count();
    }

    /** {@link #count()} as an int, as the in-memory indexes count; at most {@link Integer#MAX_VALUE}. */
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, count());
    }

    /** Whether a paper is stored under {@code id} (false for a null or blank id); reads no document. */
    public boolean contains(String id) {
        if (id == null || id.isBlank()) {
            return false;
        }
        return call("look up paper '" + id + "'", () -> client.exists(e -> e.index(index).id(id))).value();
    }

    /** A fact kept in the index's {@code _meta}, such as where it was seeded from. */
    public Optional<String> fact(String key) {
        return Optional.ofNullable(meta().get(FACT_PREFIX + key));
    }

    /** Keeps a fact in the index's {@code _meta} (the other entries stay). */
    public void setFact(String key, String value) {
        Map<String, String> meta = meta();
        meta.put(FACT_PREFIX + key, value);
        var json = new HashMap<String, JsonData>();
        meta.forEach((k, v) -> json.put(k, JsonData.of(v)));
        call("keep a fact", () -> client.indices().putMapping(p -> p.index(index).meta(json)));
    }

    /**
     * A paper as the index holds it.
     *
     * @param stored      the paper with its version and timestamps
     * @param embedding   its vector (unit length), under this store's model
     * @param seqNo       the document's sequence number, for a conditional write
     * @param primaryTerm the document's primary term, for a conditional write
     */
    public record Current(StoredPaper stored, StoredEmbedding embedding, long seqNo, long primaryTerm) {
    }

    /** The paper under {@code id}, or empty. */
    public Optional<Current> get(String id) {
        GetResponse<ObjectNode> got = call("read paper '" + id + "'",
                () -> client.get(g -> g.index(index).id(id), ObjectNode.class));
        if (!got.found() || got.source() == null) {
            return Optional.empty();
        }
        return Optional.of(new Current(PaperDocuments.stored(got.source()),
                PaperDocuments.embedding(got.source(), model), got.seqNo(), got.primaryTerm()));
    }

    /** The papers under these ids that exist, by id. */
    public Map<String, Current> getAll(List<String> ids) {
        var found = new HashMap<String, Current>();
        if (ids.isEmpty()) {
            return found;
        }
        var response = call("read " + ids.size() + " papers",
                () -> client.mget(m -> m.index(index).ids(List.copyOf(new java.util.LinkedHashSet<>(ids))),
                        ObjectNode.class));
        for (var item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                var doc = item.result();
                found.put(doc.id(), new Current(PaperDocuments.stored(doc.source()),
                        PaperDocuments.embedding(doc.source(), model), doc.seqNo(), doc.primaryTerm()));
            }
        }
        return found;
    }

    /**
     * A paper to write.
     *
     * @param paper     the paper
     * @param embedding its vector under this store's model
     * @param terms     its English terms, separated by spaces, for BM25
     */
    public record Write(Paper paper, StoredEmbedding embedding, String terms) {
    }

    /**
     * Creates or replaces a paper, then waits until searches see it.
     *
     * @param expectedVersion the version the client last read; 0 means "must not exist yet"
     * @throws VersionConflictException if the stored version is not the expected one; nothing changes
     */
    public WriteResult put(Write write, Optional<Long> expectedVersion) {
        String id = write.paper().id();
        return conditionally(id, expectedVersion, "write paper '" + id + "'", current -> {
            if (current.isPresent() && current.get().stored().paper().equals(write.paper())) {
                return new WriteResult(WriteResult.Outcome.UNCHANGED, current.get().stored());
            }
            StoredPaper next = next(write.paper(), current);
            ObjectNode doc = PaperDocuments.document(next, write.embedding(), write.terms());
            client.index(i -> {
                i.index(index).id(id).document(doc).refresh(Refresh.WaitFor);
                return current.isPresent() ? i.ifSeqNo(current.get().seqNo())
                        .ifPrimaryTerm(current.get().primaryTerm()) : i.opType(OpType.Create);
            });
            return new WriteResult(current.isPresent() ? WriteResult.Outcome.REPLACED
                    : WriteResult.Outcome.CREATED, next);
        });
    }

    /** A write that holds only if the paper is still as read ({@code current}); throws 409 when it is not. */
    @FunctionalInterface
    private interface ConditionalWrite<T> {
        T apply(Optional<Current> current) throws IOException;
    }

    /**
     * Reads the paper, checks the expected version, and runs {@code write} on what was read; the write names that
     * read's {@code if_seq_no}/{@code if_primary_term}, so a writer in between makes it fail (409). Without an
     * expected version such a lost race is read and tried again, a few times; with one it is a conflict.
     */
    private <T> T conditionally(String id, Optional<Long> expectedVersion, String what, ConditionalWrite<T> write) {
        for (int attempt = 1; ; attempt++) {
            Optional<Current> current = get(id);
            long version = current.map(c -> c.stored().version()).orElse(0L);
            if (expectedVersion.isPresent() && expectedVersion.get() != version) {
                throw new VersionConflictException(id, expectedVersion.get(), version);
            }
            try {
                return write.apply(current);
            } catch (ElasticsearchException e) {
                if (e.status() != 409) {
                    throw failure(what, e);
                }
                if (expectedVersion.isPresent() || attempt == WRITE_ATTEMPTS) {
                    long now = get(id).map(c -> c.stored().version()).orElse(0L);
                    throw new VersionConflictException(id, expectedVersion.orElse(version), now);
                }
            } catch (IOException e) {
                throw failure(what, e);
            }
        }
    }

    /**
     * Creates or replaces papers in one bulk request (a later write of an id wins), then waits until searches see
     * them. Not all-or-none: Elasticsearch has no transactions.
     *
     * @return one result per write, in order
     * @throws PartialWriteException naming each paper that was not stored, with its reason
     */
    public List<WriteResult> putAll(List<Write> writes) {
        var last = new LinkedHashMap<String, Write>();
        writes.forEach(w -> last.put(w.paper().id(), w));
        Map<String, Current> current = getAll(List.copyOf(last.keySet()));
        var results = new LinkedHashMap<String, WriteResult>();
        var pending = new ArrayList<String>();
        var documents = new HashMap<String, ObjectNode>();
        for (Write write : last.values()) {
            String id = write.paper().id();
            Optional<Current> now = Optional.ofNullable(current.get(id));
            if (now.isPresent() && now.get().stored().paper().equals(write.paper())) {
                results.put(id, new WriteResult(WriteResult.Outcome.UNCHANGED, now.get().stored()));
                continue;
            }
            StoredPaper next = next(write.paper(), now);
            results.put(id, new WriteResult(now.isPresent() ? WriteResult.Outcome.REPLACED
                    : WriteResult.Outcome.CREATED, next));
            documents.put(id, PaperDocuments.document(next, write.embedding(), write.terms()));
            pending.add(id);
        }
        var failures = new LinkedHashMap<String, String>();
        if (!pending.isEmpty()) {
            var response = call("write " + pending.size() + " papers", () -> client.bulk(b -> {
                b.index(index).refresh(Refresh.WaitFor);
                for (String id : pending) {
                    b.operations(op -> op.index(i -> i.id(id).document(documents.get(id))));
                }
                return b;
            }));
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    failures.put(item.id(), item.error().type() + ": " + item.error().reason());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new PartialWriteException(last.size() - failures.size(), failures);
        }
        var ordered = new ArrayList<WriteResult>(writes.size());
        for (Write write : writes) {
            ordered.add(results.get(write.paper().id()));
        }
        return ordered;
    }

    /**
     * Imports papers through a {@link co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester}: unchanged
     * papers are skipped, the rest sent in bulk requests of up to 500.
     *
     * @return what became of each paper, in order (a later write of an id wins)
     * @throws PartialWriteException naming each paper that was not stored, after the rest were
     */
    public List<WriteResult> importAll(List<Write> writes) {
        return new Ingest(client, index).run(writes, this);
    }

    /** What {@link #importAll} writes for a paper, given what the index holds: null when it holds exactly this. */
    WriteResult planned(Write write, Optional<Current> current) {
        if (current.isPresent() && current.get().stored().paper().equals(write.paper())) {
            return new WriteResult(WriteResult.Outcome.UNCHANGED, current.get().stored());
        }
        return new WriteResult(current.isPresent() ? WriteResult.Outcome.REPLACED : WriteResult.Outcome.CREATED,
                next(write.paper(), current));
    }

    /**
     * Readies the index for a large load into it (a first fill): no periodic refresh, and no replicas to index
     * everything twice, until {@link #endBulkLoad}. Meanwhile {@link #importAll} leaves its papers unsearchable and
     * sends larger bulk requests.
     */
    public void beginBulkLoad() {
        call("ready the index for a bulk load", () -> client.indices().putSettings(p -> p.index(index)
                .settings(s -> s.refreshInterval(t -> t.time("-1")).numberOfReplicas("0"))));
        bulkLoading = true;
    }

    /**
     * Ends {@link #beginBulkLoad}: the refresh interval back to Elasticsearch's default of 1 s, the configured
     * replicas back, everything loaded made searchable, and then, with {@code maxSegments > 0}, the index merged
     * down to at most that many segments per shard (one HNSW graph per segment: fewer, larger graphs answer
     * faster). The merge can take minutes on millions of vectors; this waits for it.
     */
    public void endBulkLoad(int maxSegments) {
        bulkLoading = false;
        call("end a bulk load", () -> client.indices().putSettings(p -> p.index(index).settings(s -> s
                .refreshInterval(t -> t.time("1s")).numberOfReplicas(String.valueOf(options.replicas())))));
        refresh();
        if (maxSegments > 0) {
            String task = call("merge the index", () -> client.indices().forcemerge(f -> f.index(index)
                    .maxNumSegments((long) maxSegments).waitForCompletion(false))).task();
            while (!call("follow the merge", () -> client.tasks().get(g -> g.taskId(task))).completed()) {
                try {
                    Thread.sleep(MERGE_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while " + describe() + " was being merged", e);
                }
            }
            refresh();
        }
    }

    /** Whether a bulk load is under way: {@link Ingest} then neither refreshes nor keeps its requests small. */
    boolean bulkLoading() {
        return bulkLoading;
    }

    /** Makes every write so far visible to searches. */
    public void refresh() {
        call("refresh the index", () -> client.indices().refresh(r -> r.index(index)));
    }

    private static StoredPaper next(Paper paper, Optional<Current> current) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        return new StoredPaper(paper, current.map(c -> c.stored().version() + 1).orElse(1L),
                current.map(c -> c.stored().createdAt()).orElse(now), now);
    }

    /**
     * Deletes a paper, then waits until searches no longer see it.
     *
     * @param expectedVersion the version the client last read
     * @return false when there was no such paper (and no version was expected)
     * @throws VersionConflictException if the stored version is not the expected one; nothing changes
     */
    public boolean delete(String id, Optional<Long> expectedVersion) {
        return conditionally(id, expectedVersion, "delete paper '" + id + "'", current -> {
            if (current.isEmpty()) {
                return false;
            }
            var deleted = client.delete(d -> d.index(index).id(id).ifSeqNo(current.get().seqNo())
                    .ifPrimaryTerm(current.get().primaryTerm()).refresh(Refresh.WaitFor));
            return deleted.result() == Result.Deleted;
        });
    }

    /** A paper id with its score: cosine for kNN, BM25 for words. */
    public record Scored(String id, float score) {
    }

    /**
     * A kNN question.
     *
     * @param vector     the query (any length; sent at unit length)
     * @param k          hits wanted, 1..{@link #MAX_HITS}
     * @param exclude    ids that must not come back
     * @param minScore   the lowest cosine to return
     * @param conditions metadata conditions every hit meets
     */
    public record Nearest(float[] vector, int k, Set<String> exclude, float minScore,
                          List<MetadataPredicate.Condition> conditions) {
    }

    /**
     * A BM25 question over a text's English terms.
     *
     * @param terms      the distinct terms with how often each occurs (the boost of its clause)
     * @param k          hits wanted, 1..{@link #MAX_HITS}
     * @param exclude    ids that must not come back
     * @param conditions metadata conditions every hit meets
     */
    public record Words(List<Map.Entry<String, Integer>> terms, int k, Set<String> exclude,
                       List<MetadataPredicate.Condition> conditions) {
    }

    /** The nearest papers by cosine, best first. */
    public List<Scored> nearest(Nearest question) {
        SearchResponse<ObjectNode> response = call("search by vector", () -> client.search(s -> s.index(index)
                .knn(knn(question)).size(question.k()).source(src -> src.fetch(false)), ObjectNode.class));
        return cosines(response.hits().hits());
    }

    /** The papers that best match the words, by BM25 over the whole index's statistics, best first. */
    public List<Scored> matching(Words question) {
        if (question.terms().isEmpty()) {
            return List.of();
        }
        SearchResponse<ObjectNode> response = call("search by words", () -> client.search(s -> s.index(index)
                .searchType(SearchType.DfsQueryThenFetch).query(words(question)).size(question.k())
                .source(src -> src.fetch(false)), ObjectNode.class));
        return scores(response.hits().hits());
    }

    /**
     * What BM25's idf reads for some terms: how many papers hold the terms field, and how many hold each term.
     *
     * @param documents   papers with any term
     * @param frequencies per term asked, how many papers hold it (0 for none)
     */
    public record TermStatistics(long documents, Map<String, Long> frequencies) {
    }

    /**
     * The statistics of {@code terms} in the terms field, read by a term-vectors request for a document made of
     * them. They come from the shard such a document would live on, so with several shards they are that shard's
     * share, not the whole index's.
     */
    public TermStatistics termStatistics(Set<String> terms) {
        if (terms.isEmpty()) {
            return new TermStatistics(0, Map.of());
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put(PaperDocuments.TERMS, String.join(" ", terms));
        TermvectorsResponse response = call("read term statistics", () -> client.termvectors(t -> t.index(index)
                .doc(doc).fields(PaperDocuments.TERMS).termStatistics(true).fieldStatistics(true).positions(false)
                .offsets(false).payloads(false)));
        TermVector vector = response.termVectors().get(PaperDocuments.TERMS);
        var frequencies = new HashMap<String, Long>();
        terms.forEach(term -> frequencies.put(term, 0L));
        if (vector == null) {
            return new TermStatistics(0, Map.copyOf(frequencies));
        }
        for (Map.Entry<String, Term> term : vector.terms().entrySet()) {
            Integer docFreq = term.getValue().docFreq();
            frequencies.put(term.getKey(), docFreq == null ? 0L : docFreq.longValue());
        }
        long documents = vector.fieldStatistics() == null ? 0 : vector.fieldStatistics().docCount();
        return new TermStatistics(documents, Map.copyOf(frequencies));
    }

    /** Both rankings of a hybrid search, asked in one {@code _msearch}. */
    public record Both(List<Scored> byMeaning, List<Scored> byWords) {
    }

    /** {@link #nearest} and {@link #matching} in one round trip ({@code _msearch}). */
    public Both both(Nearest meaning, Words words) {
        if (words.terms().isEmpty()) {
            return new Both(nearest(meaning), List.of());
        }
        MsearchResponse<ObjectNode> response = call("search by vector and words", () -> client.msearch(m -> m
                .index(index)
                .searches(s -> s.header(h -> h).body(b -> b.knn(knn(meaning)).size(meaning.k())
                        .source(src -> src.fetch(false))))
                .searches(s -> s.header(h -> h.searchType(SearchType.DfsQueryThenFetch)).body(b -> b
                        .query(words(words)).size(words.k()).source(src -> src.fetch(false)))),
                ObjectNode.class));
        List<MultiSearchResponseItem<ObjectNode>> items = response.responses();
        return new Both(cosines(result(items.get(0))), scores(result(items.get(1))));
    }

    /**
     * The papers most like a text by its distinctive terms ({@code more_like_this} over the English terms: up to
     * 25 terms held by at least two papers, any one of which may match), best first.
     *
     * @param terms the text's English terms, separated by spaces
     */
    public List<Scored> moreLikeThis(String terms, int k, Set<String> exclude,
            List<MetadataPredicate.Condition> conditions) {
        if (terms.isBlank()) {
            return List.of();
        }
        Query like = Query.of(q -> q.moreLikeThis(m -> m.fields(PaperDocuments.TERMS).like(l -> l.text(terms))
                .minTermFreq(1).minDocFreq(2).maxQueryTerms(25).minimumShouldMatch("1")));
        List<Query> filters = MetadataQueries.filters(conditions, exclude);
        SearchResponse<ObjectNode> response = call("search by more like this", () -> client.search(s -> s
                .index(index).searchType(SearchType.DfsQueryThenFetch)
                .query(q -> q.bool(b -> b.must(like).filter(filters))).size(k).source(src -> src.fetch(false)),
                ObjectNode.class));
        return scores(response.hits().hits());
    }

    private KnnSearch knn(Nearest question) {
        var vector = new ArrayList<Float>(question.vector().length);
        for (float component : PaperDocuments.unit(question.vector())) {
            vector.add(component);
        }
        ElasticOptions.Knn settings = options.knn();
        List<Query> filters = MetadataQueries.filters(question.conditions(), question.exclude());
        return KnnSearch.of(k -> {
            k.field(PaperDocuments.VECTOR).queryVector(vector).k(question.k())
                    .numCandidates(settings.candidates(question.k())).filter(filters);
            if (settings.oversample() > 0f && !options.vectors().exact()) {
                // the int8 candidates scored again with the float32 vectors kept beside them
                k.rescoreVector(r -> r.oversample(settings.oversample()));
            }
            return question.minScore() > -1f ? k.similarity(question.minScore()) : k;
        });
    }

    private static Query words(Words question) {
        var should = new ArrayList<Query>(question.terms().size());
        for (Map.Entry<String, Integer> term : question.terms()) {
            should.add(Query.of(q -> q.term(t -> t.field(PaperDocuments.TERMS).value(FieldValue.of(term.getKey()))
                    .boost((float) term.getValue()))));
        }
        List<Query> filters = MetadataQueries.filters(question.conditions(), question.exclude());
        return Query.of(q -> q.bool(b -> b.should(should).minimumShouldMatch("1").filter(filters)));
    }

    private List<Hit<ObjectNode>> result(MultiSearchResponseItem<ObjectNode> item) {
        if (item.isFailure()) {
            throw new StoreException(describe() + " failed a search: " + item.failure().error().reason());
        }
        return item.result().hits().hits();
    }

    /** Dot-product scores are {@code (1 + cos) / 2}; back to cosines. */
    private static List<Scored> cosines(List<Hit<ObjectNode>> hits) {
        var out = new ArrayList<Scored>(hits.size());
        for (Hit<ObjectNode> hit : hits) {
            out.add(new Scored(hit.id(), (float) (2 * hit.score() - 1)));
        }
        return out;
    }

    private static List<Scored> scores(List<Hit<ObjectNode>> hits) {
        var out = new ArrayList<Scored>(hits.size());
        for (Hit<ObjectNode> hit : hits) {
            out.add(new Scored(hit.id(), hit.score() == null ? 0f : hit.score().floatValue()));
        }
        return out;
    }

    /**
     * Every paper with its vector, in id order, read through a point in time (a consistent view while writes go
     * on) page by page with {@code search_after}: memory for one page at a time.
     */
    public void forEach(Consumer<Current> action) {
        String pit = call("open a point in time", () -> client.openPointInTime(p -> p.index(index)
                .keepAlive(t -> t.time("2m")))).id();
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<ObjectNode> page = call("read the papers", () -> client.search(s -> {
                    s.pit(p -> p.id(pit).keepAlive(t -> t.time("2m"))).size(SCAN_PAGE)
                            .sort(so -> so.field(f -> f.field(PaperDocuments.ID).order(SortOrder.Asc)))
                            .seqNoPrimaryTerm(true);
                    return from == null ? s : s.searchAfter(from);
                }, ObjectNode.class));
                List<Hit<ObjectNode>> hits = page.hits().hits();
                for (Hit<ObjectNode> hit : hits) {
                    action.accept(new Current(PaperDocuments.stored(hit.source()),
                            PaperDocuments.embedding(hit.source(), model), hit.seqNo(), hit.primaryTerm()));
                }
                if (hits.size() < SCAN_PAGE) {
                    return;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            try {
                client.closePointInTime(c -> c.id(pit));
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not close a point in time; it expires by itself: {}", e.toString());
            }
        }
    }

    /** A call to the cluster. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    /** Runs a call; any failure becomes a {@link StoreException} that says what was asked of which cluster. */
    <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (IOException | ElasticsearchException e) {
            throw failure(what, e);
        }
    }

    private StoreException failure(String what, Exception e) {
        return new StoreException("cannot " + what + " in " + describe() + ": " + reason(e), e);
    }

    private static String reason(Exception e) {
        if (e instanceof ElasticsearchException es) {
            return es.status() + " " + es.error().type() + ": " + es.error().reason();
        }
        Throwable root = rootOf(e);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    /** Whether TLS failed because the cluster's certificate is not trusted, or not for this host. */
    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Closes the connection to the cluster; the index stays. */
    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            LOG.warn("could not close the connection to {}: {}", options.url(), e.toString());
        }
    }
}
