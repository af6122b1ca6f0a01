package io.simdex.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Where in a YAML settings file something is: the line of a key, and a syntax error as one line with its place. */
final class YamlLines {

    private YamlLines() {
    }

    /** The 1-based line of the dotted {@code key} ({@code model.name}) in {@code file}, when it can be found. */
    static Optional<Integer> lineOf(Path file, String key) {
        try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
            Deque<String> sections = new ArrayDeque<>();
            String lastName = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> {
                        lastName = parser.currentName();
                        String dotted = sections.isEmpty() ? lastName : String.join(".", sections) + "." + lastName;
                        if (dotted.equals(key)) {
                            return Optional.of(parser.currentTokenLocation().getLineNr());
                        }
                    }
                    case START_OBJECT -> {
                        if (lastName != null) {
                            sections.addLast(lastName);
                        }
                        lastName = null;
                    }
                    case END_OBJECT -> {
                        if (!sections.isEmpty()) {
                            sections.removeLast();
                        }
                    }
                    default -> lastName = null;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Why {@code file} could not be read, in one line: the line, column and problem of a YAML syntax error, or
     * what stopped the file from being read at all.
     */
    static SettingsException unreadable(Path file, IOException e) {
        if (e instanceof JsonProcessingException syntax) {
            return new SettingsException("config file " + file + place(syntax) + " is not valid YAML: "
                    + problem(syntax) + "; fix that line (indent with spaces, put text with ':' or '#' in quotes)", e);
        }
        String why = e instanceof AccessDeniedException ? "this user may not read it" : String.valueOf(e.getMessage());
        return new SettingsException("cannot read config file " + file + ": " + why + "; fix it, or name another"
                + " with --config", e);
    }

    /**
     * ", line 2, column 1": where the YAML parser found the problem, and where the construct it was reading began
     * when that was on an earlier line (an unclosed bracket is found only at the end of the file).
     */
    private static String place(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark problem = marked.getProblemMark();
            Mark context = marked.getContextMark();
            String place = ", line " + (problem.getLine() + 1) + ", column " + (problem.getColumn() + 1);
            return context == null || context.getLine() == problem.getLine() ? place
                    : place + " (in what starts at line " + (context.getLine() + 1) + ", column "
                    + (context.getColumn() + 1) + ")";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The parser's one-line description of what is wrong, without the excerpt of the file it adds. */
    private static String problem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            return oneLine(marked.getProblem());
        }
        String original = String.valueOf(e.getOriginalMessage());
        int newline = original.indexOf('\n');
        return oneLine(newline < 0 ? original : original.substring(0, newline));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
