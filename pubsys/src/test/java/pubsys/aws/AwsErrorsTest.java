package pubsys.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    @Test
    void describe_clientFailureWithoutMessage_namesTheCauseNotNull() {
        SdkClientException e = SdkClientException.builder().cause(new ConnectException()).build();

        assertThat(AwsErrors.describe("DescribeImages", "us-west-2", e)).isEqualTo("DescribeImages in us-west-2"
                + " failed: connection refused or host unreachable (ConnectException)");
    }
}
