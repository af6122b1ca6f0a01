package io.simdex.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import io.simdex.api.ApiResponses;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.CorpusProblem;
import io.simdex.corpus.Paper;
import io.simdex.corpus.PaperInput;
import io.simdex.dedup.Band;
import io.simdex.dedup.DuplicateCheck;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.PaperCollection;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.StoredPaper;
import io.simdex.store.VersionConflictException;
import io.simdex.store.WriteResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The write endpoints: create, replace and delete papers, bulk writes, snapshots. Every one needs the API key
 * ({@link WriteGuard}); each is acknowledged only once the store committed it and the indexes show it.
 */
final class WriteRoutes {

    static final String BULK_PATH = "/api/papers/_bulk";

    private static final DateTimeFormatter SNAPSHOT_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Held while a snapshot is named and written, so that two at once never pick the same name. */
    private final Object snapshotting = new Object();

    private final ServiceSlot slot;
    private final HttpOptions limits;
    private final WriteGuard guard;
    private final ObjectMapper mapper;
    private final EncodeGate gate;

    WriteRoutes(ServiceSlot slot, HttpOptions limits, ObjectMapper mapper, EncodeGate gate) {
        this.slot = slot;
        this.limits = limits;
        this.guard = new WriteGuard(limits.apiKey());
        this.mapper = mapper;
        this.gate = gate;
    }

    /** The write endpoints of a read-only API: each answers as writes with no key set do (403). */
    static void registerOff(JavalinConfig config) {
        var off = new WriteGuard("");
        config.routes.put("/api/papers/{id}", off::check);
        config.routes.delete("/api/papers/{id}", off::check);
        config.routes.post(BULK_PATH, off::check);
        config.routes.post("/api/snapshots", off::check);
    }

    private DuplicateService duplicates() {
        return slot.get().duplicates();
    }

    /** The collection writes go to; a read-only API registers {@link #registerOff} instead of these routes. */
    private PaperCollection collection() {
        return slot.get().collection();
    }

    void register(JavalinConfig config) {
        config.routes.put("/api/papers/{id}", keyFirst(gate.gated(this::put)));
        config.routes.delete("/api/papers/{id}", this::delete);
        config.routes.post(BULK_PATH, keyFirst(gate.gated(this::bulk)));
        config.routes.post("/api/snapshots", this::snapshot);
    }

    /** The handler, after the key check: a request without the key waits for no turn to encode. */
    private Handler keyFirst(Handler handler) {
        return ctx -> {
            guard.check(ctx);
            handler.handle(ctx);
        };
    }

    private void put(Context ctx) {
        guard.check(ctx);
        QueryParams.only(ctx, Set.of("on_duplicate"));
        String id = ctx.pathParam("id");
        boolean reject = onDuplicateReject(ctx);
        Optional<Long> expected = ifMatch(ctx);
        HttpApi.checkBodySize(ctx);
        StrictJson.requireJson(ctx);
        Paper paper;
        try {
            paper = PaperInput.of(id, PaperBodies.one(StrictJson.body(ctx)));
        } catch (PaperInput.InvalidPaperException e) {
            throw QueryParams.invalid("body", e.getMessage() + "; send a JSON object such as "
                    + PaperBodies.EXAMPLE);
        }
        checkSize(paper);
        WriteResult written;
        try {
            if (reject) {
                StoredEmbedding vector = collection().vectors(List.of(paper)).get(0);
                DuplicateCheck check = duplicates().check(paper.embeddingText(), vector.vector(),
                        duplicates().options().matches(), false, Set.of(id));
                if (isDuplicate(check)) {
                    duplicateConflict(ctx, check);
                    return;
                }
                written = collection().put(paper, expected, vector);
            } else {
                written = collection().put(paper, expected);
            }
        } catch (VersionConflictException e) {
            throw preconditionFailed(e);
        }
        StoredPaper stored = written.stored();
        ctx.status(written.outcome() == WriteResult.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK);
        ctx.header(Header.ETAG, "\"" + stored.version() + "\"");
        ctx.json(view(written));
    }

    private void delete(Context ctx) {
        guard.check(ctx);
        QueryParams.only(ctx, Set.of());
        String id = ctx.pathParam("id");
        Optional<Long> expected = ifMatch(ctx);
        boolean deleted;
        try {
            deleted = collection().delete(id, expected);
        } catch (VersionConflictException e) {
            throw preconditionFailed(e);
        }
        if (!deleted) {
            throw new io.simdex.search.UnknownPaperException(id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void bulk(Context ctx) {
        guard.check(ctx);
        QueryParams.only(ctx, Set.of("on_duplicate"));
        long start = System.nanoTime();
        boolean reject = onDuplicateReject(ctx);
        byte[] body = unzipped(ctx);
        String type = mediaType(ctx);
        var results = new ArrayList<ApiResponses.BulkItem>();
        var papers = new ArrayList<Paper>();
        var positions = new ArrayList<Integer>();
        var slots = new ArrayList<Integer>();
        StrictJson.requireUtf8(ctx);
        if (type.equals("text/csv") || type.equals("text/plain")) {
            // a CSV file or a Daily Papers page, read exactly as simdex import reads one
            Corpus corpus = CorpusLoader.read(type.equals("text/csv") ? "request.csv" : "request.txt", body);
            for (CorpusProblem problem : corpus.problems()) {
                results.add(failed(problem.line(), null, 400, problem.message()));
            }
            for (Paper paper : corpus.papers()) {
                papers.add(paper);
                positions.add(paper.sources().isEmpty() ? 0 : paper.sources().get(0).line());
            }
        } else {
            StrictJson.requireJson(ctx);
            for (PaperBodies.Item item : PaperBodies.many(new String(body, StandardCharsets.UTF_8))) {
                if (item.problem() != null) {
                    results.add(failed(item.position(), null, 400, item.problem()));
                    continue;
                }
                try {
                    papers.add(PaperInput.of(null, item.fields()));
                    positions.add(item.position());
                } catch (PaperInput.InvalidPaperException e) {
                    results.add(failed(item.position(), idOf(item), 400, e.getMessage()));
                }
            }
        }
        var sized = new ArrayList<Paper>();
        var sizedPositions = new ArrayList<Integer>();
        for (int i = 0; i < papers.size(); i++) {
            Paper paper = papers.get(i);
            String tooLong = tooLong(paper);
            if (tooLong != null) {
                results.add(failed(positions.get(i), paper.id(), 400, tooLong));
            } else {
                sized.add(paper);
                sizedPositions.add(positions.get(i));
            }
        }
        // with on_duplicate=reject each paper is encoded once, for the check and for the write
        List<StoredEmbedding> vectors = reject && !sized.isEmpty() ? collection().vectors(sized) : null;
        var accepted = new ArrayList<Paper>();
        var acceptedVectors = new ArrayList<StoredEmbedding>();
        for (int i = 0; i < sized.size(); i++) {
            Paper paper = sized.get(i);
            int position = sizedPositions.get(i);
            if (reject) {
                DuplicateCheck check = duplicates().check(paper.embeddingText(), vectors.get(i).vector(), 1, false,
                        Set.of(paper.id()));
                if (isDuplicate(check)) {
                    results.add(failed(position, paper.id(), 409, "a " + check.verdict().label() + " of '"
                            + check.matches().get(0).id() + "' (cosine " + check.matches().get(0).score()
                            + "); not stored because on_duplicate=reject"));
                    continue;
                }
                acceptedVectors.add(vectors.get(i));
            }
            slots.add(results.size());
            results.add(new ApiResponses.BulkItem(position, paper.id(), 0, null, null, null));
            accepted.add(paper);
        }
        List<WriteResult> written = accepted.isEmpty() ? List.of()
                : reject ? collection().putAll(accepted, acceptedVectors) : collection().putAll(accepted);
        for (int i = 0; i < written.size(); i++) {
            WriteResult w = written.get(i);
            int slot = slots.get(i);
            results.set(slot, new ApiResponses.BulkItem(results.get(slot).position(), w.stored().id(),
                    w.outcome() == WriteResult.Outcome.CREATED ? 201 : 200,
                    w.outcome().name().toLowerCase(Locale.ROOT), w.stored().version(), null));
        }
        results.sort(Comparator.comparingInt(ApiResponses.BulkItem::position));
        boolean errors = results.stream().anyMatch(r -> r.error() != null);
        ctx.json(new ApiResponses.Bulk(results.size(), errors, results, (System.nanoTime() - start) / 1_000_000));
    }

    /** The request's media type, lower case, without parameters; JSON when it names none. */
    private static String mediaType(Context ctx) {
        String type = ctx.header(Header.CONTENT_TYPE); // ctx.contentType() throws on an unknown charset
        if (type == null || type.isBlank()) {
            return "application/json";
        }
        return type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The body, unpacked when it is gzipped ({@code Content-Encoding: gzip}, or gzip's magic bytes). */
    private byte[] unzipped(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        boolean gzipped = "gzip".equalsIgnoreCase(ctx.header(Header.CONTENT_ENCODING))
                || (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b);
        if (!gzipped) {
            return body;
        }
        // a compressed body may unpack to at most what an uncompressed one may hold, times 8
        int most = (int) Math.min(Integer.MAX_VALUE - 8, 8L * limits.maxBulkBytes());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] unpacked = in.readNBytes(most + 1);
            if (unpacked.length > most) {
                throw new HttpResponseException(413, "the gzipped bulk body unpacks to more than "
                        + most + " bytes (8 times api.max-bulk-bytes); split it into several requests",
                        Map.of());
            }
            return unpacked;
        } catch (IOException e) {
            throw QueryParams.invalid("body", "the body is not readable gzip (" + e.getMessage() + "); send it"
                    + " uncompressed, or compressed whole with gzip");
        }
    }

    private void snapshot(Context ctx) {
        guard.check(ctx);
        QueryParams.only(ctx, Set.of());
        long start = System.nanoTime();
        Path folder = collection().snapshotFolder().orElseThrow(() -> new HttpResponseException(
                HttpStatus.NOT_IMPLEMENTED.getCode(), "this collection lives in Elasticsearch, which keeps its own"
                + " backups: take them with Elasticsearch's snapshot API"));
        try {
            Path out;
            synchronized (snapshotting) {
                Files.createDirectories(folder);
                out = unusedName(folder, "simdex-" + SNAPSHOT_NAME.format(Instant.now()));
                collection().snapshot(out);
            }
            ctx.status(HttpStatus.CREATED).json(new ApiResponses.Snapshot(out.toString(),
                    out.resolveSibling(out.getFileName() + ".sha256").toString(), Files.size(out),
                    (System.nanoTime() - start) / 1_000_000));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a snapshot to " + folder, e);
        }
    }

    /** {@code <stem>.db}, or {@code <stem>-2.db} and so on when a snapshot already has that name. */
    private static Path unusedName(Path folder, String stem) {
        Path out = folder.resolve(stem + ".db");
        for (int n = 2; Files.exists(out) || Files.exists(out.resolveSibling(out.getFileName() + ".sha256")); n++) {
            out = folder.resolve(stem + "-" + n + ".db");
        }
        return out;
    }

    private static String idOf(PaperBodies.Item item) {
        Object id = item.fields().getOrDefault("id", item.fields().get("_id"));
        return id == null ? null : id.toString();
    }

    private static ApiResponses.BulkItem failed(int position, String id, int status, String error) {
        return new ApiResponses.BulkItem(position, id, status, null, null, error);
    }

    private void checkSize(Paper paper) {
        String tooLong = tooLong(paper);
        if (tooLong != null) {
            throw QueryParams.invalid("abstract", tooLong);
        }
    }

    /** Why the paper's text is over {@code api.max-text-chars}, or null when it fits. */
    private String tooLong(Paper paper) {
        int chars = paper.embeddingText().length();
        return chars <= limits.maxTextChars() ? null : "title and abstract have " + chars
                + " characters together; the limit is " + limits.maxTextChars() + " (api.max-text-chars)";
    }

    /** {@code on_duplicate}: {@code store} (the default) or {@code reject}. */
    private static boolean onDuplicateReject(Context ctx) {
        String value = ctx.queryParam("on_duplicate");
        if (value == null || value.equals("store")) {
            return false;
        }
        if (value.equals("reject")) {
            return true;
        }
        throw QueryParams.invalid("on_duplicate", "query parameter 'on_duplicate' must be 'store' (the default) or"
                + " 'reject', got '" + value + "'");
    }

    private static boolean isDuplicate(DuplicateCheck check) {
        return check.verdict() == Band.DUPLICATE || check.verdict() == Band.NEAR_DUPLICATE;
    }

    /** The 409 of {@code on_duplicate=reject}: a problem that carries the check's verdict and matches. */
    private void duplicateConflict(Context ctx, DuplicateCheck check) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "/problems/conflict");
        body.put("title", "Conflict");
        body.put("status", 409);
        body.put("detail", "the paper is a " + check.verdict().label() + " of '" + check.matches().get(0).id()
                + "', so it was not stored (on_duplicate=reject); send it without on_duplicate to store it anyway");
        body.put("instance", ctx.path());
        body.put("verdict", check.verdict());
        body.put("matches", check.matches());
        try {
            ctx.status(HttpStatus.CONFLICT).contentType(Problems.CONTENT_TYPE).result(mapper.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a duplicate check always serializes", e);
        }
    }

    /** {@code If-Match: 3} or the ETag form {@code If-Match: "3"}; absent means unconditional. */
    private static Optional<Long> ifMatch(Context ctx) {
        String value = ctx.header(Header.IF_MATCH);
        if (value == null) {
            return Optional.empty();
        }
        String digits = value.strip();
        if (digits.length() >= 2 && digits.startsWith("\"") && digits.endsWith("\"")) {
            digits = digits.substring(1, digits.length() - 1);
        }
        if (!digits.matches("\\d{1,18}")) {
            throw QueryParams.invalid("If-Match", "header If-Match must be the version you last read (a whole"
                    + " number, as GET /api/papers/{id} gives it, or 0 for 'must not exist yet'), got '" + value + "'");
        }
        return Optional.of(Long.parseLong(digits));
    }

    private static HttpResponseException preconditionFailed(VersionConflictException e) {
        String current = e.current().isPresent() ? "is at version " + e.current().getAsLong()
                : "does not exist";
        return new HttpResponseException(HttpStatus.PRECONDITION_FAILED.getCode(),
                "paper '" + e.id() + "' " + current + ", not " + e.expected() + " as If-Match says; read it again"
                        + " (GET /api/papers/" + e.id() + ") and retry with its version", Map.of());
    }

    private static ApiResponses.Written view(WriteResult written) {
        StoredPaper stored = written.stored();
        Paper paper = stored.paper();
        return new ApiResponses.Written(paper.id(), written.outcome().name().toLowerCase(Locale.ROOT),
                stored.version(), paper.title(), paper.abstractText(), paper.metadata(),
                stored.createdAt().toString(), stored.updatedAt().toString());
    }
}
