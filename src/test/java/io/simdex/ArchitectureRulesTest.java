package io.simdex;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import io.simdex.archfixtures.UsesDjl;
import io.simdex.archfixtures.UsesJavalin;
import io.simdex.archfixtures.UsesLucene;
import io.simdex.archfixtures.UsesTools;
import io.simdex.corpus.DailyPapersParser;
import io.simdex.corpus.archfixture.UsesSearch;
import io.simdex.search.archfixture.UsesJackson;
import io.simdex.text.Whitespace;
import io.simdex.text.archfixture.UsesCorpus;

/**
 * The test of {@link ArchitectureTest}: each rule fails on a class written to break it (the fixtures), so a rule
 * that could never fail would show up here.
 */
class ArchitectureRulesTest {

    @Test
    void javalin_outside_http_fails() {
        assertBroken(ArchitectureRules.ONLY_HTTP_USES_JAVALIN, UsesJavalin.class, "io.javalin.http.Context");
    }

    @Test
    void djl_outside_encode_fails() {
        assertBroken(ArchitectureRules.ONLY_ENCODE_USES_DJL, UsesDjl.class, "ai.djl.ndarray.types.Shape");
    }

    @Test
    void the_vector_api_outside_its_package_fails() throws ClassNotFoundException {
        // The tests compile without the incubating module, so the class that truly uses it stands in: the same
        // rule, with another package allowed, must reject it.
        Class<?> panama = Class.forName("io.simdex.kernels.PanamaKernels");
        JavaClasses classes = new ClassFileImporter().importClasses(panama);

        assertThatThrownBy(() -> ArchitectureRules.onlyPackageMayUse("io.simdex.index..", "the Vector API",
                "jdk.incubator.vector..").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("jdk.incubator.vector");
        assertThatCode(() -> ArchitectureRules.ONLY_KERNELS_USE_THE_VECTOR_API.check(classes))
                .doesNotThrowAnyException();
    }

    @Test
    void jdbc_outside_the_store_fails() {
        assertBroken(ArchitectureRules.ONLY_THE_STORE_USES_JDBC, io.simdex.archfixtures.UsesJdbc.class,
                "java.sql.Connection");
    }

    @Test
    void the_elasticsearch_client_outside_the_store_fails() {
        assertBroken(ArchitectureRules.ONLY_THE_STORE_USES_ELASTICSEARCH,
                io.simdex.archfixtures.UsesElasticsearch.class,
                "co.elastic.clients.elasticsearch.ElasticsearchClient");
    }

    @Test
    void lucene_outside_lexical_fails() {
        assertBroken(ArchitectureRules.ONLY_LEXICAL_USES_LUCENE, UsesLucene.class, "org.apache.lucene.index.Term");
    }

    @Test
    void the_service_using_a_tool_fails() {
        assertBroken(ArchitectureRules.THE_SERVICE_DOES_NOT_USE_THE_TOOLS, UsesTools.class,
                "io.simdex.tools.eval.Spearman");
    }

    @Test
    void json_in_a_use_case_fails() {
        assertBroken(ArchitectureRules.USE_CASES_HAVE_NO_JSON, UsesJackson.class,
                "com.fasterxml.jackson.databind.JsonNode");
    }

    @Test
    void an_arrow_against_the_pipeline_fails() {
        assertBroken(ArchitectureRules.THE_PIPELINE_RUNS_ONE_WAY, UsesSearch.class, "io.simdex.search.SearchMode");
    }

    @Test
    void a_cycle_between_stages_fails() {
        JavaClasses classes = new ClassFileImporter().importClasses(UsesCorpus.class,
                io.simdex.corpus.Paper.class, DailyPapersParser.class, Whitespace.class);

        assertThatThrownBy(() -> ArchitectureRules.NO_CYCLES.check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    private static void assertBroken(ArchRule rule, Class<?> fixture, String forbidden) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixture);

        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(fixture.getName())
                .hasMessageContaining(forbidden);
    }
}
