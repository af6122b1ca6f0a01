package io.simdex.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two files a model folder holds, checked before the model runtime sees them, and the runtime's complaints about
 * them put in simdex's words: each failure is one line that names the file, the setting that chose it and the fix.
 */
final class ModelFiles {

    static final String MODEL = "model.onnx";
    static final String TOKENIZER = "tokenizer.json";

    private static final String RESTORE = "run 'mvn package' to unpack the shipped models into model-cache/ again,"
            + " or set model.dir to another folder holding model.onnx and tokenizer.json";

    private static final String READABLE_COPY = "or set model.dir to a readable copy";

    /** Where the tokenizer's JSON parser stopped, as its messages say it: "... at line 2 column 0". */
    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private ModelFiles() {
    }

    /**
     * Checks that {@code dir} is a readable folder holding a readable {@value #MODEL} and {@value #TOKENIZER}.
     *
     * @throws EncoderException saying which of these does not hold, and how to fix it
     */
    static void check(Path dir) {
        if (!Files.exists(dir)) {
            throw new EncoderException(where(dir) + " does not exist (by default model.dir is"
                    + " model.cache-dir/model.name): check model.name, or " + RESTORE);
        }
        if (!Files.isDirectory(dir)) {
            throw new EncoderException(where(dir) + " is a file: set model.dir to the folder holding model.onnx and"
                    + " tokenizer.json");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new EncoderException(where(dir) + ": this user may not read the folder: give it read permission"
                    + " (chmod a+rx), " + READABLE_COPY);
        }
        for (String name : List.of(MODEL, TOKENIZER)) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                throw new EncoderException(where(dir) + " has no " + name + ": " + RESTORE);
            }
            if (!Files.isRegularFile(file)) {
                throw new EncoderException(where(dir) + ": " + name + " is a folder, not a file: " + RESTORE);
            }
            if (!Files.isReadable(file)) {
                throw new EncoderException(where(dir) + ": this user may not read " + name + ": give it read"
                        + " permission (chmod a+r), " + READABLE_COPY);
            }
        }
    }

    /** {@value #TOKENIZER} could not be parsed: {@code problem} is the tokenizer library's own complaint. */
    static EncoderException badTokenizer(Path file, Exception problem) {
        String at = position(problem.getMessage())
                .map(place -> String.valueOf(problem.getMessage()).contains("EOF")
                        ? " (it ends early, at " + place + ")" : " (it goes wrong at " + place + ")")
                .orElse("");
        return new EncoderException(where(file.getParent()) + ": " + TOKENIZER + " is damaged or is not a"
                + " HuggingFace tokenizer file" + at + ": copy it again from the model's download, or " + RESTORE,
                problem);
    }

    /** {@value #MODEL} could not be loaded: the runtime found it damaged, or not an ONNX graph. */
    static EncoderException badModel(Path file, Exception problem) {
        return new EncoderException(where(file.getParent()) + ": " + MODEL + size(file) + " is damaged or is not"
                + " an ONNX model (a download cut short does this): copy it again from the model's download, or "
                + RESTORE, problem);
    }

    /** {@value #MODEL} loaded, but fails on a test sentence: it is not a sentence encoder simdex can run. */
    static EncoderException notAnEncoder(Path file, RuntimeException problem) {
        return new EncoderException(where(file.getParent()) + ": " + MODEL + " loads but cannot encode a test"
                + " sentence; simdex runs BERT-style sentence encoders exported to ONNX (inputs input_ids and"
                + " attention_mask, output one vector per token): " + RESTORE, problem);
    }

    /** A native library of the model runtime or the tokenizer failed to load on this machine. */
    static EncoderException runtimeUnavailable(Throwable problem) {
        return new EncoderException("the model runtime cannot start on this machine: its native libraries did not"
                + " load (simdex runs on Linux and Windows x86-64, Linux aarch64 and macOS, and unpacks them into"
                + " model.cache-dir or the temporary folder); run again with --verbose for the details", problem);
    }

    private static String where(Path dir) {
        return "model.dir " + dir;
    }

    /** "line 2, column 0" from the tokenizer's message, when it says where it stopped. */
    static Optional<String> position(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher at = POSITION.matcher(message);
        return at.find() ? Optional.of("line " + at.group(1) + ", column " + at.group(2)) : Optional.empty();
    }

    private static String size(Path file) {
        try {
            return " (" + Files.size(file) + " bytes)";
        } catch (IOException e) {
            return "";
        }
    }
}
