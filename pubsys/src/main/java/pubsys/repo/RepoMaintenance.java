package pubsys.repo;

import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pubsys.infra.RepoConfig;
import pubsys.keys.Signers;
import pubsys.policy.ExpirationPolicy;
import pubsys.tuf.Expirations;
import pubsys.tuf.LoadedRepository;
import pubsys.tuf.RepositoryLayout;
import pubsys.tuf.RepositoryLoader;
import pubsys.tuf.RepositoryWriter;
import pubsys.tuf.WriteRequest;

/** {@code validate-repo}, {@code check-repo-expirations} and {@code refresh-repo} (pubsys.md §8). */
public final class RepoMaintenance {
    /** Loading without the expiry check: every expiry lies after the epoch. */
    private static final Clock UNSAFE = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private RepoMaintenance() {
    }

    /** Loads and verifies the repo (and, when asked, every target file); throws on any problem. */
    public static int validate(String repo, RepoConfig config, String variant, String arch, Path rootRole,
                               boolean targets, Clock clock) throws TwoliterException {
        LoadedRepository loaded = RepositoryLoader.load(RepoLocation.require(repo, config, variant, arch,
                name -> targets), rootRole, clock);
        if (targets) {
            loaded.verifyTargets();
        }
        return loaded.listTargets().size();
    }

    /**
     * The roles of the repo that expire before {@code limit} (and those already expired), as messages; empty when
     * all is well.
     */
    public static List<String> expiring(String repo, RepoConfig config, String variant, String arch, Path rootRole,
                                        Instant limit, Clock clock) throws TwoliterException {
        RepositoryLayout layout = RepoLocation.require(repo, config, variant, arch, name -> false);
        LoadedRepository loaded = RepositoryLoader.load(layout, rootRole, UNSAFE);
        Map<String, Instant> expires = new LinkedHashMap<>();
        expires.put("root", loaded.root().signed().expires());
        expires.put("snapshot", loaded.snapshot().signed().expires());
        expires.put("targets", loaded.targetsMetadata().signed().expires());
        expires.put("timestamp", loaded.timestamp().signed().expires());
        List<String> problems = new ArrayList<>();
        Instant now = clock.instant();
        expires.forEach((role, at) -> {
            if (at.isBefore(now)) {
                problems.add("repo '" + layout.metadataDir() + "': '" + role + "' expired on " + at);
            } else if (!at.isAfter(limit)) {
                problems.add("repo '" + layout.metadataDir() + "': '" + role + "' expires at " + at + ", within the"
                        + " limit " + limit);
            }
        });
        return problems;
    }

    /** Re-signs the repo's metadata with new versions and expirations into {@code outdir}; targets are unchanged. */
    public static Path refresh(String repo, RepoConfig config, String variant, String arch, Path rootRole,
                               Path defaultKey, ExpirationPolicy policy, boolean unsafe, Path outdir, Clock clock)
            throws TwoliterException {
        Path metadataOut = outdir.resolve(variant).resolve(arch);
        if (Files.exists(metadataOut)) {
            throw TwoliterException.badInput("repo exists at '" + metadataOut + "'; remove it and try again");
        }
        RepositoryLayout layout = RepoLocation.require(repo, config, variant, arch, name -> false);
        LoadedRepository loaded;
        try {
            loaded = RepositoryLoader.load(layout, rootRole, unsafe ? UNSAFE : clock);
        } catch (TwoliterException e) {
            throw new TwoliterException(e.category(), e.getMessage() + (unsafe ? "" : "; if the metadata only"
                    + " expired, refresh with REPO_UNSAFE_REFRESH=true"));
        }
        Instant now = clock.instant();
        ExpirationPolicy.Expirations expires = policy.expirations(now, now);
        RepositoryWriter.write(new WriteRequest(rootRole, List.of(Signers.forRepo(repo, config.signingKeys(), defaultKey)),
                java.util.Optional.of(loaded), List.of(), now.getEpochSecond(), new Expirations(
                expires.targets(), expires.snapshot(), expires.timestamp()), new RepositoryLayout(metadataOut,
                outdir.resolve("targets"))));
        if (!Files.isDirectory(metadataOut)) {
            throw new TwoliterException(ErrorCategory.FAILURE, "refresh wrote no metadata at '" + metadataOut + "'");
        }
        return metadataOut;
    }
}
