package io.simdex;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The product's classes keep the layout of docs/ARCHITECTURE.md; the rules are in {@link ArchitectureRules}. */
@AnalyzeClasses(packages = "io.simdex", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule only_http_uses_javalin_or_jetty = ArchitectureRules.ONLY_HTTP_USES_JAVALIN;

    @ArchTest
    static final ArchRule only_encode_uses_djl_or_onnx_runtime = ArchitectureRules.ONLY_ENCODE_USES_DJL;

    @ArchTest
    static final ArchRule only_the_kernels_use_the_vector_api = ArchitectureRules.ONLY_KERNELS_USE_THE_VECTOR_API;

    @ArchTest
    static final ArchRule only_the_store_uses_jdbc = ArchitectureRules.ONLY_THE_STORE_USES_JDBC;

    @ArchTest
    static final ArchRule only_the_store_uses_elasticsearch = ArchitectureRules.ONLY_THE_STORE_USES_ELASTICSEARCH;

    @ArchTest
    static final ArchRule only_lexical_uses_lucene = ArchitectureRules.ONLY_LEXICAL_USES_LUCENE;

    @ArchTest
    static final ArchRule the_service_does_not_use_the_tools = ArchitectureRules.THE_SERVICE_DOES_NOT_USE_THE_TOOLS;

    @ArchTest
    static final ArchRule search_and_dedup_have_no_json = ArchitectureRules.USE_CASES_HAVE_NO_JSON;

    @ArchTest
    static final ArchRule the_pipeline_runs_one_way = ArchitectureRules.THE_PIPELINE_RUNS_ONE_WAY;

    @ArchTest
    static final ArchRule no_cycles = ArchitectureRules.NO_CYCLES;
}
