package io.simdex;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of simdex's layout (docs/ARCHITECTURE.md), as ArchUnit rules over compiled classes.
 * {@link ArchitectureTest} checks them against the product; {@link ArchitectureRulesTest} shows each one fail
 * on a class that breaks it.
 */
public final class ArchitectureRules {

    /** The composition root: {@code Main} and {@code App} wire every stage, so they may see every library. */
    private static final String ROOT = "io.simdex";

    private ArchitectureRules() {
    }

    /** Only {@code allowedPackage} (a package pattern such as {@code io.simdex.http..}) may use these libraries. */
    public static ArchRule onlyPackageMayUse(String allowedPackage, String what, String... libraryPackages) {
        return noClasses()
                .that().resideOutsideOfPackages(allowedPackage, ROOT)
                .should().dependOnClassesThat().resideInAnyPackage(libraryPackages)
                .as("only " + allowedPackage + " may use " + what)
                .allowEmptyShould(true);
    }

    /** Only http speaks HTTP. */
    public static final ArchRule ONLY_HTTP_USES_JAVALIN =
            onlyPackageMayUse("io.simdex.http..", "Javalin or Jetty", "io.javalin..", "org.eclipse.jetty..");

    /** Only encode runs the model. */
    public static final ArchRule ONLY_ENCODE_USES_DJL = onlyPackageMayUse("io.simdex.encode..",
            "DJL or ONNX Runtime", "ai.djl..", "ai.onnxruntime..", "com.microsoft.onnxruntime..");

    /** Only the kernels hold SIMD code. */
    public static final ArchRule ONLY_KERNELS_USE_THE_VECTOR_API =
            onlyPackageMayUse("io.simdex.kernels..", "the Vector API", "jdk.incubator.vector..");

    /** Only the store talks to the database. */
    public static final ArchRule ONLY_THE_STORE_USES_JDBC = onlyPackageMayUse("io.simdex.store..", "JDBC or SQLite",
            "java.sql..", "org.sqlite..");

    /** Only the store talks to Elasticsearch (its client and the low-level REST client under it). */
    public static final ArchRule ONLY_THE_STORE_USES_ELASTICSEARCH = onlyPackageMayUse("io.simdex.store..",
            "the Elasticsearch client", "co.elastic..", "org.elasticsearch..");

    /** Only the lexical stage runs Lucene; the bench measures Lucene as a peer. */
    public static final ArchRule ONLY_LEXICAL_USES_LUCENE = noClasses()
            .that().resideOutsideOfPackages("io.simdex.lexical..", "io.simdex.tools..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..")
            .as("only io.simdex.lexical.. (and the bench tool) may use Lucene");

    /** The service never needs its measuring tools; only {@code Main} registers their commands. */
    public static final ArchRule THE_SERVICE_DOES_NOT_USE_THE_TOOLS = noClasses()
            .that().resideOutsideOfPackage("io.simdex.tools..")
            .and().doNotHaveFullyQualifiedName("io.simdex.Main")
            .should().dependOnClassesThat().resideInAPackage("io.simdex.tools..")
            .as("nothing but the tools and Main may use io.simdex.tools..");

    /** Search and duplicate use cases know nothing of JSON; api/ shapes the wire format. */
    public static final ArchRule USE_CASES_HAVE_NO_JSON = noClasses()
            .that().resideInAnyPackage("io.simdex.search..", "io.simdex.dedup..", "io.simdex.map..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
            .as("search, dedup and map must not use Jackson: JSON shapes live in io.simdex.api");

    /**
     * Dependencies run one way along the pipeline, corpus → encode → index/lexical → store → ingest → search, dedup,
     * map → api → http, cli; config builds Settings from the stages' options records and no stage imports it; the tools sit
     * beside the service.
     */
    public static final ArchRule THE_PIPELINE_RUNS_ONE_WAY = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.simdex..")
            .layer("text").definedBy("io.simdex.text..")
            .layer("kernels").definedBy("io.simdex.kernels..")
            .layer("corpus").definedBy("io.simdex.corpus..")
            .layer("encode").definedBy("io.simdex.encode..")
            .layer("index").definedBy("io.simdex.index..")
            .layer("lexical").definedBy("io.simdex.lexical..")
            .layer("store").definedBy("io.simdex.store..")
            .layer("ingest").definedBy("io.simdex.ingest..")
            .layer("search").definedBy("io.simdex.search..")
            .layer("dedup").definedBy("io.simdex.dedup..")
            .layer("map").definedBy("io.simdex.map..")
            .layer("api").definedBy("io.simdex.api..")
            .layer("http").definedBy("io.simdex.http..")
            .layer("config").definedBy("io.simdex.config..")
            .layer("launch").definedBy("io.simdex.launch..")
            .layer("cli").definedBy("io.simdex.cli..")
            .layer("tools").definedBy("io.simdex.tools..")
            .layer("root").definedBy("io.simdex")
            .whereLayer("text").mayNotAccessAnyLayer()
            .whereLayer("kernels").mayNotAccessAnyLayer()
            .whereLayer("lexical").mayNotAccessAnyLayer()
            .whereLayer("corpus").mayOnlyAccessLayers("text")
            .whereLayer("encode").mayOnlyAccessLayers("kernels")
            .whereLayer("index").mayOnlyAccessLayers("kernels")
            .whereLayer("store").mayOnlyAccessLayers("corpus", "text")
            .whereLayer("ingest").mayOnlyAccessLayers("store", "corpus", "encode", "index", "lexical", "kernels",
                    "text")
            .whereLayer("search").mayOnlyAccessLayers("ingest", "corpus", "encode", "index", "lexical", "kernels",
                    "text")
            .whereLayer("dedup").mayOnlyAccessLayers("search", "ingest", "corpus", "encode", "index", "kernels",
                    "text")
            .whereLayer("map").mayOnlyAccessLayers("ingest", "corpus", "index", "lexical", "kernels")
            .whereLayer("api").mayOnlyAccessLayers("search", "dedup", "map", "ingest", "corpus")
            .whereLayer("http").mayOnlyAccessLayers("api", "search", "dedup", "map", "ingest", "store", "corpus",
                    "index")
            .whereLayer("config").mayOnlyAccessLayers("encode", "index", "search", "dedup", "http", "store")
            .whereLayer("http").mayOnlyBeAccessedByLayers("config", "root")
            .whereLayer("cli").mayOnlyBeAccessedByLayers("root")
            .whereLayer("tools").mayOnlyBeAccessedByLayers("root")
            .whereLayer("launch").mayOnlyBeAccessedByLayers("cli", "tools")
            .as("the stages depend on each other one way only (docs/ARCHITECTURE.md)");

    /** No two stages need each other. */
    public static final ArchRule NO_CYCLES = slices().matching("io.simdex.(*)..").should().beFreeOfCycles()
            .as("the packages of io.simdex are free of cycles");
}
