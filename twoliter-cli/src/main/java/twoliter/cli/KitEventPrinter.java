package twoliter.cli;

import java.util.function.Consumer;
import twoliter.kits.KitEvent;

/** Renders what {@code update} and {@code fetch} report: one line each on standard error, warnings marked. */
final class KitEventPrinter implements Consumer<KitEvent> {
    private final Console console;

    KitEventPrinter(Console console) {
        this.console = console;
    }

    @Override
    public void accept(KitEvent event) {
        // Java 17 has no pattern switch; the family is sealed, so this chain is complete.
        if (event instanceof KitEvent.Overridden e) {
            console.info("override in effect: " + e.image());
        } else if (event instanceof KitEvent.Resolved e) {
            console.info("locked " + (e.sdk() ? "sdk " : "kit ") + e.image() + " " + e.image().digest());
        } else if (event instanceof KitEvent.LockWritten e) {
            console.info(e.changed() ? "wrote " + e.file() : e.file() + " is up to date");
        } else if (event instanceof KitEvent.Fetched e) {
            console.info("fetched " + e.kit().image() + " for " + e.arch() + " into " + e.dir());
        } else if (event instanceof KitEvent.UpToDate e) {
            console.info(e.kit().image() + " for " + e.arch() + " is up to date");
        } else if (event instanceof KitEvent.BuiltFromSource e) {
            console.info(e.kit().image() + " is built from source in " + e.project() + " (Twoliter.override):"
                    + " nothing to fetch");
        } else if (event instanceof KitEvent.MetadataWritten e) {
            console.info(e.changed() ? "wrote " + e.file() : e.file() + " is up to date");
        } else if (event instanceof KitEvent.Warning e) {
            console.warn(e.message());
        }
    }
}
