package buildsys.container;

import common.TwoliterException;

/**
 * Opens the container runtime when a build first needs it. A build whose actions are all cached never asks, so it
 * neither needs nor waits for a Docker engine.
 */
@FunctionalInterface
public interface RuntimeProvider {
    ContainerRuntime open() throws TwoliterException;
}
