package org.syncnet.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingRecordIsEpochZeroAndAWrittenOneSurvivesARestart() {
        Path file = dir.resolve("syncnet/epoch");
        EpochFile first = new EpochFile(file);
        assertEquals(0, first.read());
        first.write(7);
        first.write(12);
        assertEquals(12, first.read());
        assertEquals(12, new EpochFile(file).read(), "what a new process reads");
        assertFalse(Files.exists(file.resolveSibling("epoch.tmp")), "the temporary file was renamed");
    }

    @Test
    void aDamagedRecordIsAnErrorNamingTheFileNeverEpochZero() throws IOException {
        Path file = dir.resolve("epoch");
        new EpochFile(file).write(5);
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] ^= 1; // a bit of the epoch flipped: the checksum no longer matches
        Files.write(file, bytes);
        IllegalStateException flipped = assertThrows(IllegalStateException.class, () -> new EpochFile(file));
        assertTrue(flipped.getMessage().contains(file.toString()) && flipped.getMessage().contains("checksum"),
                flipped.getMessage());

        Files.write(file, new byte[] {'S', 'N', 'E', 'P', 1, 0, 0});
        assertThrows(IllegalStateException.class, () -> new EpochFile(file), "truncated");
        Files.write(file, new byte[0]);
        assertThrows(IllegalStateException.class, () -> new EpochFile(file), "empty");
        Files.writeString(file, "garbage that is seventeen bytes!!".substring(0, EpochFile.SIZE));
        IllegalStateException garbage = assertThrows(IllegalStateException.class, () -> new EpochFile(file));
        assertTrue(garbage.getMessage().contains("version"), garbage.getMessage());
    }
}
