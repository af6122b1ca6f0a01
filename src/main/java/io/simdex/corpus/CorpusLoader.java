package io.simdex.corpus;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Loads a {@link Corpus} from the bundled pages, a directory, or one file.
 *
 * <p>Pages ({@code *.txt}) go through {@link DailyPapersParser}, JSONL files ({@code *.jsonl}, {@code *.jsonl.gz})
 * through {@link JsonlCorpusReader}, CSV files ({@code *.csv}, {@code *.csv.gz}) through {@link CsvCorpusReader};
 * all of them are then merged by {@link CorpusAssembler}, so the same paper in several files is one
 * {@link Paper} with several sources. A BEIR folder (one holding {@code corpus.jsonl} or {@code corpus.jsonl.gz}
 * beside {@code queries.jsonl}) is read as its corpus file alone. Files are read as UTF-8; a byte that is not
 * UTF-8 becomes U+FFFD and its line gets a problem, and the rest of the file is read.
 */
public final class CorpusLoader {

    /** The location that names the pages bundled on the classpath under {@code corpus/}. */
    public static final String BUNDLED = "bundled";

    static final String RESOURCE_FOLDER = "corpus";

    /** A BEIR folder holds its papers in one of these, beside {@link #BEIR_QUERIES}. */
    private static final Set<String> BEIR_CORPUS = Set.of("corpus.jsonl", "corpus.jsonl.gz");
    private static final String BEIR_QUERIES = "queries.jsonl";

    private static final String ACCEPTED = "expected '" + BUNDLED + "', a directory holding *.txt pages, *.jsonl "
            + "(or .jsonl.gz) and *.csv (or .csv.gz) files, a BEIR folder, or one such file";
    private static final int PROBLEMS_IN_MESSAGE = 5;

    private CorpusLoader() {
    }

    /**
     * Loads the corpus at a location.
     *
     * @param location {@value #BUNDLED} for the pages bundled under classpath {@code corpus/} (works from
     *                 {@code target/classes} and from inside a jar); a directory, whose {@code *.txt} and
     *                 {@code *.jsonl} files are read (not recursively, sorted by name, other files ignored);
     *                 a single {@code .txt} page file; or a single {@code .jsonl} file
     * @return the merged corpus, with the problems met while parsing
     * @throws CorpusException if the location is blank or missing, is not one of the accepted kinds, a
     *                         directory holds no {@code .txt}/{@code .jsonl} file, a file cannot be read, or
     *                         no paper at all could be read; the message names the location
     */
    public static Corpus load(String location) {
        if (location == null || location.isBlank()) {
            throw new CorpusException("Corpus location is blank; " + ACCEPTED);
        }
        if (BUNDLED.equals(location)) {
            return loadBundled(CorpusLoader.class.getClassLoader());
        }
        try {
            return load(Path.of(location));
        } catch (InvalidPathException e) {
            throw new CorpusException("Corpus location '" + location + "' is not a valid path (" + e.getReason()
                    + "); " + ACCEPTED, e);
        }
    }

    /**
     * Loads the corpus at a directory, a {@code .txt} page or a {@code .jsonl} file; see {@link #load(String)}.
     *
     * @throws CorpusException as {@link #load(String)}
     */
    public static Corpus load(Path path) {
        if (Files.isDirectory(path)) {
            return loadDirectory(path, path.toString());
        }
        if (!Files.exists(path)) {
            throw new CorpusException("Corpus location '" + path + "' does not exist; " + ACCEPTED);
        }
        if (!Files.isRegularFile(path) || kindOf(path) == Kind.OTHER) {
            throw new CorpusException("Corpus location '" + path + "' is neither a directory nor a .txt, .jsonl, "
                    + ".jsonl.gz, .csv or .csv.gz file; " + ACCEPTED);
        }
        return assemble(List.of(path), path.toString());
    }

    /** Loads the pages under {@code corpus/} as seen by this class loader, from a folder or a jar. */
    static Corpus loadBundled(ClassLoader classLoader) {
        URL url = classLoader.getResource(RESOURCE_FOLDER);
        if (url == null) {
            throw new CorpusException("Bundled corpus not found: no '" + RESOURCE_FOLDER + "/' folder on the "
                    + "classpath; pass a directory, a .txt page or a .jsonl file instead");
        }
        String shown = "bundled (" + url + ")";
        URI uri = toUri(url);
        if ("file".equals(uri.getScheme())) {
            return loadDirectory(Path.of(uri), shown);
        }
        if ("jar".equals(uri.getScheme())) {
            // jar:file:/…/simdex.jar!/corpus — open the jar itself, so no shared zip file system is involved.
            String spec = uri.getRawSchemeSpecificPart();
            int separator = spec.indexOf("!/");
            if (separator < 0) {
                throw new CorpusException("Bundled corpus URL '" + url + "' has no '!/' entry separator");
            }
            Path jar = Path.of(toUri(spec.substring(0, separator), url));
            try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                return loadDirectory(zip.getPath("/" + RESOURCE_FOLDER), shown);
            } catch (IOException e) {
                throw new CorpusException("Cannot open the jar '" + jar + "' holding the bundled corpus: " + e, e);
            }
        }
        throw new CorpusException("Bundled corpus URL '" + url + "' has an unsupported scheme; only file: and jar: "
                + "class path entries are supported");
    }

    private static Corpus loadDirectory(Path directory, String shown) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(Files::isRegularFile)
                    .filter(file -> kindOf(file) != Kind.OTHER)
                    .sorted(Comparator.comparing(CorpusLoader::fileName))
                    .toList();
        } catch (IOException e) {
            throw new CorpusException("Cannot list corpus directory '" + shown + "': " + e, e);
        }
        if (files.isEmpty()) {
            throw new CorpusException("Corpus directory '" + shown + "' holds no .txt page, .jsonl or .csv file; "
                    + ACCEPTED);
        }
        List<Path> beirCorpus = files.stream()
                .filter(file -> BEIR_CORPUS.contains(fileName(file).toLowerCase(Locale.ROOT))).toList();
        boolean beir = files.stream().anyMatch(file -> fileName(file).equalsIgnoreCase(BEIR_QUERIES));
        if (beir && beirCorpus.size() == 1) {
            return assemble(beirCorpus, shown);
        }
        return assemble(files, shown);
    }

    private static Corpus assemble(List<Path> files, String shown) {
        List<ParsedFile> parsed = new ArrayList<>(files.size());
        for (Path file : files) {
            parsed.add(parse(file));
        }
        Corpus corpus = CorpusAssembler.assemble(parsed);
        if (corpus.size() == 0) {
            String problems = corpus.problems().stream().limit(PROBLEMS_IN_MESSAGE)
                    .map(CorpusProblem::describe).collect(Collectors.joining("; "));
            throw new CorpusException("Corpus location '" + shown + "' yielded no papers (" + corpus.problems().size()
                    + " problems: " + problems + "); " + ACCEPTED);
        }
        return corpus;
    }

    private static ParsedFile parse(Path file) {
        String name = fileName(file);
        Kind kind = kindOf(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = kind.gzip() ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        } catch (ZipException | EOFException e) {
            return new ParsedFile(name, List.of(), List.of(new CorpusProblem(name, 0,
                    "not a readable gzip file (" + e.getMessage() + "), file skipped")));
        } catch (IOException e) {
            throw new CorpusException("Cannot read corpus file '" + file + "': " + e, e);
        }
        return parse(name, kind, bytes);
    }

    /**
     * The papers of one file's content, received rather than read from disk (a bulk request's body): its kind comes
     * from {@code name} (a page for {@code .txt}, JSONL for {@code .jsonl}, CSV for {@code .csv}); the content is
     * already unpacked (the HTTP layer unpacks a gzipped body, within its size limit). Problems are kept in the corpus, never thrown; it may be empty.
     *
     * @throws CorpusException if {@code name} names no kind simdex reads
     */
    public static Corpus read(String name, byte[] content) {
        Kind kind = kindOf(Path.of(name));
        if (kind == Kind.OTHER) {
            throw new CorpusException("'" + name + "' is not a page (.txt), JSONL (.jsonl) or CSV (.csv)");
        }
        return CorpusAssembler.assemble(List.of(parse(name, kind, content)));
    }

    private static ParsedFile parse(String name, Kind kind, byte[] bytes) {
        Decoded decoded = decode(bytes);
        ParsedFile parsed = switch (kind) {
            case PAGE -> DailyPapersParser.parse(name, decoded.text());
            case JSONL, JSONL_GZ -> JsonlCorpusReader.read(name, decoded.text());
            case CSV, CSV_GZ -> CsvCorpusReader.read(name, decoded.text());
            case OTHER -> throw new IllegalStateException("not a corpus file: " + name);
        };
        if (decoded.badLines().isEmpty()) {
            return parsed;
        }
        var problems = new ArrayList<>(parsed.problems());
        for (int line : decoded.badLines()) {
            problems.add(new CorpusProblem(name, line, "bytes that are not UTF-8, read as U+FFFD; save the file as"
                    + " UTF-8"));
        }
        problems.sort(Comparator.comparingInt(CorpusProblem::line));
        return new ParsedFile(name, parsed.papers(), problems);
    }

    /** A file's text, and the lines (1-based) where bytes that are not UTF-8 were replaced. */
    private record Decoded(String text, List<Integer> badLines) {
    }

    private static Decoded decode(byte[] bytes) {
        try {
            return new Decoded(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString(), List.of());
        } catch (CharacterCodingException e) {
            // Decode line by line, so only the lines holding bad bytes are marked.
            var text = new StringBuilder(bytes.length);
            var bad = new ArrayList<Integer>();
            int line = 1;
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    int end = Math.min(i + 1, bytes.length);
                    try {
                        text.append(StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes, start, end - start)));
                    } catch (CharacterCodingException badLine) {
                        text.append(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                        bad.add(line);
                    }
                    start = end;
                    line++;
                }
            }
            return new Decoded(text.toString(), bad);
        }
    }

    /** The kinds of file a corpus is read from, by name. */
    private enum Kind {
        PAGE, JSONL, JSONL_GZ, CSV, CSV_GZ, OTHER;

        boolean gzip() {
            return this == JSONL_GZ || this == CSV_GZ;
        }
    }

    private static Kind kindOf(Path file) {
        String name = fileName(file).toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return Kind.PAGE;
        }
        if (name.endsWith(".jsonl")) {
            return Kind.JSONL;
        }
        if (name.endsWith(".jsonl.gz")) {
            return Kind.JSONL_GZ;
        }
        if (name.endsWith(".csv")) {
            return Kind.CSV;
        }
        return name.endsWith(".csv.gz") ? Kind.CSV_GZ : Kind.OTHER;
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static URI toUri(URL url) {
        return toUri(url.toString(), url);
    }

    private static URI toUri(String text, URL shown) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new CorpusException("Bundled corpus URL '" + shown + "' is not a valid URI: " + e.getMessage(), e);
        }
    }
}
