package io.simdex.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Four vector accumulators of the preferred width; only loaded when the Vector API module is present. */
final class VectorStreamingRead implements StreamingRead {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float sum(float[] a, int from, int to) {
        int lanes = SPECIES.length();
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        int i = from;
        for (; i + 4 * lanes <= to; i += 4 * lanes) {
            acc0 = acc0.add(FloatVector.fromArray(SPECIES, a, i));
            acc1 = acc1.add(FloatVector.fromArray(SPECIES, a, i + lanes));
            acc2 = acc2.add(FloatVector.fromArray(SPECIES, a, i + 2 * lanes));
            acc3 = acc3.add(FloatVector.fromArray(SPECIES, a, i + 3 * lanes));
        }
        float s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public String description() {
        return "Vector API, " + SPECIES.vectorBitSize() + "-bit, 4 accumulators";
    }
}
