package io.simdex.corpus;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.MalformedInputException;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a {@link Corpus} from the bundled pages, a directory, one page file or one JSONL file.
 *
 * <p>Pages ({@code *.txt}) go through {@link DailyPapersParser}, JSONL files ({@code *.jsonl}) through
 * {@link JsonlCorpusReader}; all of them are then merged by {@link CorpusAssembler}, so the same paper in
 * several files is one {@link Paper} with several sources. Files are read as UTF-8.
 */
public final class CorpusLoader {

    /** The location that names the pages bundled on the classpath under {@code corpus/}. */
    public static final String BUNDLED = "bundled";

    static final String RESOURCE_FOLDER = "corpus";

    private static final String ACCEPTED = "expected '" + BUNDLED + "', a directory holding *.txt pages and/or "
            + "*.jsonl files, a single .txt page file, or a single .jsonl file";
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
            throw new CorpusException("Corpus location '" + path + "' is neither a directory nor a .txt or .jsonl "
                    + "file; " + ACCEPTED);
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
            throw new CorpusException("Corpus directory '" + shown + "' holds no .txt page or .jsonl file; "
                    + ACCEPTED);
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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return new ParsedFile(name, List.of(), List.of(new CorpusProblem(name, 0, "not valid UTF-8, file skipped")));
        } catch (IOException e) {
            throw new CorpusException("Cannot read corpus file '" + file + "': " + e, e);
        }
        return kindOf(file) == Kind.PAGE ? DailyPapersParser.parse(name, text) : JsonlCorpusReader.read(name, text);
    }

    private enum Kind { PAGE, JSONL, OTHER }

    private static Kind kindOf(Path file) {
        String name = fileName(file).toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return Kind.PAGE;
        }
        return name.endsWith(".jsonl") ? Kind.JSONL : Kind.OTHER;
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
