package io.simdex.tools.bench;

import java.util.List;

/**
 * A library whose encoders {@code simdex bench encode} measures next to simdex's; found with
 * {@link java.util.ServiceLoader}, so it exists only in the bench build.
 */
public interface EncoderPeer {

    /** Short name for progress and "skipped" lines. */
    String name();

    /** The configurations to measure, in order; cheap: nothing is loaded until {@link EncoderCandidate#opener()}. */
    List<EncoderCandidate> candidates();
}
