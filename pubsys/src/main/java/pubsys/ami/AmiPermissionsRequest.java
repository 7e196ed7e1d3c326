package pubsys.ami;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code publish-ami} run (pubsys.md §11): the amis.json to read and rewrite, the regions to change (empty means
 * every region of the file), whether to grant or revoke, and to whom.
 */
public record AmiPermissionsRequest(Path amiInput, List<String> regions, Operation operation, Principals principals) {
    public AmiPermissionsRequest {
        Objects.requireNonNull(amiInput);
        regions = List.copyOf(regions);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(principals);
    }

    /** {@code --grant} adds the principals, {@code --revoke} removes them. */
    public enum Operation {
        GRANT("add"), REVOKE("remove");

        private final String ec2;

        Operation(String ec2) {
            this.ec2 = ec2;
        }

        /** EC2's {@code OperationType}: {@code add} or {@code remove}. */
        public String ec2() {
            return ec2;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Whom the permissions are for: account ids, groups ({@code all} makes an image public), organizations and
     * organizational units (by ARN). EC2 has no organization permissions on snapshots, so those two only reach images.
     */
    public record Principals(List<String> userIds, List<String> groupNames, List<String> organizationArns,
                             List<String> organizationalUnitArns) {
        public Principals {
            userIds = List.copyOf(userIds);
            groupNames = List.copyOf(groupNames);
            organizationArns = List.copyOf(organizationArns);
            organizationalUnitArns = List.copyOf(organizationalUnitArns);
        }

        public static Principals groups(String... names) {
            return new Principals(List.of(), List.of(names), List.of(), List.of());
        }

        public static Principals users(String... accounts) {
            return new Principals(List.of(accounts), List.of(), List.of(), List.of());
        }

        public boolean isEmpty() {
            return userIds.isEmpty() && groupNames.isEmpty() && organizationArns.isEmpty()
                    && organizationalUnitArns.isEmpty();
        }

        /** Whether anything applies to snapshots: user ids or group names. */
        boolean touchesSnapshots() {
            return !userIds.isEmpty() || !groupNames.isEmpty();
        }

        /** For messages and dry runs: {@code UserIds=[1], GroupNames=[all]} with the snapshot call's names. */
        String snapshotParams() {
            List<String> parts = new ArrayList<>();
            add(parts, "UserIds", userIds);
            add(parts, "GroupNames", groupNames);
            return String.join(" ", parts);
        }

        /** For messages and dry runs, with the image call's names. */
        String imageParams() {
            List<String> parts = new ArrayList<>();
            add(parts, "UserIds", userIds);
            add(parts, "UserGroups", groupNames);
            add(parts, "OrganizationArns", organizationArns);
            add(parts, "OrganizationalUnitArns", organizationalUnitArns);
            return String.join(" ", parts);
        }

        private static void add(List<String> parts, String name, List<String> values) {
            if (!values.isEmpty()) {
                parts.add(name + "=" + values);
            }
        }
    }
}
