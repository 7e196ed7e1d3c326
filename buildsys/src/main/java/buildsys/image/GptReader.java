package buildsys.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads and verifies the partition table of a disk image, as {@code sgdisk -v} would: the protective MBR, both GPT
 * headers and arrays with their CRC32s, and that the backup is a copy of the primary.
 */
public final class GptReader {
    /** Larger arrays than this are not GPTs any tool here writes; refusing them bounds what a bad header allocates. */
    private static final long MAX_ARRAY_BYTES = 1 << 20;

    private final FileChannel disk;
    private final String image;

    private GptReader(FileChannel disk, String image) {
        this.disk = disk;
        this.image = image;
    }

    public static GptDisk read(Path image) throws IOException, InvalidGptException {
        try (FileChannel disk = FileChannel.open(image, StandardOpenOption.READ)) {
            return read(disk, image.toString());
        }
    }

    /** Reads the table of {@code disk}; {@code image} names it in error messages. */
    public static GptDisk read(FileChannel disk, String image) throws IOException, InvalidGptException {
        return new GptReader(Objects.requireNonNull(disk), Objects.requireNonNull(image)).read();
    }

    private GptDisk read() throws IOException, InvalidGptException {
        long sectors = disk.size() / GptWriter.SECTOR;
        if (sectors < 2 * GptWriter.FIRST_USABLE_LBA) {
            throw invalid("is " + disk.size() + " bytes, too small for a GPT");
        }
        if (!ProtectiveMbr.isProtective(sector(0))) {
            throw invalid("has no protective MBR in sector 0");
        }
        GptHeader primary = header(1, "primary");
        if (primary.alternateLba() != sectors - 1) {
            throw invalid("has its backup GPT header at sector " + primary.alternateLba() + " but its last sector is "
                    + (sectors - 1) + "; the image was resized after it was partitioned");
        }
        GptHeader backup = header(sectors - 1, "backup");
        ByteBuffer primaryArray = array(primary, "primary");
        ByteBuffer backupArray = array(backup, "backup");
        if (backup.alternateLba() != 1 || !sameTable(primary, backup) || !primaryArray.equals(backupArray)) {
            throw invalid("has a backup GPT that does not match the primary one");
        }
        return new GptDisk(primary.diskGuid(), sectors,
                GptEntries.decode(primaryArray, primary.entryCount(), primary.entrySize()));
    }

    private GptHeader header(long lba, String which) throws IOException, InvalidGptException {
        GptHeader header = GptHeader.decode(sector(lba), which + " GPT header of '" + image + "'");
        if (header.myLba() != lba) {
            throw invalid("has a " + which + " GPT header at sector " + lba + " that says it is at sector "
                    + header.myLba());
        }
        return header;
    }

    private ByteBuffer array(GptHeader header, String which) throws IOException, InvalidGptException {
        long bytes = (long) header.entryCount() * header.entrySize();
        if (header.entrySize() < GptEntries.SIZE || header.entrySize() % 8 != 0 || bytes > MAX_ARRAY_BYTES) {
            throw invalid("has a " + which + " GPT header describing " + header.entryCount() + " entries of "
                    + header.entrySize() + " bytes");
        }
        long sectors = disk.size() / GptWriter.SECTOR;
        if (header.entriesLba() < 2 || header.entriesLba() + bytes / GptWriter.SECTOR > sectors) {
            throw invalid("has a " + which + " GPT partition array at sector " + header.entriesLba()
                    + ", outside the disk");
        }
        ByteBuffer array = readAt(header.entriesLba() * GptWriter.SECTOR, (int) bytes);
        int crc = Crc.of(array);
        if (crc != header.entriesCrc()) {
            throw invalid("has a " + which + " GPT partition array with CRC32 " + GptHeader.hex(crc)
                    + " but its header records " + GptHeader.hex(header.entriesCrc())
                    + "; the partition entries are corrupt, build the image again");
        }
        return array;
    }

    private static boolean sameTable(GptHeader a, GptHeader b) {
        return a.diskGuid().equals(b.diskGuid()) && a.firstUsableLba() == b.firstUsableLba()
                && a.lastUsableLba() == b.lastUsableLba() && a.entryCount() == b.entryCount()
                && a.entrySize() == b.entrySize() && a.entriesCrc() == b.entriesCrc();
    }

    private ByteBuffer sector(long lba) throws IOException {
        return readAt(lba * GptWriter.SECTOR, GptWriter.SECTOR);
    }

    private ByteBuffer readAt(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (disk.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("'" + image + "' ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }

    private InvalidGptException invalid(String problem) {
        return new InvalidGptException("disk image '" + image + "' " + problem);
    }
}
