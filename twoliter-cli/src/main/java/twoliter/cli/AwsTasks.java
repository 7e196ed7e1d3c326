package twoliter.cli;

import buildsys.image.ImageNames;
import buildsys.manifest.ImageFeature;
import buildsys.manifest.ImageFormat;
import buildsys.manifest.Label;
import buildsys.manifest.ManifestKind;
import buildsys.manifest.PartitionPlan;
import buildsys.manifest.VariantName;
import buildsys.manifest.VariantSpec;
import common.Arch;
import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pubsys.PublishLog;
import pubsys.ami.AmiPermissions;
import pubsys.ami.AmiPermissionsRequest;
import pubsys.ami.AmiPublisher;
import pubsys.ami.AmiRecord;
import pubsys.ami.AmiRequest;
import pubsys.ami.AmiValidationRequest;
import pubsys.ami.AmiValidationResults;
import pubsys.ami.AmiValidationStatus;
import pubsys.ami.AmiValidator;
import pubsys.ami.ImageLayout;
import pubsys.ami.snapshot.AwsEbsSnapshotUploader;
import pubsys.aws.AwsClients;
import pubsys.aws.Ec2Arch;
import pubsys.aws.Sleeper;
import pubsys.infra.InfraConfig;
import pubsys.ssm.ParameterFile;
import pubsys.ssm.PromoteRequest;
import pubsys.ssm.SsmOutcome;
import pubsys.ssm.SsmPlan;
import pubsys.ssm.SsmPromoter;
import pubsys.ssm.SsmPublisher;
import pubsys.ssm.SsmRequest;
import pubsys.ssm.SsmValidation;
import pubsys.ssm.SsmValidator;
import pubsys.ssm.ValidateSsmRequest;
import pubsys.ssm.ValidationStatus;
import twoliter.project.BuildId;
import twoliter.project.Project;

/**
 * The AWS make tasks ({@code ami}, {@code ami-public}, {@code ami-private}, {@code grant-ami}, {@code revoke-ami},
 * {@code validate-ami}, {@code ssm}, {@code promote-ssm}, {@code validate-ssm}) with upstream's variables and file
 * names. With {@code dryRun} each prints the AWS calls it would make instead of making them.
 */
final class AwsTasks {
    private final TwoliterCommand root;
    private final Project project;
    private final Map<String, String> settings;
    private final Arch arch;
    private final Path workingDir;
    private final Console console;
    private final boolean dryRun;

    AwsTasks(TwoliterCommand root, Map<String, String> settings, Arch arch, boolean dryRun)
            throws TwoliterException {
        this.root = root;
        this.project = root.project();
        this.settings = settings;
        this.arch = arch;
        this.workingDir = root.environment().workingDir();
        this.console = root.console();
        this.dryRun = dryRun;
    }

    int run(String task) throws TwoliterException {
        return switch (task) {
            case "ami" -> ami();
            case "ami-public" -> permissions(AmiPermissionsRequest.Operation.GRANT,
                    new AmiPermissionsRequest.Principals(List.of(), List.of("all"), List.of(), List.of()));
            case "ami-private" -> permissions(AmiPermissionsRequest.Operation.REVOKE,
                    new AmiPermissionsRequest.Principals(List.of(), List.of("all"), List.of(), List.of()));
            case "grant-ami" -> permissions(AmiPermissionsRequest.Operation.GRANT, principals("GRANT_TO"));
            case "revoke-ami" -> permissions(AmiPermissionsRequest.Operation.REVOKE, principals("REVOKE_FROM"));
            case "validate-ami" -> validateAmi();
            case "ssm" -> ssm();
            case "promote-ssm" -> promoteSsm();
            case "validate-ssm" -> validateSsm();
            default -> throw new IllegalArgumentException(task);
        };
    }

    // ---- names and paths, as upstream's Makefile derives them -----------------------------------------------------

    private String variant() {
        return settings.getOrDefault("BUILDSYS_VARIANT", "aws-k8s-1.24");
    }

    private String buildId() {
        return BuildId.detect(project.root(), settings);
    }

    private String version() {
        return project.config().releaseVersion();
    }

    private ImageNames names() throws TwoliterException {
        return new ImageNames(settings.getOrDefault("BUILDSYS_NAME", "bottlerocket"), VariantName.parse(variant()),
                arch, version(), buildId());
    }

    /** {@code VARIANT_DIR}: build/images/<arch>-<variant>/<version>-<build>. */
    private Path variantDir() throws TwoliterException {
        ImageNames names = names();
        return project.root().resolve("build/images").resolve(names.variantDirName()).resolve(names.outputDirName());
    }

    /** {@code VARIANT_DIR/<NAME_FULL>-amis.json}. */
    private Path amisJson() throws TwoliterException {
        return variantDir().resolve(names().filePrefix() + "-" + settings.getOrDefault("AMI_DATA_FILE_SUFFIX",
                "amis.json"));
    }

    /** {@code VARIANT_DIR/<NAME_FULL>-ssm-params.json}. */
    private Path ssmParams() throws TwoliterException {
        return variantDir().resolve(names().filePrefix() + "-" + settings.getOrDefault("SSM_DATA_FILE_SUFFIX",
                "ssm-params.json"));
    }

    /** {@code VERSION_FULL}: <version>-<build id>. */
    private String versionFull() {
        return version() + "-" + buildId();
    }

    private InfraConfig infra() throws TwoliterException {
        return InfraConfig.load(path("PUBLISH_INFRA_CONFIG_PATH", "Infra.toml"), false);
    }

    /** {@code PUBLISH_REGIONS} (comma list), else Infra.toml's {@code [aws] regions}; may be empty. */
    private List<String> requestedRegions(InfraConfig infra) {
        String value = settings.get("PUBLISH_REGIONS");
        if (value != null && !value.isBlank()) {
            return List.copyOf(new LinkedHashSet<>(list(value)));
        }
        return infra.aws().regions();
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private boolean flag(String name) {
        return "true".equalsIgnoreCase(settings.getOrDefault(name, "").strip());
    }

    private Path path(String variable, String fallback) {
        String value = settings.get(variable);
        return value != null && !value.isBlank() ? workingDir.resolve(value) : project.root().resolve(fallback);
    }

    private PublishLog log() {
        return new ConsoleLog(console);
    }

    private int printPlan(String what, List<String> calls) {
        console.result("dry run: " + what + " would make these AWS calls (nothing was called):");
        calls.forEach(c -> console.result("  " + c));
        return 0;
    }

    private AwsClients clients(InfraConfig infra, String baseRegion) {
        return AwsClients.forRun(infra.aws(), baseRegion, settings);
    }

    // ---- ami --------------------------------------------------------------------------------------------------

    private VariantSpec variantSpec() throws TwoliterException {
        Label label = BuildCommand.find(root, ManifestKind.VARIANT, variant(), "variant");
        return (VariantSpec) root.buildsys().workspace().manifest(label).orElseThrow().metadata();
    }

    private int ami() throws TwoliterException {
        InfraConfig infra = infra();
        List<String> regions = requestedRegions(infra);
        if (regions.isEmpty()) {
            throw TwoliterException.badInput("no AWS regions to publish to: set -e PUBLISH_REGIONS=us-west-2 (a comma"
                    + " list; the first registers, the others get copies) or [aws] regions in '"
                    + path("PUBLISH_INFRA_CONFIG_PATH", "Infra.toml") + "'");
        }
        VariantSpec spec = variantSpec();
        if (spec.imageFormat() != ImageFormat.RAW) {
            throw TwoliterException.badInput("variant '" + variant() + "' has image-format '"
                    + spec.imageFormat().name().toLowerCase(java.util.Locale.ROOT) + "'; AMIs are made from raw"
                    + " images: set image-format = \"raw\" in variants/" + variant() + "/Cargo.toml");
        }
        ImageNames names = names();
        Path dir = variantDir();
        Path os = dir.resolve(names.osDisk(ImageFormat.RAW).fileName());
        if (!Files.isRegularFile(os)) {
            throw TwoliterException.badInput("there is no image '" + os + "' to publish; build it first: twoliter"
                    + " build variant " + variant() + " --arch " + arch);
        }
        Path data = dir.resolve(names.dataDisk(ImageFormat.RAW).fileName());
        boolean split = spec.imageLayout().partitionPlan() == PartitionPlan.SPLIT;
        if (split && !Files.isRegularFile(data)) {
            throw TwoliterException.badInput("the split layout of variant '" + variant() + "' needs the data image '"
                    + data + "', which is missing; build the variant again: twoliter build variant " + variant()
                    + " --arch " + arch);
        }
        buildsys.manifest.ImageLayout layout = spec.imageLayout();
        boolean secureBoot = spec.imageFeatures().contains(ImageFeature.UEFI_SECURE_BOOT);
        String name = settings.getOrDefault("PUBLISH_AMI_NAME", "").isBlank()
                ? settings.getOrDefault("BUILDSYS_NAME", "bottlerocket") + "-" + variant() + "-" + arch + "-v"
                + version() + "-" + buildId() : settings.get("PUBLISH_AMI_NAME").strip();
        String description = settings.getOrDefault("PUBLISH_AMI_DESCRIPTION", "").isBlank() ? name
                : settings.get("PUBLISH_AMI_DESCRIPTION");
        Path uefiData = project.root().resolve("sbkeys").resolve(settings.getOrDefault("BUILDSYS_SBKEYS_PROFILE",
                "local")).resolve("efi-vars.aws");
        AmiRequest request = new AmiRequest(os, split ? Optional.of(data) : Optional.empty(), uefiData,
                Ec2Arch.parse(arch.id()), name, Optional.of(description), regions,
                new ImageLayout(layout.osImageSizeGib(), layout.dataImageSizeGib(),
                        layout.publishImageSizeHintGib(), split ? ImageLayout.PartitionPlan.SPLIT
                        : ImageLayout.PartitionPlan.UNIFIED), secureBoot, Optional.of(amisJson()));
        try (AwsClients clients = clients(infra, regions.get(0))) {
            AmiPublisher publisher = new AmiPublisher(clients, Sleeper.REAL, UploadProgressBar.create(console,
                    flag("NO_PROGRESS")),
                    AwsEbsSnapshotUploader.Options.DEFAULT);
            if (dryRun) {
                return printPlan("ami '" + name + "'", publisher.plan(request));
            }
            Map<String, AmiRecord> amis = publisher.publish(request, log());
            linkAmis();
            amis.forEach((region, ami) -> console.result(region + " " + ami.id() + " " + ami.name()));
        }
        return 0;
    }

    /** Upstream's {@code <NAME_VARIANT>-amis.json} link to this build's amis.json. */
    private void linkAmis() throws TwoliterException {
        Path file = amisJson();
        Path link = file.resolveSibling(names().symlinkPrefix() + "-" + settings.getOrDefault("AMI_DATA_FILE_SUFFIX",
                "amis.json"));
        try {
            Path temp = link.resolveSibling("." + link.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, file.getFileName());
            AtomicFiles.move(temp, link);
        } catch (java.io.IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot link '" + link + "' to '" + file + "': "
                    + e.getMessage());
        }
    }

    // ---- publish-ami and validate-ami ---------------------------------------------------------------------------

    private AmiPermissionsRequest.Principals principals(String prefix) throws TwoliterException {
        AmiPermissionsRequest.Principals p = new AmiPermissionsRequest.Principals(
                list(settings.get(prefix + "_USERS")), list(settings.get(prefix + "_GROUPS")),
                list(settings.get(prefix + "_ORGS")), list(settings.get(prefix + "_ORG_UNITS")));
        if (p.isEmpty()) {
            throw TwoliterException.badInput("none of " + prefix + "_USERS, " + prefix + "_GROUPS, " + prefix
                    + "_ORGS or " + prefix + "_ORG_UNITS is set; name whom to "
                    + (prefix.startsWith("GRANT") ? "grant to" : "revoke from") + ", e.g. -e " + prefix
                    + "_USERS=123456789012");
        }
        return p;
    }

    private int permissions(AmiPermissionsRequest.Operation operation, AmiPermissionsRequest.Principals who)
            throws TwoliterException {
        InfraConfig infra = infra();
        AmiPermissionsRequest request = new AmiPermissionsRequest(amisJson(), requestedRegions(infra), operation,
                who);
        if (dryRun) {
            return printPlan(operation.toString() + " AMI permissions", AmiPermissions.plan(request));
        }
        List<String> regions = AmiPermissions.regions(request);
        try (AwsClients clients = clients(infra, regions.get(0))) {
            new AmiPermissions(clients, Sleeper.REAL).modify(request, log());
        }
        return 0;
    }

    private int validateAmi() throws TwoliterException {
        InfraConfig infra = infra();
        String resultsPath = settings.get("AMI_VALIDATION_RESULTS_PATH");
        Set<AmiValidationStatus> filter = statuses(settings.get("AMI_VALIDATION_RESULTS_FILTER"));
        if (!filter.isEmpty() && (resultsPath == null || resultsPath.isBlank())) {
            throw TwoliterException.badInput("AMI_VALIDATION_RESULTS_FILTER needs AMI_VALIDATION_RESULTS_PATH: set"
                    + " where to write the results");
        }
        AmiValidationRequest request = new AmiValidationRequest(amisJson(), resultsPath == null
                || resultsPath.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(workingDir.resolve(resultsPath)), filter);
        if (dryRun) {
            return printPlan("validate-ami", AmiValidator.plan(request));
        }
        List<String> regions = requestedRegions(infra);
        // Upstream requires [aws] regions for the base (STS) region; the file's first region serves as well.
        String base = regions.isEmpty() ? pubsys.ami.AmisFile.read(request.expectedAmis()).keySet().stream()
                .findFirst().orElse("us-east-1") : regions.get(0);
        try (AwsClients clients = clients(infra, base)) {
            AmiValidationResults results = new AmiValidator(clients).validate(request, log());
            if (flag("JSON_OUTPUT")) {
                console.result(results.renderSummaryJson());
            } else {
                console.result(String.format("%-16s %8s %10s %8s %12s", "region", "correct", "incorrect", "missing",
                        "unreachable"));
                results.summary().forEach((region, c) -> console.result(String.format("%-16s %8d %10d %8d %12d",
                        region, c.correct(), c.incorrect(), c.missing(), c.unreachable())));
            }
        }
        return 0;
    }

    private static Set<AmiValidationStatus> statuses(String value) throws TwoliterException {
        Set<AmiValidationStatus> out = new java.util.HashSet<>();
        for (String s : list(value)) {
            out.add(AmiValidationStatus.parse(s));
        }
        return out;
    }

    // ---- SSM parameters -------------------------------------------------------------------------------------------

    /** Requested regions, else those of {@code file} when it exists (upstream would require [aws] regions). */
    private List<String> regionsOr(InfraConfig infra, Path file) throws TwoliterException {
        List<String> regions = requestedRegions(infra);
        if (regions.isEmpty() && Files.isRegularFile(file)) {
            regions = List.copyOf(pubsys.ami.AmisFile.read(file).keySet());
        }
        if (regions.isEmpty()) {
            throw TwoliterException.badInput("no AWS regions: set -e PUBLISH_REGIONS=us-west-2 or [aws] regions in '"
                    + path("PUBLISH_INFRA_CONFIG_PATH", "Infra.toml") + "'");
        }
        return regions;
    }

    private Path ssmTemplates() {
        return path("PUBLISH_SSM_TEMPLATES_PATH", "policies/ssm/defaults.toml");
    }

    private int printSsmPlan(String what, SsmPlan plan) {
        List<String> lines = new ArrayList<>();
        plan.parameters().forEach((key, value) -> lines.add("parameter " + key.region() + " " + key.name() + " = "
                + value));
        plan.calls().forEach(c -> lines.add(c.toString()));
        return printPlan(what, lines);
    }

    private int ssm() throws TwoliterException {
        InfraConfig infra = infra();
        Path amis = amisJson();
        if (!Files.isRegularFile(amis)) {
            throw TwoliterException.badInput("there is no '" + amis + "' to publish parameters for; run 'twoliter make"
                    + " ami' for variant " + variant() + " and " + arch + " first");
        }
        List<String> regions = regionsOr(infra, amis);
        SsmRequest request = new SsmRequest(amis, regions, Ec2Arch.parse(arch.id()), variant(), versionFull(),
                ssmTemplates(), infra.aws().ssmPrefix(), flag("ALLOW_CLOBBER"), flag("ALLOW_PRIVATE_IMAGES"),
                Optional.of(ssmParams()));
        try (AwsClients clients = clients(infra, regions.get(0))) {
            SsmPublisher publisher = new SsmPublisher(clients, Sleeper.REAL, log());
            if (dryRun) {
                return printSsmPlan("ssm", publisher.plan(request));
            }
            SsmOutcome outcome = publisher.publish(request);
            console.info("set " + outcome.changed().size() + " of " + outcome.parameters().size() + " parameters;"
                    + " wrote " + ssmParams());
        }
        return 0;
    }

    private int promoteSsm() throws TwoliterException {
        InfraConfig infra = infra();
        String target = settings.getOrDefault("SSM_TARGET", "").strip();
        if (target.isEmpty()) {
            throw TwoliterException.badInput("SSM_TARGET is not set: it names the version to promote to, e.g. -e"
                    + " SSM_TARGET=latest");
        }
        String source = settings.getOrDefault("SSM_SOURCE", "").isBlank() ? versionFull()
                : settings.get("SSM_SOURCE").strip();
        List<String> regions = regionsOr(infra, amisJson());
        PromoteRequest request = new PromoteRequest(regions, Ec2Arch.parse(arch.id()), variant(), source, target,
                ssmTemplates(), infra.aws().ssmPrefix(), Optional.of(ssmParams()));
        try (AwsClients clients = clients(infra, regions.get(0))) {
            SsmPromoter promoter = new SsmPromoter(clients, Sleeper.REAL, log());
            if (dryRun) {
                return printSsmPlan("promote-ssm " + source + " -> " + target, promoter.plan(request));
            }
            SsmOutcome outcome = promoter.promote(request);
            console.info("promoted " + outcome.changed().size() + " parameters from " + source + " to " + target);
        }
        return 0;
    }

    private int validateSsm() throws TwoliterException {
        InfraConfig infra = infra();
        Path expected = ssmParams();
        if (!Files.isRegularFile(expected)) {
            throw TwoliterException.badInput("there is no '" + expected + "' to validate against; run 'twoliter make"
                    + " ssm' first");
        }
        String resultsPath = settings.getOrDefault("SSM_VALIDATION_RESULTS_PATH", "");
        Set<ValidationStatus> filter = new java.util.HashSet<>();
        for (String status : list(settings.get("SSM_VALIDATION_RESULTS_FILTER"))) {
            filter.add(ValidationStatus.parse(status));
        }
        if (!filter.isEmpty() && resultsPath.isBlank()) {
            throw TwoliterException.badInput("SSM_VALIDATION_RESULTS_FILTER needs SSM_VALIDATION_RESULTS_PATH: set"
                    + " where to write the results");
        }
        ValidateSsmRequest request = new ValidateSsmRequest(expected, infra.aws().ssmPrefix(),
                flag("SSM_CHECK_UNEXPECTED"));
        List<String> regions = requestedRegions(infra);
        String base = regions.isEmpty() ? ParameterFile.read(expected).keySet().stream().map(k -> k.region())
                .findFirst().orElse("us-east-1") : regions.get(0);
        try (AwsClients clients = clients(infra, base)) {
            SsmValidator validator = new SsmValidator(clients, Sleeper.REAL, log());
            if (dryRun) {
                return printSsmPlan("validate-ssm", validator.plan(request));
            }
            SsmValidation validation = validator.validate(request);
            console.result(flag("JSON_OUTPUT") ? validation.summaryJson() : validation.summaryTable());
            if (!resultsPath.isBlank()) {
                validation.writeResults(workingDir.resolve(resultsPath), filter);
            }
        }
        return 0;
    }
}
