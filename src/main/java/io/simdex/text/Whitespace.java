package io.simdex.text;

import java.util.regex.Pattern;

/** Whitespace normalization shared by the readers, so "same title" means the same thing everywhere. */
public final class Whitespace {

    private static final Pattern RUNS = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String BOM = "\uFEFF";

    private Whitespace() {
    }

    /** Collapses every run of Unicode whitespace to one space and trims the ends. */
    public static String normalize(String text) {
        return RUNS.matcher(text).replaceAll(" ").strip();
    }

    /** Drops a leading UTF-8 byte order mark, if any. */
    public static String stripBom(String text) {
        return text.startsWith(BOM) ? text.substring(1) : text;
    }
}
