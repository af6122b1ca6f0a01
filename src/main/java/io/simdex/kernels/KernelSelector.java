package io.simdex.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Chooses the {@link VectorKernels} once per JVM: {@link PanamaKernels} when the Vector API can run fast, else
 * {@link ScalarKernels}, logging one line that says which and, on a fallback, why and how to fix it.
 *
 * <p>{@link PanamaKernels} is loaded reflectively and only after {@code jdk.incubator.vector} was found in the
 * boot layer, so a JVM started without {@code --add-modules jdk.incubator.vector} never tries to link it.
 */
final class KernelSelector {

    /** Set to {@code true} to use the scalar kernels even where the Vector API is available. */
    static final String FORCE_SCALAR_PROPERTY = "simdex.vector.scalar";

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final Logger LOG = LoggerFactory.getLogger(KernelSelector.class);

    private KernelSelector() {
    }

    /** What the runtime offers, as far as choosing kernels is concerned. */
    record Platform(boolean forceScalar, boolean vectorModulePresent, boolean interpreterOnly) {

        static Platform current() {
            return new Platform(
                    Boolean.getBoolean(FORCE_SCALAR_PROPERTY),
                    ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(),
                    System.getProperty("java.vm.info", "").contains("interpreted mode"));
        }
    }

    /** The decision: whether to try the Vector API, and the log line if not. */
    record Choice(boolean panama, String reason) {
    }

    /** Chooses and loads the kernels for this JVM and logs the choice. */
    static VectorKernels select() {
        Choice choice = choose(Platform.current());
        if (!choice.panama()) {
            if (Boolean.getBoolean(FORCE_SCALAR_PROPERTY)) {
                LOG.info(choice.reason());
            } else {
                LOG.warn(choice.reason());
            }
            return new ScalarKernels();
        }
        try {
            VectorKernels panama = loadPanama();
            LOG.info("Vector API enabled: using {} kernels for vector search", panama.name());
            return panama;
        } catch (UnsupportedOperationException e) {
            LOG.warn("Vector API unavailable ({}); using scalar kernels.", e.getMessage());
            return new ScalarKernels();
        }
    }

    /** The decision for a platform, without loading anything. */
    static Choice choose(Platform platform) {
        if (platform.forceScalar()) {
            return new Choice(false, "Using scalar vector kernels because -D" + FORCE_SCALAR_PROPERTY + "=true.");
        }
        if (!platform.vectorModulePresent()) {
            return new Choice(false, "Vector API unavailable (module " + VECTOR_MODULE
                    + " not in the boot layer); using scalar kernels. Start java with --add-modules " + VECTOR_MODULE
                    + " for faster search.");
        }
        if (platform.interpreterOnly()) {
            return new Choice(false, "Vector API disabled: the JVM runs in interpreted mode (-Xint), where it is"
                    + " slower than scalar code; using scalar kernels. Drop -Xint for faster search.");
        }
        return new Choice(true, "");
    }

    /**
     * Instantiates {@link PanamaKernels} by name, so that this class does not link to it.
     *
     * @throws UnsupportedOperationException if the platform's vectors are too narrow to pay off
     */
    static VectorKernels loadPanama() {
        try {
            var lookup = MethodHandles.lookup();
            var type = lookup.findClass(KernelSelector.class.getPackageName() + ".PanamaKernels");
            var constructor = lookup.findConstructor(type, MethodType.methodType(void.class));
            return (VectorKernels) constructor.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("PanamaKernels is missing or has no no-arg constructor", e);
        } catch (Throwable e) {
            throw new AssertionError("PanamaKernels() threw " + e, e);
        }
    }
}
