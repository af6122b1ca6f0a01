/**
 * The collection on disk: papers, their versions and their vectors in one SQLite file, written in transactions
 * that survive kill -9 (and power loss with {@code store.sync: full}); snapshots and their checked restore. The
 * only package that uses JDBC and SQLite.
 */
package io.simdex.store;
