package buildsys.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Supplier;

/** Sparse disk images and deterministic GUIDs for the GPT tests. */
final class TestDisks {
    private TestDisks() {
    }

    /** GUID {@code n} of the sequence the tests and make-golden.sh share: the disk is 0, partitions 1, 2, ... */
    static UUID guid(long n) {
        return UUID.fromString(String.format("%08x-0000-4000-8000-%012x", n, n));
    }

    static Supplier<UUID> sequentialGuids() {
        long[] next = {0};
        return () -> guid(next[0]++);
    }

    static Path sparse(Path dir, String name, long mib) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(mib * 1024 * 1024);
        }
        return file;
    }

    static GptDisk write(Path file, PartitionTable table) throws IOException {
        try (FileChannel disk = FileChannel.open(file, StandardOpenOption.WRITE)) {
            return new GptWriter(sequentialGuids()).write(disk, table);
        }
    }

    static byte[] read(Path file, long position, int length) throws IOException {
        try (FileChannel disk = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && disk.read(buffer, position + buffer.position()) >= 0) {
                // keep reading
            }
            return buffer.array();
        }
    }

    static void overwrite(Path file, long position, byte[] bytes) throws IOException {
        try (FileChannel disk = FileChannel.open(file, StandardOpenOption.WRITE)) {
            disk.write(ByteBuffer.wrap(bytes), position);
        }
    }

    static void flipByte(Path file, long position) throws IOException {
        byte[] one = read(file, position, 1);
        one[0] ^= (byte) 0xff;
        overwrite(file, position, one);
    }
}
