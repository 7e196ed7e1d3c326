package twoliter.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import twoliter.vendor.VendorPlan.Decision;

class VendorPlanTest {
    private static final VendorItem FILE = new VendorItem(VendorItem.Kind.FILE, "hello-2.10.tar.gz", "aa");
    private static final VendorItem KIT = new VendorItem(VendorItem.Kind.KIT, "core-kit", "kd");
    private static final VendorItem SDK = new VendorItem(VendorItem.Kind.SDK, "twoliter-sdk:0123", "sha256:1");

    private static List<Decision> decisions(VendorPlan plan) {
        return plan.steps().stream().map(VendorPlan.Step::decision).toList();
    }

    @Test
    void decide_emptyDirectory_copiesEverything() throws Exception {
        VendorPlan plan = VendorPlan.decide(List.of(FILE, KIT, SDK), VendorConfig.none(), Map.of());

        assertThat(decisions(plan)).containsExactly(Decision.COPY, Decision.COPY, Decision.COPY);
        assertThat(plan.toCopy()).containsExactly(FILE, KIT, SDK);
    }

    @Test
    void decide_presentWithTheWantedDigest_doesNoWork() throws Exception {
        VendorPlan plan = VendorPlan.decide(List.of(FILE, KIT), VendorConfig.none(),
                Map.of(FILE.key(), "aa", KIT.key(), "kd"));

        assertThat(decisions(plan)).containsExactly(Decision.PRESENT, Decision.PRESENT);
        assertThat(plan.toCopy()).isEmpty();
        assertThat(plan.vendored()).containsExactly(FILE, KIT);
    }

    @Test
    void decide_presentWithAnotherDigest_isReplaced() throws Exception {
        VendorPlan plan = VendorPlan.decide(List.of(FILE), VendorConfig.none(), Map.of(FILE.key(), "bb"));

        assertThat(plan.toCopy()).containsExactly(FILE);
    }

    @Test
    void decide_ignored_isNeitherCopiedNorListed() throws Exception {
        VendorConfig config = new VendorConfig(Set.of("hello-2.10.tar.gz", "sdk"), Set.of());

        VendorPlan plan = VendorPlan.decide(List.of(FILE, KIT, SDK), config, Map.of());

        assertThat(decisions(plan)).containsExactly(Decision.IGNORED, Decision.COPY, Decision.IGNORED);
        assertThat(plan.vendored()).containsExactly(KIT);
    }

    @Test
    void decide_pinnedAndIntact_isKept() throws Exception {
        VendorConfig config = new VendorConfig(Set.of(), Set.of("core-kit"));

        VendorPlan plan = VendorPlan.decide(List.of(KIT), config, Map.of(KIT.key(), "kd"));

        assertThat(decisions(plan)).containsExactly(Decision.PINNED);
        assertThat(plan.toCopy()).isEmpty();
    }

    @Test
    void decide_pinnedButTheSourceChanged_isAnErrorNamingIt() {
        VendorConfig config = new VendorConfig(Set.of(), Set.of("hello-2.10.tar.gz", "core-kit"));

        assertThatThrownBy(() -> VendorPlan.decide(List.of(FILE, KIT), config,
                Map.of(FILE.key(), "old-digest", KIT.key(), "kd")))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("file 'hello-2.10.tar.gz' is pinned but does not match: hash mismatch:"
                        + " 'files/hello-2.10.tar.gz' has sha512 'old-digest', expected 'aa'").hasMessageContaining("remove the name from 'pin'")
                .hasMessageNotContaining("core-kit");
    }

    @Test
    void decide_pinnedButMissing_isAnError() {
        VendorConfig config = new VendorConfig(Set.of(), Set.of("core-kit"));

        assertThatThrownBy(() -> VendorPlan.decide(List.of(KIT), config, Map.of()))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("kit 'core-kit' is pinned but not in the vendor directory");
    }

    @Test
    void decide_pinOfANameTheProjectDoesNotVendor_isAnErrorNamingIt() {
        VendorConfig config = new VendorConfig(Set.of(), Set.of("core-kti", "hello-2.10.tar.gz"));

        assertThatThrownBy(() -> VendorPlan.decide(List.of(FILE, KIT, SDK), config, Map.of(FILE.key(), "aa")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("VENDOR.toml: 'pin' names 'core-kti', which is not among the items vendored for"
                        + " these targets and arches; the names are those of external files, kits and 'sdk' (here: core-kit, hello-2.10.tar.gz, sdk,"
                        + " twoliter-sdk:0123): fix the spelling or remove it from 'pin'");
    }

    @Test
    void decide_pinOfTheSdkAlias_matchesTheSdkImage() throws Exception {
        VendorConfig config = new VendorConfig(Set.of(), Set.of("sdk"));

        VendorPlan plan = VendorPlan.decide(List.of(SDK), config, Map.of(SDK.key(), "sha256:1"));

        assertThat(decisions(plan)).containsExactly(Decision.PINNED);
    }

    @Test
    void decide_pinnedFileWithOtherBytes_saysHashMismatchWithPathAndBothDigests() {
        String wanted = "ab".repeat(64);
        String actual = "cd".repeat(64);
        VendorItem file = new VendorItem(VendorItem.Kind.FILE, "hello-2.10.tar.gz", wanted);
        VendorConfig config = new VendorConfig(Set.of(), Set.of("hello-2.10.tar.gz"));

        assertThatThrownBy(() -> VendorPlan.decide(List.of(file), config, Map.of(file.key(), actual)))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("file 'hello-2.10.tar.gz' is pinned but does not match: hash mismatch:"
                        + " 'files/hello-2.10.tar.gz' has sha512 'cdcdcdcdcdcdcdcd…', expected 'abababababababab…'");
    }
}
