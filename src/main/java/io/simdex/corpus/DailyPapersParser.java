package io.simdex.corpus;

import io.simdex.text.Whitespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses one Hugging Face "Daily Papers" page dump into title/abstract pairs, both known layouts.
 *
 * <p><b>Layouts.</b> (a) title and abstract lines separated by blank lines, with page chrome
 * ({@code new}, {@code Subscribe}, {@code Daily Papers}, a date such as {@code Jul 31}, …) before them;
 * (b) a title line directly followed by its abstract line, no blank lines, opening with
 * {@code Get trending papers in your email inbox once a day!} and with {@code Subscribe} glued to the first
 * title ({@code SubscribeCATSplat: …}). Both are read by the same pass: blank lines carry no meaning.
 *
 * <p><b>Chrome.</b> A line that, trimmed, equals one of {@link #CHROME_LINES} or matches {@link #DATE_LINE}
 * is dropped wherever it appears. A glued {@code Subscribe} prefix is removed only from the first content
 * line of the page (the header), and only when the next character is not a lower-case letter, so a later
 * title, or a first title such as "Subscriber churn…", is never cut.
 *
 * <p><b>Pairing heuristic.</b> Every remaining line is classified on its own, never by position:
 * it is an <i>abstract</i> when it reads like prose, that is it has at least {@value #PROSE_MIN_CHARS}
 * characters, or at least {@value #PROSE_MIN_WORDS} words, or at least {@value #SHORT_PROSE_MIN_WORDS}
 * words and two sentence ends; anything else is a <i>title</i>. On the bundled pages titles are at most
 * 183 characters (23 words) and abstracts at least 423 characters (54 words), so the thresholds sit well
 * inside that gap. Lines then pair as title → abstract:
 * <ul>
 *   <li>a title followed by another title, or by the end of the page, gives
 *       {@code title with no abstract} at the title's line, and the title is skipped;</li>
 *   <li>an abstract where a title is expected gives {@code abstract with no title} at its line, and it is
 *       skipped.</li>
 * </ul>
 * So a broken page loses only the broken entry; a pairing is never shifted and no half paper is emitted.
 * A page with no non-blank line gives {@code empty page} at line 0; a page with content but no complete
 * pair (e.g. chrome only) gives {@code no papers found} at line 0.
 *
 * <p>Input may start with a UTF-8 BOM and use {@code \n}, {@code \r\n} or {@code \r} line ends. Line
 * numbers are 1-based physical lines of the file.
 */
public final class DailyPapersParser {

    /** Page chrome lines, compared with the trimmed line. */
    public static final Set<String> CHROME_LINES = Set.of(
            "new",
            "Get trending papers in your email inbox!",
            "Get trending papers in your email inbox once a day!",
            "Subscribe",
            "Daily Papers",
            "byAK and the research community");

    /** A date chrome line: month abbreviation and day, optionally a year ({@code Jul 31}, {@code Mar 17, 2024}). */
    public static final Pattern DATE_LINE = Pattern.compile(
            "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.? \\d{1,2}(, ?\\d{4})?");

    static final int PROSE_MIN_CHARS = 300;
    static final int PROSE_MIN_WORDS = 40;
    static final int SHORT_PROSE_MIN_WORDS = 25;

    private static final String GLUED_PREFIX = "Subscribe";
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");
    private static final int SNIPPET_CHARS = 60;

    private DailyPapersParser() {
    }

    /**
     * Parses one page.
     *
     * @param file the page's file name, without directory; used in sources and problems
     * @param text the whole page; may be empty
     * @return the complete pairs in line order and a problem for everything skipped
     */
    public static ParsedFile parse(String file, String text) {
        return parse(file, Whitespace.stripBom(text).lines().toList());
    }

    /**
     * Parses one page given as lines (without line terminators); line {@code i} of the list is line
     * {@code i + 1} of the file. A BOM on the first line is ignored.
     */
    public static ParsedFile parse(String file, List<String> lines) {
        return new Run(file).parse(lines);
    }

    /** True when the trimmed line is page chrome: one of {@link #CHROME_LINES} or a date line. */
    public static boolean isChrome(String line) {
        String trimmed = line.strip();
        return CHROME_LINES.contains(trimmed) || DATE_LINE.matcher(trimmed).matches();
    }

    /** True when the line reads like an abstract rather than a title; see the class comment for the rule. */
    static boolean looksLikeAbstract(String line) {
        if (line.length() >= PROSE_MIN_CHARS) {
            return true;
        }
        int words = line.isBlank() ? 0 : line.strip().split("\\s+").length;
        if (words >= PROSE_MIN_WORDS) {
            return true;
        }
        return words >= SHORT_PROSE_MIN_WORDS && SENTENCE_END.matcher(line).results().count() >= 2;
    }

    /** Removes a glued {@code Subscribe} prefix ({@code SubscribeCREST: …} → {@code CREST: …}). */
    static String stripGluedSubscribe(String line) {
        if (line.length() > GLUED_PREFIX.length() && line.startsWith(GLUED_PREFIX)
                && !Character.isLowerCase(line.charAt(GLUED_PREFIX.length()))) {
            return line.substring(GLUED_PREFIX.length()).strip();
        }
        return line;
    }

    private static String snippet(String text) {
        return text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "…";
    }

    /** The state of one pass over one page. */
    private static final class Run {
        private final String file;
        private final List<RawPaper> papers = new ArrayList<>();
        private final List<CorpusProblem> problems = new ArrayList<>();
        private boolean inHeader = true;
        private boolean sawContent;
        private String pendingTitle;
        private int pendingLine;

        Run(String file) {
            this.file = file;
        }

        ParsedFile parse(List<String> lines) {
            for (int i = 0; i < lines.size(); i++) {
                String line = i == 0 ? Whitespace.stripBom(lines.get(i)) : lines.get(i);
                accept(Whitespace.normalize(line), i + 1);
            }
            if (pendingTitle != null) {
                titleWithNoAbstract();
            }
            if (papers.isEmpty()) {
                problems.add(new CorpusProblem(file, 0, sawContent ? "no papers found" : "empty page"));
            }
            return new ParsedFile(file, papers, problems);
        }

        private void accept(String line, int lineNumber) {
            if (line.isEmpty()) {
                return;
            }
            sawContent = true;
            if (inHeader) {
                line = stripGluedSubscribe(line);
            }
            if (isChrome(line)) {
                return;
            }
            inHeader = false;
            if (looksLikeAbstract(line)) {
                if (pendingTitle == null) {
                    problems.add(new CorpusProblem(file, lineNumber,
                            "abstract with no title, skipped: \"" + snippet(line) + "\""));
                } else {
                    papers.add(new RawPaper(pendingTitle, line, new Source(file, pendingLine), Optional.empty()));
                    pendingTitle = null;
                }
            } else {
                if (pendingTitle != null) {
                    titleWithNoAbstract();
                }
                pendingTitle = line;
                pendingLine = lineNumber;
            }
        }

        private void titleWithNoAbstract() {
            problems.add(new CorpusProblem(file, pendingLine,
                    "title with no abstract, skipped: \"" + snippet(pendingTitle) + "\""));
            pendingTitle = null;
        }
    }
}
