package io.simdex.store;

import static io.simdex.store.TestStores.MINILM;
import static io.simdex.store.TestStores.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.Paper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

class SnapshotTest {

    private static final int BATCH = 20;

    @TempDir
    Path dir;

    @Test
    void a_snapshot_taken_while_another_thread_writes_holds_a_consistent_set() throws Exception {
        // given: a writer that commits batches of papers with their vectors, each with a count of the batches
        Path snapshot = dir.resolve("backups/snap.db");
        var stop = new AtomicBoolean();
        var committed = new AtomicInteger();
        try (PaperStore store = TestStores.open(dir.resolve("live.db"))) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int b = 1; !stop.get(); b++) {
                    var batch = new ArrayList<PaperWrite>();
                    for (int i = 0; i < BATCH; i++) {
                        Paper paper = paper("b" + b + "-" + i, "Batch " + b, "Paper " + i + " of batch " + b + ".");
                        batch.add(PaperWrite.of(paper, TestStores.embedding(MINILM, paper, b * 100L + i)));
                    }
                    store.putAll(batch, Map.of("batches", Integer.toString(b)));
                    committed.set(b);
                }
            });
            while (committed.get() < 20) {
                Thread.onSpinWait();
            }
            // when
            store.snapshot(snapshot);
            int atSnapshot = committed.get();
            while (committed.get() < atSnapshot + 10) {
                Thread.onSpinWait();
            }
            stop.set(true);
            writer.get(60, TimeUnit.SECONDS);
        }
        // then: the snapshot restores, opens (quick_check passes) and holds whole batches, each with its vectors
        Path restored = dir.resolve("restored.db");
        PaperStore.restore(snapshot, restored);
        try (PaperStore copy = TestStores.open(restored)) {
            int batches = Integer.parseInt(copy.fact("batches").orElseThrow());
            assertThat(batches).isGreaterThanOrEqualTo(20);
            assertThat(copy.count()).isEqualTo((long) batches * BATCH);
            assertThat(copy.countMissingEmbeddings(MINILM)).isZero();
            assertThat(copy.get("b" + batches + "-" + (BATCH - 1))).isPresent();
            assertThat(copy.get("b" + (batches + 1) + "-0")).isEmpty();
        }
    }

    @Test
    void the_checksum_file_is_in_sha256sum_format() throws Exception {
        Path snapshot = dir.resolve("snap.db");
        try (PaperStore store = TestStores.open(dir.resolve("live.db"))) {
            DamagedStoreTest.fill(store, 10);
            store.snapshot(snapshot);
        }

        assertThat(Files.readString(dir.resolve("snap.db.sha256"))).isEqualTo(sha256(snapshot) + "  snap.db\n");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("live.db", "snap.db", "snap.db.sha256");
    }

    @Test
    void a_snapshot_never_overwrites_a_file() throws IOException {
        Path snapshot = dir.resolve("snap.db");
        Files.writeString(snapshot, "precious");
        Files.writeString(dir.resolve("other.db.sha256"), "precious too");
        try (PaperStore store = TestStores.open(dir.resolve("live.db"))) {
            assertThatThrownBy(() -> store.snapshot(snapshot)).isInstanceOf(SnapshotException.class)
                    .hasMessage(snapshot + " already exists, and snapshots are never overwritten: choose another"
                            + " name");
            assertThatThrownBy(() -> store.snapshot(dir.resolve("other.db"))).isInstanceOf(SnapshotException.class)
                    .hasMessageContaining("other.db.sha256 already exists");
        }
        assertThat(Files.readString(snapshot)).isEqualTo("precious");
        assertThat(dir.resolve("other.db")).doesNotExist();
    }

    @Test
    void a_restore_brings_back_the_snapshot_and_drops_the_old_write_ahead_log() throws Exception {
        // given: a snapshot of one paper, then more writes whose log is kept aside as if the process had died
        Path live = dir.resolve("live.db");
        Path snapshot = dir.resolve("snap.db");
        Path wal = dir.resolve("live.db-wal");
        byte[] staleLog;
        try (PaperStore store = TestStores.open(live)) {
            store.put(paper("kept"), Optional.empty(), Optional.empty());
            store.snapshot(snapshot);
            store.put(paper("later"), Optional.empty(), Optional.empty());
            store.delete("kept", Optional.empty());
            staleLog = Files.readAllBytes(wal);
        }
        Files.write(wal, staleLog);
        // when
        PaperStore.restore(snapshot, live);
        // then
        assertThat(wal).doesNotExist();
        try (PaperStore store = TestStores.open(live)) {
            var ids = new ArrayList<String>();
            store.forEach(stored -> ids.add(stored.id()));
            assertThat(ids).containsExactly("kept");
        }
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("live.db", "snap.db", "snap.db.sha256");
    }

    @Test
    void a_snapshot_that_does_not_match_its_checksum_is_refused_and_the_target_kept() throws Exception {
        // given
        Path live = dir.resolve("live.db");
        Path snapshot = dir.resolve("snap.db");
        try (PaperStore store = TestStores.open(live)) {
            DamagedStoreTest.fill(store, 10);
            store.snapshot(snapshot);
        }
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(snapshot, bytes);
        byte[] target = Files.readAllBytes(live);
        // when / then
        assertThatThrownBy(() -> PaperStore.restore(snapshot, live)).isInstanceOf(SnapshotException.class)
                .hasMessageStartingWith(snapshot + " does not match its checksum (snap.db.sha256 says ")
                .hasMessageEndingWith("): it is damaged or incomplete; restore another snapshot");
        assertThat(Files.readAllBytes(live)).isEqualTo(target);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("live.db", "snap.db", "snap.db.sha256");
    }

    @Test
    void a_snapshot_without_its_checksum_is_refused() throws IOException {
        Path snapshot = dir.resolve("snap.db");
        try (PaperStore store = TestStores.open(dir.resolve("live.db"))) {
            store.snapshot(snapshot);
        }
        Files.delete(dir.resolve("snap.db.sha256"));

        assertThatThrownBy(() -> PaperStore.restore(snapshot, dir.resolve("target.db")))
                .isInstanceOf(SnapshotException.class)
                .hasMessage(snapshot + " has no checksum file snap.db.sha256 beside it: only a verified snapshot is"
                        + " restored; restore another snapshot");
        assertThat(dir.resolve("target.db")).doesNotExist();
    }

    @Test
    void a_damaged_snapshot_with_a_matching_checksum_fails_the_check() throws Exception {
        // given: a snapshot damaged before its checksum was taken
        Path snapshot = dir.resolve("snap.db");
        try (PaperStore store = TestStores.open(dir.resolve("live.db"))) {
            DamagedStoreTest.fill(store, 500);
            store.snapshot(snapshot);
        }
        byte[] bytes = Files.readAllBytes(snapshot);
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, bytes.length / 2 / 4096 * 4096, 4096);
        Files.write(snapshot, bytes);
        Files.writeString(dir.resolve("snap.db.sha256"), sha256(snapshot) + "  snap.db\n");
        // when / then
        assertThatThrownBy(() -> PaperStore.restore(snapshot, dir.resolve("target.db")))
                .isInstanceOf(SnapshotException.class)
                .hasMessageStartingWith(snapshot + " matches its checksum but is damaged (quick_check: ")
                .hasMessageEndingWith("): restore another snapshot");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("live.db", "snap.db", "snap.db.sha256");
    }

    @Test
    void a_file_that_is_not_a_database_is_not_restored() throws Exception {
        Path snapshot = dir.resolve("notes.txt");
        Files.writeString(snapshot, "not a database at all, but long enough to look like one might. ".repeat(100));
        Files.writeString(dir.resolve("notes.txt.sha256"), sha256(snapshot) + "  notes.txt\n");

        assertThatThrownBy(() -> PaperStore.restore(snapshot, dir.resolve("target.db")))
                .isInstanceOf(SnapshotException.class)
                .hasMessage(snapshot + " matches its checksum but is not a SQLite database: restore another snapshot");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("notes.txt", "notes.txt.sha256");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

}
