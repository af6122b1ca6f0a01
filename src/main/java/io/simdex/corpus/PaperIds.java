package io.simdex.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Stable, URL-safe paper ids derived from titles alone, so they never depend on page or load order.
 *
 * <p>The slug of a title: Unicode NFKD, diacritics dropped, lower-cased, every run of characters outside
 * {@code [a-z0-9]} replaced by {@code -}, dashes trimmed, then cut to at most {@value #MAX_SLUG_CHARS}
 * characters at a dash boundary when there is one. A title whose slug is empty (e.g. all CJK) gets
 * {@code paper-} and the first 10 hex digits of the SHA-256 of the title.
 *
 * <p>When different titles share a slug, they are sorted by their exact string: the first keeps the slug
 * and each other one gets {@code slug-} and the first 6 hex digits of the SHA-256 of its title (more
 * digits only if that id is taken too).
 */
public final class PaperIds {

    /** The longest slug, before any collision suffix. */
    public static final int MAX_SLUG_CHARS = 80;

    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final int EMPTY_SLUG_HEX = 10;
    private static final int COLLISION_HEX = 6;

    private PaperIds() {
    }

    /**
     * The slug of one title, before collision handling; never empty.
     *
     * @throws IllegalArgumentException if the title is null or blank
     */
    public static String slug(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("cannot make an id from a blank title: " + title);
        }
        String ascii = DIACRITICS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String slug = trimDashes(NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-"));
        if (slug.isEmpty()) {
            return "paper-" + sha256Hex(title).substring(0, EMPTY_SLUG_HEX);
        }
        return shorten(slug);
    }

    /**
     * Assigns a unique id to each distinct title; the result depends only on the set of titles.
     *
     * @param titles   the titles; duplicates are ignored
     * @param reserved ids already taken (e.g. given explicitly in JSONL) that no title may receive
     * @return title → id, for every title
     */
    public static Map<String, String> assign(Collection<String> titles, Set<String> reserved) {
        Map<String, List<String>> bySlug = new TreeMap<>();
        for (String title : new TreeSet<>(titles)) {
            bySlug.computeIfAbsent(slug(title), key -> new ArrayList<>()).add(title);
        }
        Set<String> taken = new HashSet<>(reserved);
        Map<String, String> ids = new HashMap<>();
        List<String> losers = new ArrayList<>();
        for (Map.Entry<String, List<String>> bucket : bySlug.entrySet()) {
            List<String> sameSlug = bucket.getValue();
            int first = 0;
            if (taken.add(bucket.getKey())) {
                ids.put(sameSlug.get(0), bucket.getKey());
                first = 1;
            }
            losers.addAll(sameSlug.subList(first, sameSlug.size()));
        }
        for (String title : losers) {
            String hash = sha256Hex(title);
            String slug = slug(title);
            int digits = COLLISION_HEX;
            while (!taken.add(slug + "-" + hash.substring(0, digits))) {
                digits++;
            }
            ids.put(title, slug + "-" + hash.substring(0, digits));
        }
        return ids;
    }

    /** Assigns ids with nothing reserved; see {@link #assign(Collection, Set)}. */
    public static Map<String, String> assign(Collection<String> titles) {
        return assign(titles, Set.of());
    }

    private static String shorten(String slug) {
        if (slug.length() <= MAX_SLUG_CHARS) {
            return slug;
        }
        if (slug.charAt(MAX_SLUG_CHARS) == '-') {
            return slug.substring(0, MAX_SLUG_CHARS);
        }
        int lastDash = slug.lastIndexOf('-', MAX_SLUG_CHARS - 1);
        return lastDash > 0 ? slug.substring(0, lastDash) : slug.substring(0, MAX_SLUG_CHARS);
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
