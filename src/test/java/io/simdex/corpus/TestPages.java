package io.simdex.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Inline page snippets and the bundled page names, shared by the corpus tests. */
final class TestPages {

    /** The five bundled pages, in name order. */
    static final List<String> BUNDLED_PAGES = List.of(
            "000_98d0091421c7638e.txt",
            "001_7f4c8dc4282a0faf.txt",
            "002_1e5c895dbc8402f5.txt",
            "003_2377eb20dad792ff.txt",
            "004_d8b1173cf7dd4b76.txt");

    private TestPages() {
    }

    /** A prose line that reads like a real abstract (well over 40 words, several sentences). */
    static String abstractAbout(String topic) {
        return "We study " + topic + " in depth and propose a simple method that works across many settings. "
                + "Prior work on " + topic + " relies on heavy supervision, large labelled datasets and careful "
                + "tuning, which limits its use in practice. Our approach needs none of these and still matches "
                + "strong baselines on six public benchmarks. We release code and models to support future work.";
    }

    /** A layout (a) page: chrome header, then title and abstract separated by blank lines. */
    static String layoutA(String... titleAbstractPairs) {
        StringBuilder page = new StringBuilder("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n"
                + "Daily Papers\n\nbyAK and the research community\n\nJul 31\n");
        for (String line : titleAbstractPairs) {
            page.append('\n').append(line).append('\n');
        }
        return page.toString();
    }

    /** A layout (b) page: two header lines, {@code Subscribe} glued to the first title, no blank lines. */
    static String layoutB(String... titleAbstractPairs) {
        StringBuilder page = new StringBuilder("Get trending papers in your email inbox once a day!\n"
                + "Get trending papers in your email inbox!\nSubscribe");
        for (String line : titleAbstractPairs) {
            page.append(line).append('\n');
        }
        return page.toString();
    }

    /** The text of a bundled page, read from the classpath. */
    static String bundledPage(String name) {
        try (InputStream in = TestPages.class.getClassLoader().getResourceAsStream("corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled page missing from classpath: corpus/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
