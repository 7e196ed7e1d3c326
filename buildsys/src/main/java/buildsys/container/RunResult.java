package buildsys.container;

/** How a container run ended. */
public record RunResult(int exitCode) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
