package buildsys.exec;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One build at a time per project: a second build of the same checkout waits for the first, so the two never
 * write the same outputs at once. The lock is the kernel's; a killed process releases it.
 */
final class ProjectLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static ProjectLock acquire(Path projectRoot, BuildListener listener) throws TwoliterException {
        Path file = projectRoot.resolve("build/.twoliter.lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                listener.note("waiting for another twoliter build of this project to finish (lock " + file + ")");
                lock = channel.lock();
            }
            return new ProjectLock(channel, lock);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot lock '" + file + "': " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        }
    }
}
