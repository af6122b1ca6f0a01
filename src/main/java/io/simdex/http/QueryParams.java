package io.simdex.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads query parameters and rejects bad values with a message that names the parameter and the fix. */
final class QueryParams {

    /** Key of the offending parameter's name in a {@link BadRequestResponse}'s details. */
    static final String PARAMETER = "parameter";

    private QueryParams() {
    }

    /**
     * Refuses a query parameter this endpoint does not take, so a misspelt or foreign one ({@code limit},
     * {@code top_k}) is never silently ignored.
     *
     * @throws io.javalin.http.BadRequestResponse naming the parameter and the accepted ones
     */
    static void only(Context ctx, java.util.Collection<String> accepted) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!accepted.contains(name)) {
                throw invalid(name, "unknown query parameter '" + name + "'; " + (accepted.isEmpty()
                        ? "this endpoint takes none" : "this endpoint takes " + String.join(", ",
                                new java.util.TreeSet<>(accepted))));
            }
        }
    }

    /** A required, non-blank text of at most {@code maxChars} characters. */
    static String text(Context ctx, String name, int maxChars) {
        String value = ctx.queryParam(name);
        if (value != null && value.indexOf('\uFFFD') >= 0 && !sentReplacementCharacter(ctx)) {
            throw invalid(name, "query parameter '" + name + "' is not valid percent-encoded UTF-8; encode it "
                    + "with encodeURIComponent, or curl -G --data-urlencode '" + name + "=...'");
        }
        if (value == null && present(ctx, name)) {
            throw invalid(name, "query parameter '" + name + "' is not valid percent-encoded UTF-8; encode it "
                    + "with encodeURIComponent, or curl -G --data-urlencode '" + name + "=...'");
        }
        if (value == null) {
            throw invalid(name, "query parameter '" + name + "' is missing; add ?" + name + "=your+text");
        }
        if (value.isBlank()) {
            throw invalid(name, "query parameter '" + name + "' is blank; give it some text to search for");
        }
        if (value.length() > maxChars) {
            throw invalid(name, "query parameter '" + name + "' has " + value.length()
                    + " characters; the limit is " + maxChars + " (api.max-query-chars)");
        }
        return value;
    }

    /**
     * Whether the client itself sent U+FFFD (percent-encoded as {@code %EF%BF%BD}); else a U+FFFD in a decoded
     * value stands for bytes that were not UTF-8.
     */
    private static boolean sentReplacementCharacter(Context ctx) {
        String raw = ctx.queryString();
        return raw != null && raw.toUpperCase(java.util.Locale.ROOT).contains("%EF%BF%BD");
    }

    /** An optional whole number in {@code [min, max]}. */
    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, outOfRange(name, value, min, max));
        }
        if (parsed < min || parsed > max) {
            throw invalid(name, outOfRange(name, value, min, max));
        }
        return parsed;
    }

    /** An optional finite number in {@code [min, max]}. */
    static float number(Context ctx, String name, float fallback, float min, float max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        float parsed;
        try {
            parsed = Float.parseFloat(value.trim());
        } catch (NumberFormatException e) {
            parsed = Float.NaN;
        }
        if (!(parsed >= min && parsed <= max)) {
            throw invalid(name, "query parameter '" + name + "' must be a number from " + min + " to " + max
                    + ", got '" + value + "'");
        }
        return parsed;
    }

    /** An optional comma-separated list of ids; blanks around and between commas are ignored. */
    static List<String> ids(Context ctx, String name, int maxCount) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return List.of();
        }
        var ids = new ArrayList<String>();
        for (String part : value.split(",")) {
            if (!part.isBlank() && !ids.contains(part.strip())) {
                ids.add(part.strip());
            }
        }
        if (ids.size() > maxCount) {
            throw invalid(name, "query parameter '" + name + "' lists " + ids.size() + " ids; the limit is " + maxCount);
        }
        return ids;
    }

    /** An optional {@code true} or {@code false}. */
    static boolean bool(Context ctx, String name, boolean fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "query parameter '" + name + "' must be true or false, got '" + value + "'");
        };
    }

    /** Whether the raw query string names the parameter, even if its value could not be decoded. */
    private static boolean present(Context ctx, String name) {
        String raw = ctx.queryString();
        if (raw == null) {
            return false;
        }
        for (String pair : raw.split("&")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    private static String outOfRange(String name, String value, int min, int max) {
        return "query parameter '" + name + "' must be a whole number from " + min + " to " + max
                + ", got '" + value + "'";
    }

    /** A 400 whose problem body names {@code name}, the query parameter or body field at fault. */
    static BadRequestResponse invalid(String name, String detail) {
        return new BadRequestResponse(detail, Map.of(PARAMETER, name));
    }
}
