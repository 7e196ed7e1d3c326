package twoliter.cli;

import pubsys.ami.snapshot.ProgressListener;
import pubsys.ami.snapshot.UploadProgress;

/**
 * Draws snapshot-upload progress: a bar that rewrites itself on a terminal, otherwise a plain line at every tenth
 * of the blocks, so CI logs stay short. Nothing at all with {@code --no-progress} / {@code NO_PROGRESS}.
 */
final class UploadProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final Console console;
    private final boolean terminal;
    private long lastDecile = -1;
    private String lastFile = "";

    UploadProgressBar(Console console, boolean terminal) {
        this.console = console;
        this.terminal = terminal;
    }

    static ProgressListener create(Console console, boolean disabled) {
        if (disabled) {
            return ProgressListener.NONE;
        }
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new UploadProgressBar(console, terminal);
    }

    @Override
    public void progress(UploadProgress p) {
        if (!p.file().equals(lastFile)) {
            lastFile = p.file();
            lastDecile = -1;
        }
        long total = Math.max(1, p.blocksTotal());
        int percent = (int) (100 * p.blocksDone() / total);
        String mib = String.format("%.1f MiB sent", p.bytesUploaded() / 1048576.0);
        if (terminal) {
            int filled = (int) (WIDTH * p.blocksDone() / total);
            console.err().print("\r\033[K" + p.file() + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                    + percent + "% " + p.blocksDone() + "/" + p.blocksTotal() + " blocks, " + mib);
            if (p.blocksDone() >= p.blocksTotal()) {
                console.err().println();
            }
            return;
        }
        long decile = 10 * p.blocksDone() / total;
        if (decile != lastDecile) {
            lastDecile = decile;
            console.info("uploading " + p.file() + ": " + percent + "% (" + p.blocksDone() + "/" + p.blocksTotal()
                    + " blocks, " + p.blocksUploaded() + " non-zero, " + mib + ")");
        }
    }
}
