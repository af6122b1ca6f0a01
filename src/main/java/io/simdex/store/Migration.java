package io.simdex.store;

import java.util.List;
import java.util.Objects;

/**
 * One numbered step of the schema: SQL statements that take a database from {@code version - 1} to
 * {@code version}. Steps are never edited once released; a change to the schema is a new step.
 *
 * @param version     the schema version after this step, from 1
 * @param description what the step does, recorded with it in the database
 * @param statements  the SQL to run, in order, inside the migration's transaction
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("a migration's version must be >= 1, got " + version);
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
    }
}
