package pubsys.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the emulator remembers, per region, and the behaviour of each action. Every method holds the lock. */
final class State {
    private static final int BLOCK_SIZE = 524288;
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role/.+");

    /** An AWS error to answer with. */
    static final class AwsError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        AwsError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private static final class Img {
        String id;
        String name;
        String arch;
        String state;
        String owner;
        String description;
        int pendingLeft;
        final List<String> perms = new ArrayList<>();
        final List<String[]> devices = new ArrayList<>(); // deviceName, snapshotId, size, type
        Map<String, String> params = new LinkedHashMap<>();
    }

    private static final class Snap {
        String id;
        String state;
        int volumeSize;
        String description = "";
        final SortedMap<Integer, String> checksums = new TreeMap<>();
        final SortedMap<Integer, byte[]> digests = new TreeMap<>();
        final List<String> perms = new ArrayList<>();
    }

    private final Map<String, Map<String, Img>> images = new HashMap<>();
    private final Map<String, Map<String, Snap>> snapshots = new HashMap<>();
    private final Map<String, TreeMap<String, String[]>> parameters = new HashMap<>(); // value, version
    private final Set<String> invalidNamespaces = new HashSet<>();
    private final Map<String, String> accounts = new HashMap<>();
    private long next = 0x1000;
    volatile int pendingPolls;

    private String id(String prefix) {
        return prefix + String.format("%017x", next++);
    }

    private Map<String, Img> images(String region, boolean create) {
        return create ? images.computeIfAbsent(region, r -> new LinkedHashMap<>())
                : images.getOrDefault(region, Map.of());
    }

    private Map<String, Snap> snaps(String region) {
        return snapshots.computeIfAbsent(region, r -> new LinkedHashMap<>());
    }

    // ---- inspection and seeding --------------------------------------------------------------------------------

    synchronized List<AwsEmulator.FakeImage> images(String region) {
        List<AwsEmulator.FakeImage> out = new ArrayList<>();
        for (Img i : images(region, false).values()) {
            out.add(new AwsEmulator.FakeImage(i.id, i.name, i.arch, i.state, i.perms.contains("group:all"),
                    List.copyOf(i.perms), i.devices.stream().map(d -> d[1]).toList(), Map.copyOf(i.params)));
        }
        return out;
    }

    synchronized List<AwsEmulator.FakeSnapshot> snapshots(String region) {
        List<AwsEmulator.FakeSnapshot> out = new ArrayList<>();
        for (Snap s : snaps(region).values()) {
            out.add(new AwsEmulator.FakeSnapshot(s.id, s.state, s.volumeSize, new TreeMap<>(s.checksums),
                    List.copyOf(s.perms), s.description));
        }
        return out;
    }

    synchronized String seedImage(String region, String name, String arch, boolean isPublic, List<String> perms) {
        Snap s = new Snap();
        s.id = id("snap-");
        s.state = "completed";
        s.volumeSize = 2;
        snaps(region).put(s.id, s);
        Img i = new Img();
        i.id = id("ami-");
        i.name = name;
        i.arch = arch;
        i.state = "available";
        i.owner = AwsEmulator.ACCOUNT;
        i.perms.addAll(perms);
        if (isPublic && !i.perms.contains("group:all")) {
            i.perms.add("group:all");
        }
        i.devices.add(new String[] {"/dev/xvda", s.id, "2", "gp2"});
        images(region, true).put(i.id, i);
        return i.id;
    }

    synchronized Map<String, String> parameters(String region) {
        Map<String, String> out = new TreeMap<>();
        parameters.getOrDefault(region, new TreeMap<>()).forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    synchronized void putParameter(String region, String name, String value) {
        TreeMap<String, String[]> params = parameters.computeIfAbsent(region, r -> new TreeMap<>());
        String[] old = params.get(name);
        params.put(name, new String[] {value, String.valueOf(old == null ? 1 : Integer.parseInt(old[1]) + 1)});
    }

    synchronized void invalidNamespace(String region) {
        invalidNamespaces.add(region);
    }

    // ---- EC2 ---------------------------------------------------------------------------------------------------

    synchronized ResponseDefinition ec2(String region, Wire.Parsed p) {
        Map<String, String> q = p.params();
        return switch (p.action()) {
            case "DescribeImages" -> describeImages(region, q);
            case "RegisterImage" -> registerImage(region, q);
            case "CopyImage" -> copyImage(region, q);
            case "DeregisterImage" -> {
                image(region, q.get("ImageId")).state = "deregistered";
                images(region, true).remove(q.get("ImageId"));
                yield Wire.ec2("DeregisterImage", "<return>true</return>");
            }
            case "DescribeSnapshots" -> describeSnapshots(region, q);
            case "DeleteSnapshot" -> deleteSnapshot(region, q.get("SnapshotId"));
            case "ModifySnapshotAttribute" -> {
                Snap s = snapshot(region, q.get("SnapshotId"));
                modify(s.perms, q, "CreateVolumePermission");
                yield Wire.ec2("ModifySnapshotAttribute", "<return>true</return>");
            }
            case "ModifyImageAttribute" -> {
                Img i = image(region, q.get("ImageId"));
                modify(i.perms, q, "LaunchPermission");
                yield Wire.ec2("ModifyImageAttribute", "<return>true</return>");
            }
            case "DescribeImageAttribute" -> {
                Img i = image(region, q.get("ImageId"));
                StringBuilder b = new StringBuilder("<imageId>" + i.id + "</imageId><launchPermission>");
                for (String perm : i.perms) {
                    String[] kv = perm.split(":", 2);
                    String tag = switch (kv[0]) {
                        case "userid" -> "userId";
                        case "organizationarn" -> "organizationArn";
                        case "organizationalunitarn" -> "organizationalUnitArn";
                        default -> "group";
                    };
                    b.append("<item><").append(tag).append('>').append(Wire.esc(kv[1])).append("</").append(tag)
                            .append("></item>");
                }
                yield Wire.ec2("DescribeImageAttribute", b.append("</launchPermission>").toString());
            }
            default -> throw new AwsError(400, "InvalidAction", "The action " + p.action() + " is not valid");
        };
    }

    private Img image(String region, String id) {
        Img i = images(region, false).get(id);
        if (i == null) {
            throw new AwsError(400, "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
        }
        return i;
    }

    private Snap snapshot(String region, String id) {
        Snap s = snaps(region).get(id);
        if (s == null) {
            throw new AwsError(400, "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
        }
        return s;
    }

    /** Applies add/remove of users, groups and organisations in either request form to {@code perms}. */
    private static void modify(List<String> perms, Map<String, String> q, String structure) {
        String op = q.getOrDefault("OperationType", "add");
        List<String> flat = new ArrayList<>();
        q.forEach((k, v) -> {
            if (k.startsWith("UserId.")) {
                flat.add("userid:" + v);
            } else if (k.startsWith("UserGroup.")) {
                flat.add("group:" + v);
            } else if (k.startsWith("OrganizationArn.")) {
                flat.add("organizationarn:" + v);
            } else if (k.startsWith("OrganizationalUnitArn.")) {
                flat.add("organizationalunitarn:" + v);
            }
        });
        apply(perms, op, flat);
        for (String which : List.of("Add", "Remove")) {
            List<String> nested = new ArrayList<>();
            q.forEach((k, v) -> {
                if (k.startsWith(structure + "." + which + ".")) {
                    String field = k.substring(k.lastIndexOf('.') + 1);
                    nested.add(switch (field) {
                        case "UserId" -> "userid:";
                        case "OrganizationArn" -> "organizationarn:";
                        case "OrganizationalUnitArn" -> "organizationalunitarn:";
                        default -> "group:";
                    } + v);
                }
            });
            apply(perms, which.toLowerCase(), nested);
        }
    }

    private static void apply(List<String> perms, String op, List<String> entries) {
        for (String e : entries) {
            if ("remove".equals(op)) {
                perms.remove(e);
            } else if (!perms.contains(e)) {
                perms.add(e);
            }
        }
    }

    private ResponseDefinition describeImages(String region, Map<String, String> q) {
        List<String> ids = indexed(q, "ImageId.");
        Map<String, List<String>> filters = new HashMap<>();
        for (int n = 1; q.containsKey("Filter." + n + ".Name"); n++) {
            filters.put(q.get("Filter." + n + ".Name"), indexed(q, "Filter." + n + ".Value."));
        }
        List<Img> found = new ArrayList<>();
        for (String id : ids) {
            found.add(image(region, id));
        }
        if (ids.isEmpty()) {
            found.addAll(images(region, false).values());
        }
        StringBuilder b = new StringBuilder("<imagesSet>");
        for (Img i : found) {
            if (!matches(i, filters)) {
                continue;
            }
            b.append(describe(i));
            // Each DescribeImages that names a pending image counts down; the n-th answer is the last "pending".
            if (!ids.isEmpty() && i.pendingLeft > 0) {
                i.pendingLeft--;
                if (i.pendingLeft == 0 && "pending".equals(i.state)) {
                    i.state = "available";
                }
            }
        }
        return Wire.ec2("DescribeImages", b.append("</imagesSet>").toString());
    }

    private static boolean matches(Img i, Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String actual = switch (f.getKey()) {
                case "name" -> i.name;
                case "architecture" -> i.arch;
                case "image-type" -> "machine";
                case "virtualization-type" -> "hvm";
                case "state" -> i.state;
                default -> throw new AwsError(400, "InvalidParameterValue", "The filter '" + f.getKey()
                        + "' is invalid");
            };
            if (!f.getValue().contains(actual)) {
                return false;
            }
        }
        return true;
    }

    private String describe(Img i) {
        StringBuilder b = new StringBuilder("<item><imageId>").append(i.id).append("</imageId>")
                .append("<imageState>").append(i.state).append("</imageState>")
                .append("<imageOwnerId>").append(i.owner).append("</imageOwnerId>")
                .append("<isPublic>").append(i.perms.contains("group:all")).append("</isPublic>")
                .append("<architecture>").append(Wire.esc(i.arch)).append("</architecture>")
                .append("<imageType>machine</imageType>")
                .append("<name>").append(Wire.esc(i.name)).append("</name>");
        if (i.description != null) {
            b.append("<description>").append(Wire.esc(i.description)).append("</description>");
        }
        b.append("<rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>")
                .append("<blockDeviceMapping>");
        for (String[] d : i.devices) {
            b.append("<item><deviceName>").append(d[0]).append("</deviceName><ebs><snapshotId>").append(d[1])
                    .append("</snapshotId><volumeSize>").append(d[2]).append("</volumeSize>")
                    .append("<deleteOnTermination>true</deleteOnTermination><volumeType>").append(d[3])
                    .append("</volumeType></ebs></item>");
        }
        b.append("</blockDeviceMapping><virtualizationType>hvm</virtualizationType>");
        b.append("<enaSupport>").append(i.params.getOrDefault("EnaSupport", "true")).append("</enaSupport>");
        b.append("<sriovNetSupport>").append(i.params.getOrDefault("SriovNetSupport", "simple"))
                .append("</sriovNetSupport>");
        if (i.params.containsKey("BootMode")) {
            b.append("<bootMode>").append(i.params.get("BootMode")).append("</bootMode>");
        }
        return b.append("</item>").toString();
    }

    private void requireUniqueName(String region, String name) {
        for (Img other : images(region, false).values()) {
            if (other.name.equals(name)) {
                throw new AwsError(400, "InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI "
                        + other.id);
            }
        }
    }

    private ResponseDefinition registerImage(String region, Map<String, String> q) {
        String name = required(q, "Name");
        requireUniqueName(region, name);
        Img i = new Img();
        i.name = name;
        i.arch = q.getOrDefault("Architecture", "x86_64");
        i.description = q.get("Description");
        for (int n = 1; q.containsKey("BlockDeviceMapping." + n + ".DeviceName"); n++) {
            String prefix = "BlockDeviceMapping." + n + ".";
            String snap = required(q, prefix + "Ebs.SnapshotId");
            Snap s = snapshot(region, snap);
            if (!"completed".equals(s.state)) {
                throw new AwsError(400, "IncorrectState", "Snapshot " + snap + " is in state '" + s.state
                        + "', not 'completed'");
            }
            i.devices.add(new String[] {q.get(prefix + "DeviceName"), snap,
                    q.getOrDefault(prefix + "Ebs.VolumeSize", String.valueOf(s.volumeSize)),
                    q.getOrDefault(prefix + "Ebs.VolumeType", "gp2")});
        }
        if (i.devices.isEmpty()) {
            throw new AwsError(400, "InvalidParameterCombination", "no block device mappings");
        }
        return created(region, i, q, "RegisterImage");
    }

    private ResponseDefinition created(String region, Img i, Map<String, String> q, String action) {
        i.id = id("ami-");
        i.owner = AwsEmulator.ACCOUNT;
        i.params = new LinkedHashMap<>(q);
        i.pendingLeft = pendingPolls;
        i.state = pendingPolls > 0 ? "pending" : "available";
        images(region, true).put(i.id, i);
        return Wire.ec2(action, "<imageId>" + i.id + "</imageId>");
    }

    private ResponseDefinition copyImage(String region, Map<String, String> q) {
        String sourceRegion = required(q, "SourceRegion");
        Img source = image(sourceRegion, required(q, "SourceImageId"));
        if (!"available".equals(source.state)) {
            throw new AwsError(400, "IncorrectState", "Image " + source.id + " is not available");
        }
        String name = q.getOrDefault("Name", source.name);
        requireUniqueName(region, name);
        Img copy = new Img();
        copy.name = name;
        copy.arch = source.arch;
        copy.description = q.getOrDefault("Description", source.description);
        for (String[] d : source.devices) {
            Snap s = new Snap();
            s.id = id("snap-");
            s.state = "completed";
            s.volumeSize = Integer.parseInt(d[2]);
            s.description = "Copied for " + name;
            snaps(region).put(s.id, s);
            copy.devices.add(new String[] {d[0], s.id, d[2], d[3]});
        }
        return created(region, copy, q, "CopyImage");
    }

    private ResponseDefinition describeSnapshots(String region, Map<String, String> q) {
        List<String> ids = indexed(q, "SnapshotId.");
        List<Snap> found = new ArrayList<>();
        for (String id : ids) {
            found.add(snapshot(region, id));
        }
        if (ids.isEmpty()) {
            found.addAll(snaps(region).values());
        }
        StringBuilder b = new StringBuilder("<snapshotSet>");
        for (Snap s : found) {
            b.append("<item><snapshotId>").append(s.id).append("</snapshotId><status>").append(s.state)
                    .append("</status><volumeSize>").append(s.volumeSize).append("</volumeSize><ownerId>")
                    .append(AwsEmulator.ACCOUNT).append("</ownerId><description>").append(Wire.esc(s.description))
                    .append("</description></item>");
        }
        return Wire.ec2("DescribeSnapshots", b.append("</snapshotSet>").toString());
    }

    private ResponseDefinition deleteSnapshot(String region, String id) {
        snapshot(region, id);
        for (Img i : images(region, false).values()) {
            for (String[] d : i.devices) {
                if (d[1].equals(id)) {
                    throw new AwsError(400, "InvalidSnapshot.InUse", "The snapshot " + id + " is currently in use"
                            + " by " + i.id);
                }
            }
        }
        snaps(region).remove(id);
        return Wire.ec2("DeleteSnapshot", "<return>true</return>");
    }

    private static List<String> indexed(Map<String, String> q, String prefix) {
        List<String> out = new ArrayList<>();
        for (int n = 1; q.containsKey(prefix + n); n++) {
            out.add(q.get(prefix + n));
        }
        return out;
    }

    private static String required(Map<String, String> q, String key) {
        String v = q.get(key);
        if (v == null || v.isEmpty()) {
            throw new AwsError(400, "MissingParameter", "The request must contain the parameter " + key);
        }
        return v;
    }

    // ---- EBS direct --------------------------------------------------------------------------------------------

    synchronized ResponseDefinition ebs(String region, Wire.Parsed p, byte[] ignored) {
        Map<String, String> q = p.params();
        switch (p.action()) {
            case "StartSnapshot" -> {
                int size = Integer.parseInt(required(q, "VolumeSize"));
                Snap s = new Snap();
                s.id = id("snap-");
                s.state = "pending";
                s.volumeSize = size;
                s.description = q.getOrDefault("Description", "");
                snaps(region).put(s.id, s);
                ObjectNode body = Wire.JSON.createObjectNode().put("SnapshotId", s.id)
                        .put("OwnerId", AwsEmulator.ACCOUNT).put("Status", "pending")
                        .put("StartTime", System.currentTimeMillis() / 1000.0).put("VolumeSize", size)
                        .put("BlockSize", BLOCK_SIZE).put("Description", s.description);
                return Wire.json(201, "application/json", body);
            }
            case "PutSnapshotBlock" -> {
                Snap s = ebsSnapshot(region, q.get("SnapshotId"));
                if (!"pending".equals(s.state)) {
                    throw new AwsError(400, "ValidationException", "snapshot " + s.id + " is " + s.state);
                }
                int index = Integer.parseInt(q.get("BlockIndex"));
                byte[] data = p.payload();
                if (data.length != BLOCK_SIZE || !String.valueOf(BLOCK_SIZE).equals(q.get("DataLength"))) {
                    throw new AwsError(400, "ValidationException", "block " + index + " has " + data.length
                            + " bytes (DataLength " + q.get("DataLength") + "), expected " + BLOCK_SIZE);
                }
                if ((long) index * BLOCK_SIZE >= (long) s.volumeSize << 30) {
                    throw new AwsError(400, "ValidationException", "block index " + index + " is beyond the volume");
                }
                byte[] digest = sha256(data);
                String checksum = Base64.getEncoder().encodeToString(digest);
                if (!checksum.equals(q.get("Checksum")) || !"SHA256".equals(q.get("ChecksumAlgorithm"))) {
                    throw new AwsError(400, "ValidationException", "checksum mismatch for block " + index);
                }
                s.checksums.put(index, checksum);
                s.digests.put(index, digest);
                return new ResponseDefinitionBuilder().withStatus(201).withHeader("x-amz-Checksum", checksum)
                        .withHeader("x-amz-Checksum-Algorithm", "SHA256").withHeader("Content-Type",
                                "application/json").withBody("{}").build();
            }
            case "CompleteSnapshot" -> {
                Snap s = ebsSnapshot(region, q.get("SnapshotId"));
                int count = Integer.parseInt(required(q, "ChangedBlocksCount"));
                MessageDigest linear = digest();
                s.digests.values().forEach(linear::update);
                String aggregate = Base64.getEncoder().encodeToString(linear.digest());
                boolean ok = count == s.digests.size() && "LINEAR".equals(q.get("ChecksumAggregationMethod"))
                        && aggregate.equals(q.get("Checksum"));
                s.state = ok ? "completed" : "error";
                return Wire.json(202, "application/json", Wire.JSON.createObjectNode().put("Status", "pending"));
            }
            default -> throw new AwsError(404, "ResourceNotFoundException", "no such operation: " + p.action());
        }
    }

    private Snap ebsSnapshot(String region, String id) {
        Snap s = snaps(region).get(id);
        if (s == null) {
            throw new AwsError(404, "ResourceNotFoundException", "snapshot " + id + " does not exist");
        }
        return s;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    // ---- STS ---------------------------------------------------------------------------------------------------

    synchronized ResponseDefinition sts(String accessKey, Wire.Parsed p) {
        String account = accounts.getOrDefault(accessKey, AwsEmulator.ACCOUNT);
        switch (p.action()) {
            case "GetCallerIdentity" -> {
                return Wire.sts("GetCallerIdentity", "<Arn>arn:aws:iam::" + account + ":user/emulator</Arn>"
                        + "<UserId>AIDA" + account + "</UserId><Account>" + account + "</Account>");
            }
            case "AssumeRole" -> {
                String role = required(p.params(), "RoleArn");
                Matcher m = ROLE.matcher(role);
                if (!m.matches()) {
                    throw new AwsError(400, "ValidationError", "invalid role ARN " + role);
                }
                String key = "ASIA" + m.group(1) + "X" + (next++);
                accounts.put(key, m.group(1));
                String session = p.params().getOrDefault("RoleSessionName", "session");
                return Wire.sts("AssumeRole", "<Credentials><AccessKeyId>" + key + "</AccessKeyId>"
                        + "<SecretAccessKey>emulator-secret</SecretAccessKey><SessionToken>token-" + key
                        + "</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                        + "<AssumedRoleUser><Arn>" + role.replace(":iam::", ":sts::").replace(":role/",
                        ":assumed-role/") + "/" + session + "</Arn><AssumedRoleId>AROA" + m.group(1) + ":" + session
                        + "</AssumedRoleId></AssumedRoleUser>");
            }
            default -> throw new AwsError(400, "InvalidAction", "no such STS action " + p.action());
        }
    }

    // ---- SSM ---------------------------------------------------------------------------------------------------

    synchronized ResponseDefinition ssm(String region, Wire.Parsed p) {
        JsonNode body;
        try {
            body = Wire.JSON.readTree(p.text().isBlank() ? "{}" : p.text());
        } catch (IOException e) {
            throw new AwsError(400, "SerializationException", e.getMessage());
        }
        TreeMap<String, String[]> params = parameters.computeIfAbsent(region, r -> new TreeMap<>());
        String ct = "application/x-amz-json-1.1";
        switch (p.action()) {
            case "GetParameters" -> {
                namespace(region, body.path("Names"));
                if (body.path("Names").size() > 10) {
                    throw new AwsError(400, "ValidationException", "at most 10 names");
                }
                ObjectNode out = Wire.JSON.createObjectNode();
                ArrayNode found = out.putArray("Parameters");
                ArrayNode invalid = out.putArray("InvalidParameters");
                for (JsonNode n : body.path("Names")) {
                    String[] v = params.get(n.asText());
                    if (v == null) {
                        invalid.add(n.asText());
                    } else {
                        found.add(parameter(region, n.asText(), v));
                    }
                }
                return Wire.json(200, ct, out);
            }
            case "GetParameter" -> {
                String name = body.path("Name").asText();
                namespace(region, Wire.JSON.createArrayNode().add(name));
                String[] v = params.get(name);
                if (v == null) {
                    throw new AwsError(400, "ParameterNotFound", "parameter " + name + " not found");
                }
                ObjectNode out = Wire.JSON.createObjectNode();
                out.set("Parameter", parameter(region, name, v));
                return Wire.json(200, ct, out);
            }
            case "PutParameter" -> {
                String name = body.path("Name").asText();
                if (!body.path("Overwrite").asBoolean(false) && params.containsKey(name)) {
                    throw new AwsError(400, "ParameterAlreadyExists", "The parameter already exists.");
                }
                putParameter(region, name, body.path("Value").asText());
                // As in AWS, a region's namespace becomes valid once it holds a parameter.
                invalidNamespaces.remove(region);
                return Wire.json(200, ct, Wire.JSON.createObjectNode()
                        .put("Version", Integer.parseInt(params.get(name)[1])).put("Tier", "Standard"));
            }
            case "GetParametersByPath" -> {
                String path = body.path("Path").asText("/");
                namespace(region, Wire.JSON.createArrayNode().add(path));
                boolean recursive = body.path("Recursive").asBoolean(false);
                String prefix = path.endsWith("/") ? path : path + "/";
                List<String> names = new ArrayList<>();
                for (String name : params.keySet()) {
                    String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : null;
                    if (rest != null && (recursive || !rest.contains("/"))) {
                        names.add(name);
                    }
                }
                int start = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
                int max = body.path("MaxResults").asInt(10);
                ObjectNode out = Wire.JSON.createObjectNode();
                ArrayNode found = out.putArray("Parameters");
                for (int i = start; i < Math.min(names.size(), start + max); i++) {
                    found.add(parameter(region, names.get(i), params.get(names.get(i))));
                }
                if (start + max < names.size()) {
                    out.put("NextToken", String.valueOf(start + max));
                }
                return Wire.json(200, ct, out);
            }
            default -> throw new AwsError(400, "InvalidAction", "no such SSM action " + p.action());
        }
    }

    private void namespace(String region, JsonNode names) {
        if (invalidNamespaces.contains(region)) {
            throw new AwsError(400, "ValidationException", "The parameter " + (names.size() > 0
                    ? names.get(0).asText() : "") + " is not a valid namespace");
        }
    }

    private static ObjectNode parameter(String region, String name, String[] v) {
        return Wire.JSON.createObjectNode().put("Name", name).put("Type", "String").put("Value", v[0])
                .put("Version", Integer.parseInt(v[1])).put("DataType", "text")
                .put("ARN", "arn:aws:ssm:" + region + ":" + AwsEmulator.ACCOUNT + ":parameter" + name);
    }
}
