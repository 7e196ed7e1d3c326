package pubsys.ami;

import common.TwoliterException;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of an AMI's launch permissions as amis.json writes it: exactly one of {@code {"group": ...}},
 * {@code {"userid": ...}}, {@code {"organizationarn": ...}}, {@code {"organizationalunitarn": ...}}.
 */
public record LaunchPermission(Kind kind, String value) {
    public enum Kind {
        GROUP, USERID, ORGANIZATIONARN, ORGANIZATIONALUNITARN;

        /** The JSON key, e.g. {@code userid}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromKey(String key) throws TwoliterException {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            throw TwoliterException.badInput("unknown launch permission '" + key + "'; expected group, userid,"
                    + " organizationarn or organizationalunitarn");
        }
    }

    public LaunchPermission {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(value);
    }

    public static LaunchPermission group(String group) {
        return new LaunchPermission(Kind.GROUP, group);
    }

    public static LaunchPermission user(String account) {
        return new LaunchPermission(Kind.USERID, account);
    }

    /** Whether this is the {@code all} group, which makes an image public. */
    public boolean isPublic() {
        return kind == Kind.GROUP && "all".equals(value);
    }

    /**
     * The permission an EC2 {@code LaunchPermission} element describes; it must carry exactly one field, as
     * upstream requires.
     */
    public static LaunchPermission fromEc2(software.amazon.awssdk.services.ec2.model.LaunchPermission p)
            throws TwoliterException {
        int fields = 0;
        LaunchPermission found = null;
        if (p.group() != null) {
            fields++;
            found = new LaunchPermission(Kind.GROUP, p.groupAsString());
        }
        if (p.userId() != null) {
            fields++;
            found = new LaunchPermission(Kind.USERID, p.userId());
        }
        if (p.organizationArn() != null) {
            fields++;
            found = new LaunchPermission(Kind.ORGANIZATIONARN, p.organizationArn());
        }
        if (p.organizationalUnitArn() != null) {
            fields++;
            found = new LaunchPermission(Kind.ORGANIZATIONALUNITARN, p.organizationalUnitArn());
        }
        if (fields != 1) {
            throw new TwoliterException(common.ErrorCategory.FAILURE, "EC2 returned a launch permission with "
                    + fields + " fields (" + p + "); expected exactly one");
        }
        return found;
    }
}
